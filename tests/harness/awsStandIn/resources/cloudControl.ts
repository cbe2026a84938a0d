// aws:cloudcontrol/resource:Resource, for the CloudFormation types ConnectInstance uses through
// the Cloud Control API. moto has no Cloud Control: the Connect types are kept in the stand-in's
// store under their instance (like the other associations), AWS::Lex::ResourcePolicy goes to
// moto's Lex V2 resource policies.
import { CreateResourcePolicyCommand, DeleteResourcePolicyCommand, UpdateResourcePolicyCommand } from "@aws-sdk/client-lex-models-v2";
import { randomBytes } from "node:crypto";
import { clients, regionOf } from "../clients";
import type { Failure, ResourceHandler } from "../handler";
import { InstanceRecord, readInstance, updateInstance } from "../store";
import { Props, UNKNOWN } from "../values";
import { operation, requireInputs } from "./common";
import { addLambdaPermission, addLexV2Statement, lexPolicy, removeLambdaPermission, removeLexV2Statement } from "./connectGrants";
import { describeInstance, requireInstance } from "./connectInstance";

/** One CloudFormation type, emulated. `model` is the desired state; ids follow the type's primaryIdentifier. */
interface CloudControlType {
    /** createOnlyProperties of the type's CloudFormation schema: a change replaces the resource. */
    createOnly: string[];
    required: string[];
    create(model: Props, region: string): Promise<{ identifier: string; properties: Props }>;
    exists(identifier: string, region: string): Promise<boolean>;
    update?(identifier: string, before: Props, after: Props, region: string): Promise<Props>;
    remove(identifier: string, region: string): Promise<void>;
}

const INSTANCE_ARN = /^arn:[^:]+:connect:[a-z0-9-]+:\d{12}:instance\/([A-Za-z0-9-]+)$/;
const instanceIdOf = (idOrArn: string) => INSTANCE_ARN.exec(idOrArn)?.[1] ?? idOrArn;

/** A Connect sub-resource kept in the instance's record. */
function connectAssociation(
    typeName: string,
    createOnly: string[],
    key: (model: Props) => string,
    add: (record: InstanceRecord, model: Props) => string | undefined,
    has: (record: InstanceRecord, part: string) => boolean,
    drop: (record: InstanceRecord, part: string) => void,
): CloudControlType {
    return {
        createOnly,
        required: createOnly,
        async create(model, region) {
            const instanceId = instanceIdOf(model.InstanceId);
            const what = `creating ${typeName} ${key(model)} on Connect instance ${instanceId}`;
            await requireInstance(instanceId, region, what);
            let part: string | undefined;
            updateInstance(instanceId, (r) => {
                part = add(r!, model);
                return r;
            });
            if (part === undefined) throw new Error(`${what}: AlreadyExists: already associated with the instance`);
            return { identifier: `${model.InstanceId}|${part}`, properties: { ...model, ...(typeName === "AWS::Connect::SecurityKey" ? { AssociationId: part } : {}) } };
        },
        async exists(identifier, region) {
            const [instanceArn, part] = splitIdentifier(identifier);
            const instanceId = instanceIdOf(instanceArn);
            if (!(await describeInstance(instanceId, region))) return false;
            const record = readInstance(instanceId);
            return record !== undefined && has(record, part);
        },
        async remove(identifier) {
            const [instanceArn, part] = splitIdentifier(identifier);
            updateInstance(instanceIdOf(instanceArn), (r) => {
                if (r) drop(r, part);
                return r;
            });
        },
    };
}

/** `<instance ARN>|<rest>`: the rest may itself hold `|`. */
function splitIdentifier(identifier: string): [string, string] {
    const at = identifier.indexOf("|");
    return [identifier.slice(0, at), identifier.slice(at + 1)];
}

/**
 * The implemented types, with createOnlyProperties from their CloudFormation resource schemas
 * (CloudFormation resource reference: AWS::Connect::IntegrationAssociation, all three properties;
 * AWS::Connect::ApprovedOrigin, InstanceId and Origin; AWS::Connect::SecurityKey, InstanceId and
 * Key; AWS::Lex::ResourcePolicy, ResourceArn, while Policy is updatable).
 */
export const CLOUD_CONTROL_TYPES: Record<string, CloudControlType> = {
    "AWS::Connect::IntegrationAssociation": withTargetWrites(
        connectAssociation(
            "AWS::Connect::IntegrationAssociation",
            ["InstanceId", "IntegrationType", "IntegrationArn"],
            (m) => `${m.IntegrationType} ${m.IntegrationArn}`,
            (r, m) => {
                if (Object.values(r.integrations).some((i) => i.integrationArn === m.IntegrationArn)) return undefined;
                r.integrations[randomBytes(18).toString("hex")] = { integrationType: m.IntegrationType, integrationArn: m.IntegrationArn };
                return `${m.IntegrationType}|${m.IntegrationArn}`;
            },
            (r, part) => Object.values(r.integrations).some((i) => `${i.integrationType}|${i.integrationArn}` === part),
            (r, part) => {
                for (const [k, i] of Object.entries(r.integrations)) if (`${i.integrationType}|${i.integrationArn}` === part) delete r.integrations[k];
            },
        ),
    ),
    "AWS::Connect::ApprovedOrigin": connectAssociation(
        "AWS::Connect::ApprovedOrigin",
        ["InstanceId", "Origin"],
        (m) => m.Origin,
        (r, m) => {
            if ((r.approvedOrigins ?? []).includes(m.Origin)) return undefined;
            r.approvedOrigins = [...(r.approvedOrigins ?? []), m.Origin];
            return m.Origin;
        },
        (r, part) => (r.approvedOrigins ?? []).includes(part),
        (r, part) => {
            r.approvedOrigins = (r.approvedOrigins ?? []).filter((o) => o !== part);
        },
    ),
    "AWS::Connect::SecurityKey": connectAssociation(
        "AWS::Connect::SecurityKey",
        ["InstanceId", "Key"],
        () => "security key",
        (r, m) => {
            if (Object.values(r.securityKeys ?? {}).includes(m.Key)) return undefined;
            const id = randomBytes(16).toString("hex");
            r.securityKeys = { ...(r.securityKeys ?? {}), [id]: m.Key };
            return id;
        },
        (r, part) => part in (r.securityKeys ?? {}),
        (r, part) => {
            if (r.securityKeys) delete r.securityKeys[part];
        },
    ),
    "AWS::Lex::ResourcePolicy": {
        createOnly: ["ResourceArn"],
        required: ["ResourceArn", "Policy"],
        async create(model, region) {
            // The CloudFormation resource handler contract: create fails with AlreadyExists when the
            // resource (here the one policy an alias has) exists, so it never overwrites Connect's statement.
            if (await lexPolicy(model.ResourceArn, region)) {
                throw new Error(`creating Lex V2 resource policy on ${model.ResourceArn}: AlreadyExists: the alias already has a resource policy (Amazon Connect writes its own statement there at association)`);
            }
            const out = await operation("creating Lex V2 resource policy on", model.ResourceArn, () =>
                clients.lex(region).send(new CreateResourcePolicyCommand({ resourceArn: model.ResourceArn, policy: JSON.stringify(model.Policy) })),
            );
            return { identifier: model.ResourceArn, properties: { ...model, Id: model.ResourceArn, RevisionId: out.revisionId } };
        },
        exists: async (identifier, region) => (await lexPolicyRevision(identifier, region)) !== undefined,
        async update(identifier, _before, after, region) {
            const revision = await lexPolicyRevision(identifier, region);
            const out = await clients.lex(region).send(new UpdateResourcePolicyCommand({ resourceArn: identifier, policy: JSON.stringify(after.Policy), expectedRevisionId: revision }));
            return { ...after, Id: identifier, RevisionId: out.revisionId };
        },
        async remove(identifier, region) {
            const revision = await lexPolicyRevision(identifier, region);
            if (revision !== undefined) await clients.lex(region).send(new DeleteResourcePolicyCommand({ resourceArn: identifier, expectedRevisionId: revision }));
        },
    },
};

/** The policy's revision, or undefined when there is none. */
async function lexPolicyRevision(resourceArn: string, region: string): Promise<string | undefined> {
    return (await lexPolicy(resourceArn, region))?.revisionId;
}

/**
 * AWS::Connect::IntegrationAssociation with what Connect writes to the target at association: its
 * statement in a Lex V2 alias's policy, its permission on a Lambda function (sources in
 * connectGrants.ts). The association is recorded first (it checks the instance and duplicates);
 * a failed write undoes it.
 */
function withTargetWrites(base: CloudControlType): CloudControlType {
    const write = async (model: Props, add: boolean) => {
        if (model.IntegrationType === "LEX_BOT") await (add ? addLexV2Statement : removeLexV2Statement)(model.IntegrationArn, model.InstanceId);
        if (model.IntegrationType === "LAMBDA_FUNCTION") await (add ? addLambdaPermission : removeLambdaPermission)(model.IntegrationArn, model.InstanceId);
    };
    return {
        ...base,
        async create(model, region) {
            const created = await base.create(model, region);
            try {
                await write(model, true);
            } catch (error) {
                await base.remove(created.identifier, region);
                throw error;
            }
            return created;
        },
        async remove(identifier, region) {
            const existed = await base.exists(identifier, region);
            await base.remove(identifier, region);
            const [instanceArn, rest] = splitIdentifier(identifier);
            const [type, ...arn] = rest.split("|");
            if (existed) await write({ InstanceId: instanceArn, IntegrationType: type, IntegrationArn: arn.join("|") }, false);
        },
    };
}

function desired(props: Props): Props {
    try {
        return typeof props.desiredState === "string" ? JSON.parse(props.desiredState) : (props.desiredState ?? {});
    } catch {
        return {};
    }
}

export const cloudControlHandler: ResourceHandler = {
    inputs: ["typeName", "desiredState", "region", "roleArn", "schema", "typeVersionId"],
    computedInputs: ["region"],
    check(news) {
        const failures: Failure[] = requireInputs(news, "typeName", "desiredState");
        const type = CLOUD_CONTROL_TYPES[news.typeName];
        if (typeof news.typeName === "string" && !type) {
            failures.push({ property: "typeName", reason: `the AWS stand-in emulates only ${Object.keys(CLOUD_CONTROL_TYPES).join(", ")} through Cloud Control, not ${news.typeName}` });
        }
        if (type && typeof news.desiredState === "string" && !news.desiredState.includes(UNKNOWN)) {
            const missing = type.required.filter((p) => desired(news)[p] === undefined);
            if (missing.length > 0) failures.push({ property: "desiredState", reason: `${news.typeName} needs ${missing.join(", ")}` });
        }
        return failures;
    },
    extraReplaces(olds, news) {
        const before = desired(olds);
        const after = desired(news);
        const createOnly = CLOUD_CONTROL_TYPES[news.typeName]?.createOnly ?? [];
        return createOnly.some((p) => JSON.stringify(before[p]) !== JSON.stringify(after[p])) ? ["desiredState"] : [];
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const { identifier, properties } = await CLOUD_CONTROL_TYPES[inputs.typeName].create(desired(inputs), region);
        return { id: identifier, outs: { ...inputs, properties: JSON.stringify(properties), region } };
    },
    async read(id, state) {
        return (await CLOUD_CONTROL_TYPES[state.typeName].exists(id, regionOf(state))) ? state : undefined;
    },
    async update(id, olds, news) {
        const type = CLOUD_CONTROL_TYPES[news.typeName];
        const region = regionOf(news);
        if (!type.update) return { ...olds, ...news };
        const properties = await type.update(id, desired(olds), desired(news), region);
        return { ...news, properties: JSON.stringify(properties), region };
    },
    async delete(id, state) {
        await CLOUD_CONTROL_TYPES[state.typeName].remove(id, regionOf(state));
    },
};
