import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_AWS_SERVICE_NAME } from "../iam/inputs";
import { ServiceLinkedRole } from "../iam/serviceLinkedRole";
import type { InputFailure } from "../iam/validation";
import {
    ConnectInstanceArgs,
    ConnectInstanceArgsError,
    ConnectIdentityManagementType,
    ConnectLexV1BotArgs,
    ConnectLexV2BotArgs,
    ConnectS3StorageArgs,
    ConnectStreamArgs,
    ConnectStreamType,
} from "./instanceArgs";
import {
    bucketNameProblem as s3BucketNameProblem,
    ConnectFeature,
    ConnectPermissionConfig,
    managedPolicyGaps,
    requiredPolicyDocument,
} from "./permissionModel";

// Planning for ConnectInstance: pure checks and decisions made before any resource is registered,
// so that a mistake never leaves a half-declared component behind.

type S3Feature = "callRecordings" | "chatTranscripts" | "exportedReports";
type StreamFeature = "agentEvents" | "contactTraceRecords";

export const S3_FEATURES: Record<S3Feature, { resourceType: string; folder: string }> = {
    callRecordings: { resourceType: "CALL_RECORDINGS", folder: "CallRecordings" },
    chatTranscripts: { resourceType: "CHAT_TRANSCRIPTS", folder: "ChatTranscripts" },
    exportedReports: { resourceType: "SCHEDULED_REPORTS", folder: "Reports" },
};

export const STREAM_FEATURES: Record<StreamFeature, { resourceType: string; folder: string; types: readonly ConnectStreamType[] }> = {
    // Connect publishes agent events to Kinesis Data Streams only.
    agentEvents: { resourceType: "AGENT_EVENTS", folder: "AgentEvents", types: ["kinesis"] },
    contactTraceRecords: { resourceType: "CONTACT_TRACE_RECORDS", folder: "ContactTraceRecords", types: ["kinesis", "firehose"] },
};

const IDENTITY_TYPES: readonly ConnectIdentityManagementType[] = ["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"];

/** Settings that only make sense for an instance the component creates. */
const CREATION_SETTINGS = [
    "instanceAlias",
    "identityManagementType",
    "directoryId",
    "inboundCallsEnabled",
    "outboundCallsEnabled",
    "contactLensEnabled",
    "autoResolveBestVoicesEnabled",
    "earlyMediaEnabled",
    "multiPartyConferenceEnabled",
] as const;

/** CloudWatch Logs' accepted retention periods (0 = never expire). */
const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const DEFAULT_LOG_RETENTION_DAYS = 90;

/** Prefix of generated bucket names: the AWS-managed policy grants Connect `amazon-connect-*`. */
const MANAGED_BUCKET_PREFIX = "amazon-connect-";

const INSTANCE_ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;
const INSTANCE_ID = /^[a-zA-Z0-9-]{1,100}$/;
const INSTANCE_ARN = /^arn:([^:]+):connect:([a-z0-9-]+):(\d{12}):instance\/([a-zA-Z0-9-]+)$/;
const KINESIS_ARN = /^arn:([^:]+):kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/;
const FIREHOSE_ARN = /^arn:([^:]+):firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]{1,64}$/;
const KMS_KEY_ARN = /^arn:([^:]+):kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const S3_BUCKET_ARN = /^arn:([^:]+):s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LEX_V1_NAME = /^[A-Za-z_]{2,50}$/;
const LEX_V2_ALIAS_ARN = /^arn:([^:]+):lex:[a-z0-9-]+:\d{12}:bot-alias\/([0-9A-Z]{10})\/([0-9A-Z]{10})$/;
const STREAM_NAME = /^[A-Za-z0-9_.-]+$/;
const REGION = /^[a-z]{2,3}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const PARTITION = /^aws(-[a-z]+)*$/;

/** Stand-ins for the construction-time gap check when the real values are outputs. */
const STAND_IN = { region: "us-east-1", account: "000000000000" } as const;

/** The permission-config fields one target contributes. */
export type PermissionFragment = Omit<ConnectPermissionConfig, "partition" | "region" | "account">;

/** One configured resource, as the permission model sees it. */
export interface PlannedTarget {
    /** The argument that configured it, e.g. `callRecordings.bucketName`. */
    property: string;
    feature: ConnectFeature;
    /**
     * What can be checked at construction. `label` replaces the resource in messages when the
     * fragment holds a stand-in (a name the cloud has not chosen yet). Absent when the value is an
     * output: the target is then checked when it resolves.
     */
    preview?: { fragment: PermissionFragment; label?: string };
}

export interface Plan {
    existingInstanceId?: pulumi.Input<string>;
    identityManagementType: ConnectIdentityManagementType;
    /** The alias when it is known at construction. */
    alias?: string;
    needsBucket: boolean;
    s3: Array<{ feature: S3Feature; args: ConnectS3StorageArgs; createBucket: boolean; target: PlannedTarget }>;
    streams: Array<{ feature: StreamFeature; args: ConnectStreamArgs; type: ConnectStreamType; create: boolean; target: PlannedTarget }>;
    lexBots: Array<
        | { version: 1; key: string; name: pulumi.Input<string>; region?: pulumi.Input<string>; target: PlannedTarget }
        | { version: 2; key: string; aliasArn: pulumi.Input<string>; target: PlannedTarget }
    >;
    associateLexV2Bots: boolean;
    contactFlowLogs?: { enabled: boolean; create: boolean; retentionInDays: number; kmsKeyArn?: pulumi.Input<string>; target: PlannedTarget };
    strictManagedPolicy: boolean;
    /** Managed-policy gaps found at construction, to warn about once the component exists. */
    gapWarnings: InputFailure[];
}

/** Validates the arguments and decides what to create; throws {@link ConnectInstanceArgsError}. */
export function planInstance(name: string, args: ConnectInstanceArgs): Plan {
    const failures: InputFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    const plain = (value: unknown): value is string => typeof value === "string";

    const existing = args.existingInstanceId;
    const existingArn = plain(existing) ? INSTANCE_ARN.exec(existing) : null;
    if (existing !== undefined) {
        if (plain(existing) && !existingArn && !INSTANCE_ID.test(existing)) {
            fail("existingInstanceId", `must be an instance id or an instance ARN (arn:aws:connect:<region>:<account>:instance/<id>); got ${quote(existing)}`);
        }
        for (const setting of CREATION_SETTINGS) {
            if (args[setting] !== undefined) fail(setting, "applies only to an instance this component creates; remove it or existingInstanceId");
        }
    }
    const identityManagementType = args.identityManagementType ?? "CONNECT_MANAGED";
    if (existing === undefined) {
        if (!IDENTITY_TYPES.includes(identityManagementType)) {
            fail("identityManagementType", `must be one of ${IDENTITY_TYPES.join(", ")}; got ${quote(identityManagementType)}`);
        }
        if (identityManagementType === "EXISTING_DIRECTORY" && args.directoryId === undefined) {
            fail("directoryId", "is required when identityManagementType is EXISTING_DIRECTORY");
        }
        if (identityManagementType !== "EXISTING_DIRECTORY" && args.directoryId !== undefined) {
            fail("directoryId", `applies only to identityManagementType EXISTING_DIRECTORY, not ${identityManagementType}`);
        }
        if (args.instanceAlias === undefined) {
            if (identityManagementType !== "EXISTING_DIRECTORY") fail("instanceAlias", `is required to create an instance (identityManagementType ${identityManagementType}), or set existingInstanceId`);
        } else if (!plain(args.instanceAlias) || args.instanceAlias.length > 45 || !INSTANCE_ALIAS.test(args.instanceAlias)) {
            fail("instanceAlias", `must be 1-45 letters, digits and hyphens, starting and ending with a letter or digit and not starting with "d-"; got ${quote(args.instanceAlias)}`);
        }
    }
    if (plain(args.region) && !REGION.test(args.region)) fail("region", `must be a Region code such as us-east-1; got ${quote(args.region)}`);
    if (plain(args.accountId) && !ACCOUNT.test(args.accountId)) fail("accountId", `must be a 12-digit account id; got ${quote(args.accountId)}`);
    if (plain(args.partition) && !PARTITION.test(args.partition)) fail("partition", `must be an AWS partition (aws, aws-cn, aws-us-gov, ...); got ${quote(args.partition)}`);

    const role = args.serviceLinkedRole;
    if (role !== undefined && !isServiceLinkedRole(role)) {
        if (plain(role.awsServiceName) && role.awsServiceName !== DEFAULT_AWS_SERVICE_NAME) {
            fail("serviceLinkedRole.awsServiceName", `must be ${DEFAULT_AWS_SERVICE_NAME}, the principal Connect's role is linked to; got ${quote(role.awsServiceName)}`);
        }
    }

    // Values for the construction-time permission check: real where known, stand-ins elsewhere.
    const alias = existing === undefined && plain(args.instanceAlias) ? args.instanceAlias : undefined;
    const partition = plain(args.partition) ? args.partition : (existingArn?.[1] ?? firstPartition(args) ?? "aws");
    const region = plain(args.region) ? args.region : (existingArn?.[2] ?? STAND_IN.region);
    const account = plain(args.accountId) ? args.accountId : (existingArn?.[3] ?? STAND_IN.account);
    const identityIsReal = (plain(args.region) || existingArn !== null) && (plain(args.accountId) || existingArn !== null);

    let needsBucket = false;
    const s3: Plan["s3"] = [];
    for (const feature of Object.keys(S3_FEATURES) as S3Feature[]) {
        const settings = args[feature];
        if (settings === undefined || settings.enabled === false) continue;
        const createBucket = settings.createBucket === true;
        if (settings.bucketName !== undefined && createBucket) {
            fail(feature, "set either bucketName (an existing bucket) or createBucket: true, not both");
        } else if (settings.bucketName === undefined && !createBucket) {
            fail(feature, "is enabled but has no bucket: set bucketName to an existing bucket or createBucket: true (or enabled: false)");
        }
        if (plain(settings.bucketName)) {
            const problem = bucketNameProblem(settings.bucketName);
            if (problem) fail(`${feature}.bucketName`, problem);
        }
        if (settings.prefix !== undefined) {
            const problem = prefixProblem(settings.prefix);
            if (problem) fail(`${feature}.prefix`, problem);
        }
        kmsKeyCheck(settings.kmsKeyArn, `${feature}.kmsKeyArn`, fail);
        needsBucket ||= createBucket;
        const prefix = settings.prefix ?? `connect/${alias ?? name}/${S3_FEATURES[feature].folder}`;
        const property = !createBucket ? `${feature}.bucketName` : args.bucket?.name !== undefined ? "bucket.name" : `${feature}.createBucket`;
        let preview: PlannedTarget["preview"];
        if (createBucket) {
            const generated = args.bucket?.name === undefined;
            const bucketName = args.bucket?.name ?? `${defaultBucketPrefix(name)}0`;
            preview = { fragment: { [feature]: { bucket: bucketName, prefix } }, label: generated ? `the bucket this component creates (${defaultBucketPrefix(name)}...)` : undefined };
        } else if (plain(settings.bucketName)) {
            preview = { fragment: { [feature]: { bucket: settings.bucketName, prefix } } };
        }
        s3.push({ feature, args: settings, createBucket, target: { property, feature, preview } });
    }

    const streams: Plan["streams"] = [];
    for (const feature of Object.keys(STREAM_FEATURES) as StreamFeature[]) {
        const settings = args[feature];
        if (settings === undefined || settings.enabled === false) continue;
        const create = settings.create === true;
        if (settings.existingArn !== undefined && create) {
            fail(feature, "set either existingArn (an existing stream) or create: true, not both");
        } else if (settings.existingArn === undefined && !create) {
            fail(feature, "is enabled but has no stream: set existingArn to an existing stream or create: true (or enabled: false)");
        }
        const arnType = plain(settings.existingArn) ? streamTypeOfArn(settings.existingArn) : undefined;
        if (plain(settings.existingArn) && arnType === undefined) {
            fail(`${feature}.existingArn`, `must be a Kinesis data stream ARN (...:kinesis:<region>:<account>:stream/<name>) or a Firehose delivery stream ARN (...:firehose:<region>:<account>:deliverystream/<name>); got ${quote(settings.existingArn)}`);
        }
        if (settings.type !== undefined && !["kinesis", "firehose"].includes(settings.type)) {
            fail(`${feature}.type`, `must be kinesis or firehose; got ${quote(settings.type)}`);
        } else if (settings.type !== undefined && arnType !== undefined && settings.type !== arnType) {
            fail(`${feature}.existingArn`, `is a ${arnType} ARN but type is ${settings.type}`);
        }
        const type = settings.type ?? arnType ?? "kinesis";
        if (!STREAM_FEATURES[feature].types.includes(type)) {
            fail(settings.type !== undefined ? `${feature}.type` : `${feature}.existingArn`, `Connect delivers ${feature} to ${STREAM_FEATURES[feature].types.join(" or ")} streams only, not ${type}`);
        }
        const onlyWhenCreating = ["name", "retentionHours", "firehoseDestinationBucketArn", "firehoseDestinationPrefix"] as const;
        for (const setting of onlyWhenCreating) {
            if (!create && settings[setting] !== undefined) fail(`${feature}.${setting}`, "applies only to a stream this component creates (create: true)");
        }
        if (type === "firehose" && settings.retentionHours !== undefined) fail(`${feature}.retentionHours`, "applies only to a Kinesis data stream, not firehose");
        if (type === "kinesis") {
            for (const setting of ["firehoseDestinationBucketArn", "firehoseDestinationPrefix"] as const) {
                if (settings[setting] !== undefined) fail(`${feature}.${setting}`, "applies only to a Firehose stream (type: firehose)");
            }
        }
        if (settings.name !== undefined) {
            const max = type === "kinesis" ? 128 : 64;
            if (!plain(settings.name) || settings.name.length > max || !STREAM_NAME.test(settings.name)) {
                fail(`${feature}.name`, `must be 1-${max} letters, digits, "_", "." or "-"; got ${quote(settings.name)}`);
            }
        }
        if (settings.retentionHours !== undefined && !(Number.isInteger(settings.retentionHours) && settings.retentionHours >= 24 && settings.retentionHours <= 8760)) {
            fail(`${feature}.retentionHours`, `must be a whole number of hours from 24 to 8760; got ${settings.retentionHours}`);
        }
        if (plain(settings.firehoseDestinationBucketArn) && !S3_BUCKET_ARN.test(settings.firehoseDestinationBucketArn)) {
            fail(`${feature}.firehoseDestinationBucketArn`, `must be a bucket ARN (arn:aws:s3:::<bucket>); got ${quote(settings.firehoseDestinationBucketArn)}`);
        }
        if (create && type === "firehose" && settings.firehoseDestinationBucketArn === undefined) needsBucket = true;
        const permissionFeature: ConnectFeature = type === "kinesis" ? "kinesisStreams" : "firehoseStreams";
        let preview: PlannedTarget["preview"];
        if (create) {
            const service = type === "kinesis" ? "kinesis" : "firehose";
            const kind = type === "kinesis" ? "stream" : "deliverystream";
            const streamName = settings.name ?? `${streamNameBase(name)}-${kebab(feature)}`;
            const arn = `arn:${partition}:${service}:${region}:${account}:${kind}/${streamName}`;
            const label = `the ${type === "kinesis" ? "Kinesis data stream" : "Firehose delivery stream"} this component creates`;
            preview = { fragment: type === "kinesis" ? { kinesisStreamArns: [arn] } : { firehoseStreamArns: [arn] }, label };
        } else if (plain(settings.existingArn) && arnType !== undefined) {
            preview = { fragment: type === "kinesis" ? { kinesisStreamArns: [settings.existingArn] } : { firehoseStreamArns: [settings.existingArn] } };
        }
        const property = create ? `${feature}.create` : `${feature}.existingArn`;
        streams.push({ feature, args: settings, type, create, target: { property, feature: permissionFeature, preview } });
    }
    if (args.bucket !== undefined) {
        if (!needsBucket) fail("bucket", "configures the bucket this component creates, but no feature has createBucket: true (or a created Firehose stream without a destination)");
        if (args.bucket.name !== undefined) {
            const problem = bucketNameProblem(args.bucket.name);
            if (problem) fail("bucket.name", problem);
        }
    }

    const lexBots: Plan["lexBots"] = [];
    const seenBots = new Set<string>();
    (args.lexBots ?? []).forEach((bot, i) => {
        const property = `lexBots[${i}]`;
        const hasName = "name" in bot && bot.name !== undefined;
        const hasAlias = "aliasArn" in bot && bot.aliasArn !== undefined;
        if (hasName === hasAlias) {
            fail(property, "must have either name (a Lex V1 bot) or aliasArn (a Lex V2 bot alias), not both or neither");
            return;
        }
        if (hasName) {
            const v1 = bot as ConnectLexV1BotArgs;
            if (plain(v1.name) && !LEX_V1_NAME.test(v1.name)) fail(`${property}.name`, `must be a Lex V1 bot name (2-50 letters and underscores); got ${quote(v1.name)}`);
            if (plain(v1.region) && !REGION.test(v1.region)) fail(`${property}.region`, `must be a Region code such as us-east-1; got ${quote(v1.region)}`);
            const botRegion = plain(v1.region) ? v1.region : region;
            const key = plain(v1.name) ? `${v1.name}${plain(v1.region) ? `-${v1.region}` : ""}` : String(i);
            if (seenBots.has(key)) fail(property, `repeats Lex bot ${key}`);
            seenBots.add(key);
            const known = plain(v1.name) && (v1.region === undefined || plain(v1.region));
            const preview = known
                ? {
                      fragment: { lexBotArns: [lexV1BotArn(partition, botRegion, account, v1.name as string)] },
                      label: identityIsReal ? undefined : `Lex V1 bot ${v1.name}`,
                  }
                : undefined;
            lexBots.push({ version: 1, key, name: v1.name, region: v1.region, target: { property, feature: "lexBots", preview } });
        } else {
            const v2 = bot as ConnectLexV2BotArgs;
            const match = plain(v2.aliasArn) ? LEX_V2_ALIAS_ARN.exec(v2.aliasArn) : null;
            if (plain(v2.aliasArn) && !match) fail(`${property}.aliasArn`, `must be a Lex V2 bot alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>); got ${quote(v2.aliasArn)}`);
            const key = match ? `${match[2]}-${match[3]}`.toLowerCase() : String(i);
            if (seenBots.has(key)) fail(property, `repeats Lex bot alias ${quote(v2.aliasArn)}`);
            seenBots.add(key);
            const preview = match ? { fragment: { lexBotArns: [v2.aliasArn as string] } } : undefined;
            lexBots.push({ version: 2, key, aliasArn: v2.aliasArn, target: { property: `${property}.aliasArn`, feature: "lexBots", preview } });
        }
    });

    let contactFlowLogs: Plan["contactFlowLogs"];
    if (args.contactFlowLogs !== undefined) {
        const settings = args.contactFlowLogs;
        const enabled = settings.enabled !== false;
        const retentionInDays = settings.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS;
        if (!LOG_RETENTION_DAYS.includes(retentionInDays)) {
            fail("contactFlowLogs.retentionInDays", `must be one of ${LOG_RETENTION_DAYS.join(", ")} (CloudWatch Logs' periods; 0 = never expire); got ${retentionInDays}`);
        }
        kmsKeyCheck(settings.kmsKeyArn, "contactFlowLogs.kmsKeyArn", fail);
        const create = enabled && settings.createLogGroup !== false;
        const group = logGroupName(alias ?? "stand-in");
        const preview = { fragment: { contactFlowLogGroup: group }, label: alias !== undefined && identityIsReal ? undefined : `log group ${logGroupName(alias ?? "<alias>")}` };
        contactFlowLogs = { enabled, create, retentionInDays, kmsKeyArn: settings.kmsKeyArn, target: { property: "contactFlowLogs", feature: "contactFlowLogs", preview } };
    }

    if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);

    // Only now are the values well-formed enough to ask the permission model about them.
    const targets = [...s3.map((t) => t.target), ...streams.map((t) => t.target), ...lexBots.map((t) => t.target)];
    if (contactFlowLogs?.enabled) targets.push(contactFlowLogs.target);
    const base = { partition, region, account };
    const gapWarnings: InputFailure[] = [];
    for (const target of targets) {
        if (!target.preview) continue;
        const modelProblems = fragmentProblems(target, { ...base, ...target.preview.fragment });
        if (modelProblems.length > 0) {
            failures.push(...modelProblems);
            continue;
        }
        gapWarnings.push(...gapFailures(target, { ...base, ...target.preview.fragment }));
    }
    if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);
    const strictManagedPolicy = args.strictManagedPolicy === true;
    if (strictManagedPolicy && gapWarnings.length > 0) {
        throw new ConnectInstanceArgsError(
            name,
            gapWarnings.map((g) => ({ ...g, reason: `${g.reason} (strictManagedPolicy is on: use a resource the managed policy covers, or turn it off)` })),
        );
    }

    return {
        existingInstanceId: existing === undefined ? undefined : plain(existing) ? (existingArn?.[4] ?? existing) : pulumi.output(existing).apply(instanceIdOf),
        identityManagementType,
        alias,
        needsBucket,
        s3,
        streams,
        lexBots,
        associateLexV2Bots: args.associateLexV2Bots !== false,
        contactFlowLogs,
        strictManagedPolicy,
        gapWarnings,
    };
}

/** Problems the permission model finds with one target's values, attributed to its property. */
export function fragmentProblems(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
    try {
        requiredPolicyDocument(config);
        return [];
    } catch (error) {
        return [{ property: target.property, reason: error instanceof Error ? error.message : String(error) }];
    }
}

/** The managed-policy gaps of one target, as messages naming its property. */
export function gapFailures(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
    const label = target.preview?.label;
    return managedPolicyGaps(config)
        .filter((gap) => gap.feature === target.feature)
        .map((gap) => ({
            property: target.property,
            // A stand-in resource would read as a real ARN, so messages show what it stands for.
            reason: label ? gap.reason.split(gap.resource).join(label) : gap.reason,
        }));
}

/** Joins the targets' fragments into one permission config. */
export function mergeFragments(base: { partition: string; region: string; account: string }, fragments: PermissionFragment[]): ConnectPermissionConfig {
    const config: ConnectPermissionConfig = { ...base };
    for (const fragment of fragments) {
        const { kinesisStreamArns, firehoseStreamArns, lexBotArns, ...single } = fragment;
        const lists = { kinesisStreamArns, firehoseStreamArns, lexBotArns };
        for (const key of Object.keys(lists) as Array<keyof typeof lists>) {
            if (lists[key]) config[key] = [...(config[key] ?? []), ...lists[key]!];
        }
        // The other fields hold one target each, and each feature has at most one target.
        for (const [key, value] of Object.entries(single)) {
            if (value !== undefined) Object.assign(config, { [key]: value });
        }
    }
    return config;
}

/** The log group Connect writes an instance's contact flow logs to. */
export function logGroupName(alias: string): string {
    return `/aws/connect/${alias}`;
}

/** A Lex V1 bot's ARN, the form the permission model expects. */
export function lexV1BotArn(partition: string, region: string, account: string, botName: string): string {
    return `arn:${partition}:lex:${region}:${account}:bot:${botName}`;
}

/** `bucketPrefix` for a generated bucket: at most 37 characters, inside the managed pattern. */
export function defaultBucketPrefix(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 37 - MANAGED_BUCKET_PREFIX.length - 1);
    return slug === "" ? MANAGED_BUCKET_PREFIX : `${MANAGED_BUCKET_PREFIX}${slug.replace(/-+$/, "")}-`;
}

/** Base for stand-in stream names, restricted to the characters stream names allow. */
function streamNameBase(name: string): string {
    return name.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 40) || "connect";
}

/** `callRecordings` → `call-recordings`. */
export function kebab(text: string): string {
    return text.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function quote(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The instance id inside an id-or-ARN. */
function instanceIdOf(idOrArn: string): string {
    return INSTANCE_ARN.exec(idOrArn)?.[4] ?? idOrArn;
}

/** The stream type an ARN names, or undefined when it names neither kind. */
function streamTypeOfArn(arn: string): ConnectStreamType | undefined {
    if (KINESIS_ARN.test(arn)) return "kinesis";
    if (FIREHOSE_ARN.test(arn)) return "firehose";
    return undefined;
}

/** The partition of the first plain ARN in the arguments, so stand-ins agree with the user's ARNs. */
function firstPartition(args: ConnectInstanceArgs): string | undefined {
    const candidates: unknown[] = [
        args.agentEvents?.existingArn,
        args.contactTraceRecords?.existingArn,
        ...(args.lexBots ?? []).map((b) => ("aliasArn" in b ? b.aliasArn : undefined)),
    ];
    for (const value of candidates) {
        if (typeof value === "string") {
            const match = /^arn:([^:]+):/.exec(value);
            if (match) return match[1];
        }
    }
    return undefined;
}

/** Why a bucket name breaks S3's rules (the permission model owns them), or undefined when it is valid. */
function bucketNameProblem(bucket: string): string | undefined {
    const reason = s3BucketNameProblem(bucket);
    return reason ? `must be a valid S3 bucket name (${reason}); got ${quote(bucket)}` : undefined;
}

/** Why an S3 prefix is unusable, or undefined when it is fine. */
function prefixProblem(prefix: unknown): string | undefined {
    if (typeof prefix !== "string") return `must be a string; got ${quote(prefix)}`;
    if (prefix.length < 1 || prefix.length > 128) return `must be 1-128 characters; got ${prefix.length}`;
    // The prefix becomes part of a policy resource, where these would widen the grant.
    if (/[*?]|\$\{/.test(prefix)) return `must not contain *, ? or \${; got ${quote(prefix)}`;
    return undefined;
}

/** Connect and CloudWatch Logs want the key's full ARN, not an alias or a bare id. */
function kmsKeyCheck(value: pulumi.Input<string> | undefined, property: string, fail: (property: string, reason: string) => void): void {
    if (typeof value === "string" && !KMS_KEY_ARN.test(value)) {
        fail(property, `must be a full KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias or key id; got ${quote(value)}`);
    }
}

/** True for a {@link ServiceLinkedRole} resource (as opposed to settings for one). */
export function isServiceLinkedRole(value: ConnectInstanceArgs["serviceLinkedRole"]): value is ServiceLinkedRole {
    return value instanceof ServiceLinkedRole || pulumi.CustomResource.isInstance(value);
}
