// aws:connect/instance:Instance and the connect getInstance function. moto keeps the instance;
// the stand-in adds what moto's Connect lacks: the per-instance service-linked role (moto reports
// the account-wide AWSServiceRoleForAmazonConnect and creates no role), the instance attributes,
// and alias uniqueness.
import {
    CreateInstanceCommand,
    DeleteInstanceCommand,
    DescribeInstanceCommand,
    Instance,
    ListInstancesCommand,
    TagResourceCommand,
    UntagResourceCommand,
} from "@aws-sdk/client-connect";
import { clients, regionOf } from "../clients";
import type { Failure, ResourceHandler } from "../handler";
import { InstanceRecord, readInstance, updateInstance } from "../store";
import type { Props } from "../values";
import { accountId, operation, partitionOf, requireInputs, unlessNotFound } from "./common";
import { connectRoleArn, createInstanceRole, deleteInstanceRole } from "./connectRole";

/** Instance attributes (UpdateInstanceAttribute types) by input, with Terraform's defaults ("verified default result from ListInstanceAttributes()"). */
const ATTRIBUTES: Record<string, { type: string; default: boolean }> = {
    autoResolveBestVoicesEnabled: { type: "AUTO_RESOLVE_BEST_VOICES", default: true },
    contactFlowLogsEnabled: { type: "CONTACTFLOW_LOGS", default: false },
    contactLensEnabled: { type: "CONTACT_LENS", default: true },
    earlyMediaEnabled: { type: "EARLY_MEDIA", default: true },
    multiPartyConferenceEnabled: { type: "MULTI_PARTY_CONFERENCE", default: false },
    inboundCallsEnabled: { type: "INBOUND_CALLS", default: true },
    outboundCallsEnabled: { type: "OUTBOUND_CALLS", default: true },
};

/** API reference, Instance.InstanceAlias: 1-45 characters, this pattern. */
const ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;

/** moto's instance and the stand-in's record; a record whose instance moto lost is dropped. */
export async function describeInstance(instanceId: string, region: string): Promise<{ instance: Instance; record?: InstanceRecord } | undefined> {
    const found = await unlessNotFound(() => clients.connect(region).send(new DescribeInstanceCommand({ InstanceId: instanceId })));
    if (!found?.Instance) {
        if (readInstance(instanceId)) updateInstance(instanceId, () => undefined);
        return undefined;
    }
    return { instance: found.Instance, record: readInstance(instanceId) };
}

/**
 * The instance alias is the host name of the instance's access URL (`https://<alias>.my.connect.aws`,
 * API reference Instance.InstanceAccessUrl), so no two instances share one; the API reference
 * says the same of ReplicateInstance's ReplicaAlias ("must be unique"). The error code AWS uses
 * for a taken alias is not documented; the stand-in answers DuplicateResourceException.
 */
async function assertAliasFree(alias: string, region: string): Promise<void> {
    const connect = clients.connect(region);
    let NextToken: string | undefined;
    do {
        const page = await connect.send(new ListInstancesCommand({ NextToken }));
        if ((page.InstanceSummaryList ?? []).some((i) => i.InstanceAlias?.toLowerCase() === alias.toLowerCase())) {
            throw new Error(`creating Connect instance ${alias}: DuplicateResourceException: the instance alias ${alias} is already in use; choose another alias`);
        }
        NextToken = page.NextToken;
    } while (NextToken);
}

/**
 * CreateInstance as AWS does it: the instance, then its own service-linked role with the managed
 * policy. A failure after the instance exists removes it again, so nothing is left half-made.
 */
export async function createConnectInstance(inputs: Props): Promise<string> {
    const region = regionOf(inputs);
    if (inputs.instanceAlias) await assertAliasFree(inputs.instanceAlias, region);
    const connect = clients.connect(region);
    const created = await operation("creating Connect instance", inputs.instanceAlias ?? inputs.directoryId ?? "", () =>
        connect.send(
            new CreateInstanceCommand({
                IdentityManagementType: inputs.identityManagementType,
                InstanceAlias: inputs.instanceAlias,
                DirectoryId: inputs.directoryId,
                InboundCallsEnabled: inputs.inboundCallsEnabled,
                OutboundCallsEnabled: inputs.outboundCallsEnabled,
                Tags: inputs.tags && Object.keys(inputs.tags).length > 0 ? inputs.tags : undefined,
            }),
        ),
    );
    const instanceId = created.Id!;
    try {
        const roleName = await createInstanceRole();
        const attributes = Object.fromEntries(Object.entries(ATTRIBUTES).map(([input, a]) => [a.type, String(inputs[input] ?? a.default)]));
        updateInstance(instanceId, () => ({ roleName, attributes, storageConfigs: {}, lexBots: {}, lambdaFunctions: [], integrations: {} }));
    } catch (error) {
        await connect.send(new DeleteInstanceCommand({ InstanceId: instanceId }));
        throw error;
    }
    return instanceId;
}

/** DeleteInstance as AWS does it: the instance, its associations and its own role. */
export async function deleteConnectInstance(instanceId: string, region: string): Promise<void> {
    const found = await describeInstance(instanceId, region);
    if (!found) return;
    await unlessNotFound(() => clients.connect(region).send(new DeleteInstanceCommand({ InstanceId: instanceId })));
    if (found.record) await deleteInstanceRole(found.record.roleName);
    updateInstance(instanceId, () => undefined);
}

/** The instance in the shape of the Instance resource's and getInstance's outputs. */
export async function instanceOutputs(instanceId: string, region: string): Promise<Props | undefined> {
    const found = await describeInstance(instanceId, region);
    if (!found) return undefined;
    const { instance, record } = found;
    const account = instance.Arn!.split(":")[4];
    const attributes: Props = {};
    for (const [input, a] of Object.entries(ATTRIBUTES)) {
        const stored = record?.attributes[a.type];
        const fromMoto = input === "inboundCallsEnabled" ? instance.InboundCallsEnabled : input === "outboundCallsEnabled" ? instance.OutboundCallsEnabled : a.default;
        attributes[input] = stored === undefined ? fromMoto : stored === "true";
    }
    return {
        arn: instance.Arn,
        createdTime: new Date(instance.CreatedTime!).toISOString().replace(/\.\d{3}Z$/, "Z"),
        identityManagementType: instance.IdentityManagementType,
        instanceAlias: instance.InstanceAlias,
        // The instance's own role; an instance the stand-in did not create (made in moto directly)
        // keeps moto's account-wide role, like an instance from before per-instance roles.
        serviceRole: record ? connectRoleArn(partitionOf(region), account, record.roleName) : instance.ServiceRole,
        status: instance.InstanceStatus,
        tags: instance.Tags ?? {},
        tagsAll: instance.Tags ?? {},
        region,
        ...attributes,
    };
}

export const instanceHandler: ResourceHandler = {
    inputs: [...Object.keys(ATTRIBUTES), "directoryId", "identityManagementType", "instanceAlias", "region", "tags"],
    computedInputs: ["region", ...Object.keys(ATTRIBUTES).filter((k) => !["inboundCallsEnabled", "outboundCallsEnabled"].includes(k))],
    check(news) {
        const failures: Failure[] = requireInputs(news, "identityManagementType", "inboundCallsEnabled", "outboundCallsEnabled");
        if (typeof news.instanceAlias === "string" && (news.instanceAlias.length > 45 || !ALIAS.test(news.instanceAlias))) {
            failures.push({ property: "instanceAlias", reason: `must be 1-45 letters, digits and hyphens, not starting with d-; got ${JSON.stringify(news.instanceAlias)}` });
        }
        if (news.instanceAlias === undefined && news.directoryId === undefined) failures.push({ property: "instanceAlias", reason: "one of instanceAlias or directoryId is required" });
        return failures;
    },
    async create(inputs) {
        const id = await createConnectInstance(inputs);
        return { id, outs: { ...inputs, ...(await instanceOutputs(id, regionOf(inputs))) } };
    },
    async read(id, state) {
        const outs = await instanceOutputs(id, regionOf(state));
        return outs && { ...state, ...outs };
    },
    async update(id, olds, news) {
        const region = regionOf(news);
        const changed = Object.entries(ATTRIBUTES).filter(([input]) => news[input] !== undefined && news[input] !== olds[input]);
        updateInstance(id, (record) => {
            if (!record) throw new Error(`updating Connect instance ${id}: the stand-in has no record of it (was it made in moto directly?)`);
            for (const [input, a] of changed) record.attributes[a.type] = String(news[input]);
            return record;
        });
        await updateTags(id, region, olds.tags ?? {}, news.tags ?? {});
        return { ...news, ...(await instanceOutputs(id, region)) };
    },
    async delete(id, state) {
        await deleteConnectInstance(id, regionOf(state));
    },
};

async function updateTags(instanceId: string, region: string, before: Record<string, string>, after: Record<string, string>): Promise<void> {
    const found = await describeInstance(instanceId, region);
    if (!found) throw new Error(`updating Connect instance ${instanceId}: ResourceNotFoundException`);
    const connect = clients.connect(region);
    const removed = Object.keys(before).filter((k) => !(k in after));
    if (removed.length > 0) await connect.send(new UntagResourceCommand({ resourceArn: found.instance.Arn, tagKeys: removed }));
    if (Object.keys(after).length > 0) await connect.send(new TagResourceCommand({ resourceArn: found.instance.Arn, tags: after }));
}

/** aws:connect/getInstance:getInstance, by id or by alias. */
export async function getInstance(inputs: Props): Promise<Props> {
    const region = regionOf(inputs);
    let instanceId: string | undefined = inputs.instanceId;
    if (!instanceId && inputs.instanceAlias) {
        const page = await clients.connect(region).send(new ListInstancesCommand({}));
        instanceId = page.InstanceSummaryList?.find((i) => i.InstanceAlias === inputs.instanceAlias)?.Id;
    }
    const outs = instanceId ? await instanceOutputs(instanceId, region) : undefined;
    if (!outs) throw new Error(`reading Connect instance ${inputs.instanceId ?? inputs.instanceAlias}: ResourceNotFoundException: no such instance in ${region}`);
    return { ...outs, id: instanceId, instanceId };
}

/** Used by the association handlers: the instance must exist, and its record. */
export async function requireInstance(instanceId: string, region: string, what: string): Promise<InstanceRecord> {
    const found = await describeInstance(instanceId, region);
    if (!found) throw new Error(`${what}: ResourceNotFoundException: Connect instance ${instanceId} does not exist in ${region}`);
    if (!found.record) throw new Error(`${what}: Connect instance ${instanceId} was not created through the stand-in, which keeps associations only for its own instances`);
    return found.record;
}

export { accountId };
