import type { ConnectClient } from "@aws-sdk/client-connect";
import type * as pulumi from "@pulumi/pulumi";
import { awsErrorCode, DEFAULT_MAX_ATTEMPTS, HTTP_TIMEOUTS } from "../iam/client";

// This module *is* the dynamic provider of ConnectInstanceAttributeSettings (see
// roleCheckProvider.ts for why): it sets instance attributes with UpdateInstanceAttribute and puts
// the previous values back on delete. The SDK loads inside each call so state never holds it.

export interface AttributeInputs {
    instanceId: string;
    region?: string;
    attributes: Record<string, boolean>;
}

export interface AttributeOutputs extends AttributeInputs {
    previous: Record<string, boolean>;
}

const ATTRIBUTE_TYPE = /^[A-Z_]{3,64}$/;

function client(region: string | undefined): ConnectClient {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ConnectClient: Client } = require("@aws-sdk/client-connect") as typeof import("@aws-sdk/client-connect");
    const chosen = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    return new Client({ region: chosen, maxAttempts: DEFAULT_MAX_ATTEMPTS, retryMode: "standard", requestHandler: { ...HTTP_TIMEOUTS } });
}

/** Names the operation, instance and attribute, and says what to do next. */
function failure(operation: string, inputs: AttributeInputs, attribute: string, cause: unknown): Error {
    const code = awsErrorCode(cause) ?? "error";
    const detail = cause instanceof Error ? cause.message : String(cause);
    const next = code === "AccessDeniedException" ? "; the deployer needs connect:DescribeInstanceAttribute and connect:UpdateInstanceAttribute on the instance, and iam:PutRolePolicy on its service-linked role (Connect adds a feature's permissions to that role with the caller's credentials)" : "";
    return new Error(`${operation} ${attribute} on Connect instance ${inputs.instanceId} failed (${code}): ${detail}${next}`);
}

async function readAttribute(connect: ConnectClient, inputs: AttributeInputs, attribute: string): Promise<boolean> {
    const { DescribeInstanceAttributeCommand } = await import("@aws-sdk/client-connect");
    try {
        const out = await connect.send(new DescribeInstanceAttributeCommand({ InstanceId: inputs.instanceId, AttributeType: attribute as never }));
        return out.Attribute?.Value === "true";
    } catch (error) {
        throw failure("DescribeInstanceAttribute", inputs, attribute, error);
    }
}

async function writeAttribute(connect: ConnectClient, inputs: AttributeInputs, attribute: string, value: boolean): Promise<void> {
    const { UpdateInstanceAttributeCommand } = await import("@aws-sdk/client-connect");
    try {
        await connect.send(new UpdateInstanceAttributeCommand({ InstanceId: inputs.instanceId, AttributeType: attribute as never, Value: String(value) }));
    } catch (error) {
        throw failure("UpdateInstanceAttribute", inputs, attribute, error);
    }
}

/** Attribute names must look like AWS's `AttributeType` values and values must be booleans. */
export async function check(_olds: unknown, news: AttributeInputs): Promise<pulumi.dynamic.CheckResult<AttributeInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (typeof news.instanceId !== "string" || news.instanceId === "") failures.push({ property: "instanceId", reason: "must be the instance id" });
    for (const [name, value] of Object.entries(news.attributes ?? {})) {
        if (!ATTRIBUTE_TYPE.test(name)) failures.push({ property: `attributes.${name}`, reason: "is not an instance attribute type (e.g. CONTACTFLOW_LOGS)" });
        if (typeof value !== "boolean") failures.push({ property: `attributes.${name}`, reason: `must be true or false; got ${JSON.stringify(value)}` });
    }
    return failures.length > 0 ? { failures } : { inputs: news };
}

/** Another instance replaces the resource (the previous values belong to the old one). */
export async function diff(_id: string, olds: AttributeOutputs, news: AttributeInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = olds.instanceId !== news.instanceId || olds.region !== news.region ? ["instanceId"] : [];
    const changes = replaces.length > 0 || JSON.stringify(olds.attributes) !== JSON.stringify(news.attributes);
    return { changes, replaces, deleteBeforeReplace: false };
}

/** Records each attribute's current value, then sets the wanted one. */
export async function create(inputs: AttributeInputs): Promise<pulumi.dynamic.CreateResult<AttributeOutputs>> {
    const connect = client(inputs.region);
    const previous: Record<string, boolean> = {};
    for (const [attribute, value] of Object.entries(inputs.attributes)) {
        previous[attribute] = await readAttribute(connect, inputs, attribute);
        if (previous[attribute] !== value) await writeAttribute(connect, inputs, attribute, value);
    }
    return { id: `${inputs.instanceId}/attributes`, outs: { ...inputs, previous } };
}

/** Sets the new values; attributes no longer listed go back to their recorded previous value. */
export async function update(_id: string, olds: AttributeOutputs, news: AttributeInputs): Promise<pulumi.dynamic.UpdateResult<AttributeOutputs>> {
    const connect = client(news.region);
    const previous = { ...olds.previous };
    for (const [attribute, value] of Object.entries(olds.previous)) {
        if (!(attribute in news.attributes)) {
            await writeAttribute(connect, news, attribute, value);
            delete previous[attribute];
        }
    }
    for (const [attribute, value] of Object.entries(news.attributes)) {
        if (!(attribute in previous)) previous[attribute] = await readAttribute(connect, news, attribute);
        await writeAttribute(connect, news, attribute, value);
    }
    return { outs: { ...news, previous } };
}

/** Refresh reads the live values into the inputs, so drift shows up in the next preview. */
export async function read(id: string, props: AttributeOutputs): Promise<pulumi.dynamic.ReadResult<AttributeOutputs>> {
    const connect = client(props.region);
    const attributes: Record<string, boolean> = {};
    for (const attribute of Object.keys(props.attributes)) attributes[attribute] = await readAttribute(connect, props, attribute);
    return { id, props: { ...props, attributes } };
}

/** Puts back the values found before; an instance already gone has nothing to restore. */
async function deleteAttributes(_id: string, props: AttributeOutputs): Promise<void> {
    const connect = client(props.region);
    for (const [attribute, value] of Object.entries(props.previous ?? {})) {
        try {
            await writeAttribute(connect, props, attribute, value);
        } catch (error) {
            if (/ResourceNotFoundException/.test(String(error))) return;
            throw error;
        }
    }
}

export { deleteAttributes as delete };
