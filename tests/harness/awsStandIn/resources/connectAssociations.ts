// Connect associations moto does not emulate: storage configs, Lex V1 bots and Lambda functions.
// Kept in the stand-in's store under their instance (so they vanish with it, as in AWS, and with
// a moto reset). Associating storage adds the feature's permissions to the instance's own role
// (see connectRole.ts for the sources); a Lex V1 bot adds lex:PostContent and lex:PostText on it.
// A customer-managed key in a storage config gets Connect's grant for the role, and a Lambda
// function Connect's permission (connectGrants.ts has the sources).
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { randomBytes } from "node:crypto";
import { clients, regionOf } from "../clients";
import type { Failure, ResourceHandler } from "../handler";
import { readInstance, updateInstance } from "../store";
import { accountId, partitionOf, requireInputs, unlessNotFound } from "./common";
import { addLambdaPermission, createKeyGrant, KeyGrant, removeLambdaPermission, retireKeyGrant, storageKeyArn } from "./connectGrants";
import { addFeaturePolicy, connectRoleArn, featurePolicyName, removeFeaturePolicy, storageStatements } from "./connectRole";
import { describeInstance, requireInstance } from "./connectInstance";

/** Connect's storage resource types (API reference, InstanceStorageResourceType). */
const STORAGE_RESOURCE_TYPES = [
    "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS", "CONTACT_TRACE_RECORDS", "AGENT_EVENTS",
    "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES",
];
const STORAGE_TYPES = ["S3", "KINESIS_VIDEO_STREAM", "KINESIS_STREAM", "KINESIS_FIREHOSE"];

export const storageConfigHandler: ResourceHandler = {
    inputs: ["instanceId", "resourceType", "storageConfig", "region"],
    computedInputs: ["region"],
    check(news) {
        const failures: Failure[] = requireInputs(news, "instanceId", "resourceType", "storageConfig");
        if (typeof news.resourceType === "string" && !STORAGE_RESOURCE_TYPES.includes(news.resourceType)) {
            failures.push({ property: "resourceType", reason: `must be one of ${STORAGE_RESOURCE_TYPES.join(", ")}; got ${news.resourceType}` });
        }
        const type = news.storageConfig?.storageType;
        if (typeof type === "string" && !STORAGE_TYPES.includes(type)) failures.push({ property: "storageConfig.storageType", reason: `must be one of ${STORAGE_TYPES.join(", ")}` });
        return failures;
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const what = `associating ${inputs.resourceType} storage with Connect instance ${inputs.instanceId}`;
        const record = await requireInstance(inputs.instanceId, region, what);
        const associationId = randomBytes(32).toString("hex");
        const keyGrant = await grantForConfig(record.roleName, inputs.instanceId, region, inputs.storageConfig);
        await addFeaturePolicy(record.roleName, featurePolicyName(inputs.resourceType, associationId.slice(0, 12)), storageStatements(partitionOf(region), inputs.resourceType, inputs.storageConfig));
        updateInstance(inputs.instanceId, (r) => {
            r!.storageConfigs[associationId] = { resourceType: inputs.resourceType, storageConfig: inputs.storageConfig, keyGrant };
            return r;
        });
        const id = `${inputs.instanceId}:${associationId}:${inputs.resourceType}`;
        return { id, outs: { ...inputs, associationId, region } };
    },
    async read(id, state) {
        const [instanceId, associationId] = id.split(":");
        const region = regionOf(state);
        if (!(await describeInstance(instanceId, region))) return undefined;
        const stored = readInstance(instanceId)?.storageConfigs[associationId];
        return stored && { ...state, resourceType: stored.resourceType, storageConfig: stored.storageConfig, associationId, region };
    },
    async update(id, olds, news) {
        const [instanceId, associationId] = id.split(":");
        const region = regionOf(news);
        const record = await requireInstance(instanceId, region, `updating storage config ${id}`);
        // A changed key: the old grant is retired and a new one made (UpdateInstanceStorageConfig's
        // handler permissions hold both kms:CreateGrant and kms:RetireGrant).
        const before = record.storageConfigs[associationId]?.keyGrant;
        let keyGrant = before;
        if (before?.keyArn !== storageKeyArn(news.storageConfig)) {
            keyGrant = await grantForConfig(record.roleName, instanceId, region, news.storageConfig);
            if (before) await retireKeyGrant(before);
        }
        await addFeaturePolicy(record.roleName, featurePolicyName(news.resourceType, associationId.slice(0, 12)), storageStatements(partitionOf(region), news.resourceType, news.storageConfig));
        updateInstance(instanceId, (r) => {
            r!.storageConfigs[associationId] = { resourceType: news.resourceType, storageConfig: news.storageConfig, keyGrant };
            return r;
        });
        return { ...olds, ...news, associationId, region };
    },
    async delete(id, state) {
        const [instanceId, associationId, resourceType] = id.split(":");
        const record = readInstance(instanceId);
        if (!record || !(await describeInstance(instanceId, regionOf(state)))) return;
        await removeFeaturePolicy(record.roleName, featurePolicyName(resourceType, associationId.slice(0, 12)));
        const grant = record.storageConfigs[associationId]?.keyGrant;
        if (grant) await retireKeyGrant(grant);
        updateInstance(instanceId, (r) => {
            if (r) delete r.storageConfigs[associationId];
            return r;
        });
    },
};

export const botAssociationHandler: ResourceHandler = {
    inputs: ["instanceId", "lexBot", "region"],
    computedInputs: ["region"],
    check(news) {
        const failures = requireInputs(news, "instanceId", "lexBot");
        const name = news.lexBot?.name;
        if (typeof name === "string" && (name.length < 2 || name.length > 50)) failures.push({ property: "lexBot.name", reason: "must be 2-50 characters" });
        return failures;
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const lexRegion = inputs.lexBot.lexRegion ?? region;
        const what = `associating Lex bot ${inputs.lexBot.name} with Connect instance ${inputs.instanceId}`;
        const record = await requireInstance(inputs.instanceId, region, what);
        const key = `${inputs.lexBot.name}:${lexRegion}`;
        if (record.lexBots[key]) throw new Error(`${what}: ResourceConflictException: the bot is already associated`);
        const botArn = `arn:${partitionOf(lexRegion)}:lex:${lexRegion}:${await accountId(region)}:bot:${inputs.lexBot.name}`;
        await addFeaturePolicy(record.roleName, featurePolicyName("LexBot", key), [{ Effect: "Allow", Action: ["lex:PostContent", "lex:PostText"], Resource: [botArn] }]);
        updateInstance(inputs.instanceId, (r) => {
            r!.lexBots[key] = { name: inputs.lexBot.name, lexRegion };
            return r;
        });
        return { id: `${inputs.instanceId}:${inputs.lexBot.name}:${lexRegion}`, outs: { ...inputs, lexBot: { name: inputs.lexBot.name, lexRegion }, region } };
    },
    async read(id, state) {
        const [instanceId, name, lexRegion] = id.split(":");
        if (!(await describeInstance(instanceId, regionOf(state)))) return undefined;
        return readInstance(instanceId)?.lexBots[`${name}:${lexRegion}`] ? state : undefined;
    },
    async delete(id, state) {
        const [instanceId, name, lexRegion] = id.split(":");
        const record = readInstance(instanceId);
        if (!record || !(await describeInstance(instanceId, regionOf(state)))) return;
        await removeFeaturePolicy(record.roleName, featurePolicyName("LexBot", `${name}:${lexRegion}`));
        updateInstance(instanceId, (r) => {
            if (r) delete r.lexBots[`${name}:${lexRegion}`];
            return r;
        });
    },
};

export const lambdaAssociationHandler: ResourceHandler = {
    inputs: ["functionArn", "instanceId", "region"],
    computedInputs: ["region"],
    check: (news) => requireInputs(news, "functionArn", "instanceId"),
    async create(inputs) {
        const region = regionOf(inputs);
        const what = `associating Lambda function ${inputs.functionArn} with Connect instance ${inputs.instanceId}`;
        await requireInstance(inputs.instanceId, region, what);
        const fn = await unlessNotFound(() => clients.lambda(region).send(new GetFunctionCommand({ FunctionName: inputs.functionArn })));
        if (!fn) throw new Error(`${what}: ResourceNotFoundException: the function does not exist`);
        await addLambdaPermission(inputs.functionArn, (await describeInstance(inputs.instanceId, region))!.instance.Arn!);
        updateInstance(inputs.instanceId, (r) => {
            r!.lambdaFunctions = [...new Set([...r!.lambdaFunctions, inputs.functionArn])];
            return r;
        });
        return { id: `${inputs.instanceId},${inputs.functionArn}`, outs: { ...inputs, region } };
    },
    async read(id, state) {
        const [instanceId, functionArn] = id.split(",");
        if (!(await describeInstance(instanceId, regionOf(state)))) return undefined;
        return readInstance(instanceId)?.lambdaFunctions.includes(functionArn) ? state : undefined;
    },
    async delete(id, state) {
        const [instanceId, functionArn] = id.split(",");
        const found = await describeInstance(instanceId, regionOf(state));
        if (found?.record?.lambdaFunctions.includes(functionArn)) await removeLambdaPermission(functionArn, found.instance.Arn!);
        updateInstance(instanceId, (r) => r && { ...r, lambdaFunctions: r.lambdaFunctions.filter((f) => f !== functionArn) });
    },
};

/** Connect's grant on the config's customer key for the instance's role, when the config has one. */
async function grantForConfig(roleName: string, instanceId: string, region: string, config: Record<string, any>): Promise<KeyGrant | undefined> {
    const keyArn = storageKeyArn(config);
    if (!keyArn) return undefined;
    return createKeyGrant(keyArn, connectRoleArn(partitionOf(region), await accountId(region), roleName), instanceId);
}
