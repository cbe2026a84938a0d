import { randomBytes } from "node:crypto";
import type { ConnectClient } from "@aws-sdk/client-connect";
import type * as pulumi from "@pulumi/pulumi";
import { accountFromArn, isAccountId } from "../aws/arn";
import { configureStack, connectionFor, connectionKey } from "../aws/connection";
import { ConnectionArgs, connectionProblem, parseStackSettings } from "../aws/connectionSettings";
import { AccountScope, verify, withAccountScope } from "../aws/gate";
import { instanceArn, listTags, readAttribute, tag, untag, writeAttribute } from "./instanceAttributeCalls";
import { claimKey, claimValue, conflictProblem, originalKey, otherClaims, recordedOriginal } from "./instanceAttributeClaims";

// This module *is* the dynamic provider of ConnectInstanceAttributeSettings (see
// roleCheckProvider.ts for why): it sets instance attributes with UpdateInstanceAttribute. Its
// Connect client comes from the same connection as the roles' (stack config aws:*, the
// `connection` input) and goes through the same account gate. Several stacks may manage one
// attribute: each claims it with a tag on the instance, and the original value, recorded by the
// first, comes back only when the last one leaves (instanceAttributeClaims.ts).

export interface AttributeInputs {
    instanceId: string;
    /** Region of the instance; replaces `connection.region`. */
    region?: string;
    attributes: Record<string, boolean>;
    /** Where the instance lives, as for ServiceLinkedRole. */
    connection?: ConnectionArgs;
    /** Refuse every call unless the credentials act in this account. */
    expectedAccountId?: string;
    /** Who this resource is (`project/stack/resource`), written on its claims. */
    claimant?: string;
}

export interface AttributeOutputs extends AttributeInputs {
    /** Each attribute's original value (before any manager set it), restored by the last manager. */
    previous: Record<string, boolean>;
    /** This resource's claim id, minted at create: unique across stacks and backends. */
    claimId?: string;
    instanceArn?: string;
    accountId?: string;
}

const ATTRIBUTE_TYPE = /^[A-Z_]{3,64}$/;
const PROVIDER_KEY = "__provider";

/** Applies stack config exactly as the role provider does (aws:* keys read or refused at preview). */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureStack(parseStackSettings((key) => req.config.get(key)));
}

function connectionOf(props: AttributeInputs): ConnectionArgs | undefined {
    return props.region ? { ...props.connection, region: props.region } : props.connection;
}

function client(props: AttributeInputs): ConnectClient {
    return connectionFor(connectionOf(props)).connect();
}

function scopeOf(props: AttributeInputs & { accountId?: string }): AccountScope {
    return { subject: `Connect instance ${props.instanceId}`, recorded: props.accountId, expected: props.expectedAccountId };
}

/**
 * Attribute names must look like AWS's `AttributeType` values and values must be booleans. On an
 * instance whose claims show another stack setting an attribute to the other value, preview fails
 * naming that stack.
 */
export async function check(_olds: unknown, news: AttributeInputs): Promise<pulumi.dynamic.CheckResult<AttributeInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    if (typeof news.instanceId !== "string" || news.instanceId === "") failures.push({ property: "instanceId", reason: "must be the instance id" });
    for (const [name, value] of Object.entries(news.attributes ?? {})) {
        if (!ATTRIBUTE_TYPE.test(name)) failures.push({ property: `attributes.${name}`, reason: "is not an instance attribute type (e.g. CONTACTFLOW_LOGS)" });
        if (typeof value !== "boolean") failures.push({ property: `attributes.${name}`, reason: `must be true or false; got ${JSON.stringify(value)}` });
    }
    const badConnection = news.connection === undefined ? undefined : connectionProblem(news.connection);
    if (badConnection) failures.push({ property: "connection", reason: badConnection });
    if (news.expectedAccountId !== undefined && !isAccountId(news.expectedAccountId)) failures.push({ property: "expectedAccountId", reason: "must be a 12-digit account id" });
    if (failures.length > 0) return { failures };
    if (news.expectedAccountId !== undefined && isKnown(news)) await verify(connectionFor(connectionOf(news)), scopeOf(news));
    return { inputs: news };
}

/** Another instance, region or connection replaces the resource (the claims belong to the old instance). */
export async function diff(_id: string, olds: AttributeOutputs, news: AttributeInputs): Promise<pulumi.dynamic.DiffResult> {
    const moved = olds.instanceId !== news.instanceId || olds.region !== news.region || connectionKey(olds.connection) !== connectionKey(news.connection);
    const replaces = moved ? ["instanceId"] : [];
    const changes = moved || JSON.stringify(olds.attributes) !== JSON.stringify(news.attributes) || olds.expectedAccountId !== news.expectedAccountId;
    return { changes, replaces, deleteBeforeReplace: false };
}

/**
 * Claims each attribute (recording its original value when no manager has), then sets it. A
 * conflicting manager fails the create before any change.
 */
export async function create(inputs: AttributeInputs): Promise<pulumi.dynamic.CreateResult<AttributeOutputs>> {
    const connect = client(inputs);
    return withAccountScope(scopeOf(inputs), async () => {
        const arn = await instanceArn(connect, inputs.instanceId);
        const claimId = randomBytes(6).toString("hex");
        const base: AttributeOutputs = { ...stripProvider(inputs), previous: {}, claimId, instanceArn: arn, accountId: accountFromArn(arn) };
        const outs = await acquire(connect, base, inputs.attributes, (state) => partialState(state, inputs));
        return { id: `${inputs.instanceId}/attributes`, outs };
    });
}

/** Releases attributes no longer listed, then claims and sets the listed ones. */
export async function update(_id: string, olds: AttributeOutputs, news: AttributeInputs): Promise<pulumi.dynamic.UpdateResult<AttributeOutputs>> {
    const connect = client(news);
    return withAccountScope(scopeOf({ ...news, accountId: olds.accountId }), async () => {
        const arn = olds.instanceArn ?? (await instanceArn(connect, news.instanceId));
        const claimId = olds.claimId ?? randomBytes(6).toString("hex");
        const dropped = Object.keys(olds.previous ?? {}).filter((attribute) => !(attribute in news.attributes));
        const released = await release(connect, { ...olds, instanceArn: arn }, dropped);
        const previous = Object.fromEntries(Object.entries(olds.previous ?? {}).filter(([attribute]) => !released.includes(attribute)));
        const base: AttributeOutputs = { ...stripProvider(news), previous, claimId, instanceArn: arn, accountId: olds.accountId ?? accountFromArn(arn) };
        return { outs: await acquire(connect, base, news.attributes, (state) => partialState(state, news)) };
    });
}

/** Refresh reads the live values into the inputs, so drift shows up in the next preview. */
export async function read(id: string, props: AttributeOutputs): Promise<pulumi.dynamic.ReadResult<AttributeOutputs>> {
    const connect = client(props);
    return withAccountScope(scopeOf(props), async () => {
        const attributes: Record<string, boolean> = {};
        for (const attribute of Object.keys(props.attributes)) attributes[attribute] = await readAttribute(connect, props.instanceId, attribute);
        return { id, props: { ...props, attributes } };
    });
}

/** Removes this resource's claims; the last manager of an attribute puts its original value back. */
async function deleteAttributes(_id: string, props: AttributeOutputs): Promise<void> {
    const connect = client(props);
    await withAccountScope(scopeOf(props), async () => {
        let arn = props.instanceArn;
        try {
            arn ??= await instanceArn(connect, props.instanceId);
            await release(connect, { ...props, instanceArn: arn }, Object.keys(props.previous ?? {}));
        } catch (error) {
            // An instance already gone has nothing to restore.
            if ((error as { code?: string }).code === "ResourceNotFoundException") return;
            throw error;
        }
    });
}

export { deleteAttributes as delete };

/** Claims (and, when first, records the original of) each attribute, then sets it. */
async function acquire(connect: ConnectClient, state: AttributeOutputs, wanted: Record<string, boolean>, partial: (s: AttributeOutputs) => Error | undefined): Promise<AttributeOutputs> {
    const arn = state.instanceArn!;
    const tags = await listTags(connect, state.instanceId, arn);
    const conflicts = Object.entries(wanted).map(([a, v]) => conflictProblem(tags, a, v, state.claimId, state.instanceId)).filter((p): p is string => p !== undefined);
    if (conflicts.length > 0) throw new Error(conflicts.join("\n"));
    const tagging: Record<string, string> = {};
    const previous = { ...state.previous };
    const current: Record<string, boolean> = {};
    for (const [attribute, value] of Object.entries(wanted)) {
        const original = recordedOriginal(tags, attribute) ?? previous[attribute];
        if (original === undefined) {
            current[attribute] = await readAttribute(connect, state.instanceId, attribute);
            tagging[originalKey(attribute)] = String(current[attribute]);
        } else if (tags[originalKey(attribute)] === undefined) tagging[originalKey(attribute)] = String(original);
        previous[attribute] = original ?? current[attribute];
        tagging[claimKey(attribute, state.claimId!)] = claimValue(state.claimant ?? "unnamed stack", value);
    }
    // Claims go on before any change: an interrupted run leaves a claim, never an unrecorded change.
    await tag(connect, state.instanceId, arn, tagging);
    const claimed = { ...state, attributes: wanted, previous };
    try {
        for (const [attribute, value] of Object.entries(wanted)) {
            if (current[attribute] !== value) await writeAttribute(connect, state.instanceId, attribute, value);
        }
    } catch (error) {
        throw Object.assign(error as Error, partial(claimed) ?? {});
    }
    return claimed;
}

/**
 * Removes this resource's claims on `attributes`, reads the tags again (another manager may have
 * left at the same moment), and restores every attribute that no claim holds any more. Returns the
 * attributes released.
 */
async function release(connect: ConnectClient, state: AttributeOutputs, attributes: string[]): Promise<string[]> {
    if (attributes.length === 0) return [];
    const arn = state.instanceArn!;
    if (state.claimId) await untag(connect, state.instanceId, arn, attributes.map((a) => claimKey(a, state.claimId!)));
    const tags = await listTags(connect, state.instanceId, arn);
    const done: string[] = [];
    for (const attribute of attributes) {
        const others = otherClaims(tags, attribute, state.claimId);
        if (others.length > 0) {
            process.stderr.write(`warning: ConnectInstanceAttributeSettings: ${attribute} of Connect instance ${state.instanceId} stays as it is: ${others.map((c) => c.claimant).join(", ")} still manage it; the last one to leave restores the original value.\n`);
            continue;
        }
        const original = recordedOriginal(tags, attribute) ?? state.previous?.[attribute];
        if (original !== undefined) await writeAttribute(connect, state.instanceId, attribute, original);
        done.push(attribute);
    }
    await untag(connect, state.instanceId, arn, done.filter((a) => tags[originalKey(a)] !== undefined).map(originalKey));
    return attributes;
}

/** The error properties that let the engine keep a resource whose claims are already on the instance. */
function partialState(state: AttributeOutputs, inputs: AttributeInputs): Error | undefined {
    const provider = (inputs as unknown as Record<string, unknown>)[PROVIDER_KEY];
    return { id: `${state.instanceId}/attributes`, properties: { ...state, [PROVIDER_KEY]: provider } } as unknown as Error;
}

function stripProvider(inputs: AttributeInputs): AttributeInputs {
    const { [PROVIDER_KEY]: _provider, ...rest } = inputs as unknown as Record<string, unknown>;
    return rest as unknown as AttributeInputs;
}

function isKnown(value: unknown): boolean {
    if (typeof value === "string") return value !== "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    if (Array.isArray(value)) return value.every(isKnown);
    if (value && typeof value === "object") return Object.values(value).every(isKnown);
    return true;
}
