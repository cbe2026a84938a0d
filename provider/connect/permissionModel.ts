/**
 * The permissions Amazon Connect's service-linked role needs, per instance feature, as data.
 *
 * {@link CONNECT_PERMISSION_MODEL} is the single source of truth: every other function here
 * (required statements, the reviewable policy document, the managed-policy gap analysis, the live
 * role check) expands that table and nothing else.
 */
import { evaluatePolicies, parsePolicy } from "../policy";
import type { ParsedPolicy } from "../policy";
import { CONNECT_MANAGED_POLICY_NAME, managedPolicyArn, managedPolicyExcerpt } from "./managedPolicy";

/** An Amazon Connect instance feature that makes the service-linked role need permissions. */
export type ConnectFeature =
    | "connect"
    | "callRecordings"
    | "chatTranscripts"
    | "exportedReports"
    | "kinesisStreams"
    | "firehoseStreams"
    | "lexBots"
    | "contactFlowLogs";

/** An S3 location: a bucket and an optional key prefix (with or without slashes around it). */
export interface S3Target {
    bucket: string;
    prefix?: string;
}

/** The resources an instance uses; only the features given here are required. */
export interface ConnectPermissionConfig {
    /** AWS partition, default `aws`. */
    partition?: string;
    region: string;
    account: string;
    callRecordings?: S3Target;
    chatTranscripts?: S3Target;
    exportedReports?: S3Target;
    kinesisStreamArns?: string[];
    firehoseStreamArns?: string[];
    /** Lex V1 bot ARNs or Lex V2 bot-alias ARNs. */
    lexBotArns?: string[];
    /** Log group NAME, e.g. `/aws/connect/my-alias`. */
    contactFlowLogGroup?: string;
}

/** One statement the role needs: these actions on these resources, for this feature. */
export interface RequiredStatement {
    feature: ConnectFeature;
    sid: string;
    actions: string[];
    resources: string[];
}

/** An IAM policy document, as produced by {@link requiredPolicyDocument}. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Array<{
        Sid?: string;
        Effect: "Allow" | "Deny";
        Action: string | string[];
        Resource: string | string[];
        NotAction?: string | string[];
        NotResource?: string | string[];
        Condition?: Record<string, Record<string, string | string[]>>;
    }>;
}

/** Placeholders that resource templates may contain, written `{name}`. */
export type TemplatePlaceholder = "partition" | "region" | "account" | "bucket" | "objectPrefix" | "streamArn" | "botArn" | "logGroup";

/** One statement of the model: actions, and the resource ARN template they apply to. */
export interface PermissionTemplate {
    sid: string;
    actions: readonly string[];
    /** ARN with `{placeholder}`s; one resource is produced per target of the feature. */
    resource: string;
}

/** A feature of the model: what it is for, and its statements. */
export interface FeaturePermissions {
    description: string;
    statements: readonly PermissionTemplate[];
}

/** Object actions on the bucket where Connect stores recorded conversations and chat transcripts. */
const CONVERSATION_OBJECT_ACTIONS = ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"] as const;
/** Bucket-level reads Connect makes before writing conversations. */
const CONVERSATION_BUCKET_ACTIONS = ["s3:GetBucketLocation", "s3:GetBucketAcl"] as const;
const OBJECTS = "arn:{partition}:s3:::{bucket}/{objectPrefix}*";
const BUCKET = "arn:{partition}:s3:::{bucket}";

/**
 * The permission model: feature → statements → actions and resource templates. Order matters: it
 * is the order of {@link requiredStatements} and of every report.
 */
export const CONNECT_PERMISSION_MODEL: Readonly<Record<ConnectFeature, FeaturePermissions>> = {
    connect: {
        description: "Amazon Connect actions on all Connect resources of the account and Region",
        statements: [{ sid: "ConnectActions", actions: ["connect:*"], resource: "arn:{partition}:connect:{region}:{account}:*" }],
    },
    callRecordings: {
        description: "S3 bucket for recorded conversations",
        statements: [
            { sid: "CallRecordingsObjects", actions: CONVERSATION_OBJECT_ACTIONS, resource: OBJECTS },
            { sid: "CallRecordingsBucket", actions: CONVERSATION_BUCKET_ACTIONS, resource: BUCKET },
        ],
    },
    chatTranscripts: {
        description: "S3 bucket for chat transcripts",
        statements: [
            { sid: "ChatTranscriptsObjects", actions: CONVERSATION_OBJECT_ACTIONS, resource: OBJECTS },
            { sid: "ChatTranscriptsBucket", actions: CONVERSATION_BUCKET_ACTIONS, resource: BUCKET },
        ],
    },
    exportedReports: {
        description: "S3 bucket for exported reports",
        statements: [{ sid: "ExportedReportsObjects", actions: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetObjectAcl"], resource: OBJECTS }],
    },
    kinesisStreams: {
        description: "Kinesis data streams for agent events and contact records",
        statements: [{ sid: "KinesisStreams", actions: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], resource: "{streamArn}" }],
    },
    firehoseStreams: {
        description: "Firehose delivery streams for agent events and contact records",
        statements: [
            {
                sid: "FirehoseStreams",
                actions: ["firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch"],
                resource: "{streamArn}",
            },
        ],
    },
    lexBots: {
        description: "Lex bots added to the instance",
        statements: [{ sid: "LexBots", actions: ["lex:PostContent"], resource: "{botArn}" }],
    },
    contactFlowLogs: {
        description: "CloudWatch Logs group for contact flow logs",
        statements: [
            {
                sid: "ContactFlowLogs",
                actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                resource: "arn:{partition}:logs:{region}:{account}:log-group:{logGroup}:*",
            },
        ],
    },
};

/** Every feature, in model (and report) order. */
export const CONNECT_FEATURES: readonly ConnectFeature[] = Object.keys(CONNECT_PERMISSION_MODEL) as ConnectFeature[];

/** An invalid {@link ConnectPermissionConfig}; `field` names the offending input (e.g. `callRecordings.bucket`). */
export class ConnectConfigError extends Error {
    constructor(
        readonly field: string,
        detail: string,
    ) {
        super(`Invalid Connect permission config: ${field}: ${detail}`);
        this.name = "ConnectConfigError";
    }
}

/** A config with every field checked and normalized (partition defaulted, prefixes trimmed). */
export interface NormalizedConnectConfig {
    partition: string;
    region: string;
    account: string;
    callRecordings?: { bucket: string; prefix: string };
    chatTranscripts?: { bucket: string; prefix: string };
    exportedReports?: { bucket: string; prefix: string };
    kinesisStreamArns: string[];
    firehoseStreamArns: string[];
    lexBotArns: string[];
    contactFlowLogGroup?: string;
}

const PARTITION = /^aws(-[a-z]+)*$/;
const REGION = /^[a-z]{2,3}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOG_GROUP = /^[A-Za-z0-9._\-/#]{1,512}$/;
/** ARN shapes; the first group is the partition. */
const KINESIS_STREAM = /^arn:([^:]+):kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/;
const FIREHOSE_STREAM = /^arn:([^:]+):firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]{1,64}$/;
const LEX_BOT = /^arn:([^:]+):lex:[a-z0-9-]+:\d{12}:(bot:[A-Za-z_]{2,50}(:[A-Za-z_$]{1,100})?|bot-alias\/[0-9A-Z]{10}\/[0-9A-Z]{10})$/;

/** Validates and normalizes a config; throws {@link ConnectConfigError} naming the first bad field. */
export function normalizeConfig(config: ConnectPermissionConfig): NormalizedConnectConfig {
    if (typeof config !== "object" || config === null) throw new ConnectConfigError("config", "must be an object");
    const partition = config.partition ?? "aws";
    check(typeof partition === "string" && PARTITION.test(partition), "partition", `"${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`);
    check(typeof config.region === "string" && REGION.test(config.region), "region", `"${config.region}" is not an AWS Region code such as us-east-1`);
    check(typeof config.account === "string" && ACCOUNT.test(config.account), "account", `"${config.account}" is not a 12-digit AWS account id`);
    const normalized: NormalizedConnectConfig = {
        partition,
        region: config.region,
        account: config.account,
        kinesisStreamArns: arnList(config.kinesisStreamArns, "kinesisStreamArns", partition, KINESIS_STREAM, "a Kinesis data stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)"),
        firehoseStreamArns: arnList(
            config.firehoseStreamArns,
            "firehoseStreamArns",
            partition,
            FIREHOSE_STREAM,
            "a Firehose delivery stream ARN (arn:<partition>:firehose:<region>:<account>:deliverystream/<name>)",
        ),
        lexBotArns: arnList(config.lexBotArns, "lexBotArns", partition, LEX_BOT, "a Lex V1 bot ARN (...:bot:<name>[:<alias>]) or a Lex V2 bot-alias ARN (...:bot-alias/<botId>/<aliasId>)"),
    };
    for (const field of ["callRecordings", "chatTranscripts", "exportedReports"] as const) {
        const target = config[field];
        if (target !== undefined) normalized[field] = normalizeS3Target(target, field);
    }
    if (config.contactFlowLogGroup !== undefined) {
        normalized.contactFlowLogGroup = normalizeLogGroup(config.contactFlowLogGroup);
    }
    return normalized;
}

function arnList(values: string[] | undefined, field: string, partition: string, shape: RegExp, expected: string): string[] {
    if (values === undefined) return [];
    check(Array.isArray(values), field, "must be a list of ARNs");
    const seen = new Set<string>();
    values.forEach((arn, i) => {
        const match = typeof arn === "string" ? shape.exec(arn) : null;
        check(match !== null, `${field}[${i}]`, `${JSON.stringify(arn)} is not ${expected}`);
        check(match![1] === partition, `${field}[${i}]`, `partition "${match![1]}" differs from the config's partition "${partition}"`);
        seen.add(arn);
    });
    return [...seen];
}

/** Validates an S3 target; the prefix comes back without leading slashes and with one trailing slash (or empty). */
export function normalizeS3Target(target: S3Target, field: string): { bucket: string; prefix: string } {
    check(typeof target === "object" && target !== null, field, "must be an object with a bucket");
    const problem = bucketNameProblem(target.bucket);
    check(problem === undefined, `${field}.bucket`, `${JSON.stringify(target.bucket)} is not a valid S3 bucket name: ${problem}`);
    let prefix = target.prefix ?? "";
    check(typeof prefix === "string", `${field}.prefix`, "must be a string");
    prefix = prefix.replace(/^\/+|\/+$/g, "");
    check(!/[*?]|\$\{/.test(prefix), `${field}.prefix`, `"${prefix}" must not contain *, ? or \${ (they would widen the policy)`);
    check(prefix.length <= 1000, `${field}.prefix`, "is longer than 1000 characters");
    return { bucket: target.bucket, prefix: prefix === "" ? "" : `${prefix}/` };
}

/** Why a bucket name breaks S3's naming rules, or undefined when it is valid. */
export function bucketNameProblem(bucket: unknown): string | undefined {
    if (typeof bucket !== "string") return "must be a string";
    if (bucket.length < 3 || bucket.length > 63) return "must be 3 to 63 characters long";
    if (!BUCKET_NAME.test(bucket)) return "use only lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
    if (bucket.includes("..")) return "must not contain two adjacent dots";
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return "must not be formatted as an IP address";
    for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
        if (bucket.startsWith(prefix)) return `must not start with "${prefix}"`;
    }
    for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
        if (bucket.endsWith(suffix)) return `must not end with "${suffix}"`;
    }
    return undefined;
}

function normalizeLogGroup(name: string): string {
    check(typeof name === "string", "contactFlowLogGroup", "must be a string");
    check(!name.startsWith("arn:"), "contactFlowLogGroup", `expects the log group name (e.g. /aws/connect/my-alias), not an ARN: ${name}`);
    check(LOG_GROUP.test(name), "contactFlowLogGroup", `"${name}" is not a valid log group name (1-512 of A-Z a-z 0-9 . _ - / #)`);
    return name;
}

/**
 * Parses `bucket`, `bucket/prefix` or `s3://bucket/prefix` into an {@link S3Target}
 * (the form the CLI accepts).
 */
export function parseS3Target(text: string, field = "s3 target"): S3Target {
    const stripped = text.replace(/^s3:\/\//, "");
    const slash = stripped.indexOf("/");
    const bucket = slash < 0 ? stripped : stripped.slice(0, slash);
    const prefix = slash < 0 ? "" : stripped.slice(slash + 1);
    const target: S3Target = { bucket };
    if (prefix.replace(/\//g, "") !== "") target.prefix = prefix;
    normalizeS3Target(target, field);
    return target;
}

/** The placeholder values for one target of a feature. */
type Bindings = Partial<Record<TemplatePlaceholder, string>>;

/** Lists the targets of a feature in a normalized config (empty when the feature is off). */
function featureTargets(feature: ConnectFeature, config: NormalizedConnectConfig): Bindings[] {
    switch (feature) {
        case "connect":
            return [{}];
        case "callRecordings":
        case "chatTranscripts":
        case "exportedReports": {
            const target = config[feature];
            return target ? [{ bucket: target.bucket, objectPrefix: target.prefix }] : [];
        }
        case "kinesisStreams":
            return config.kinesisStreamArns.map((streamArn) => ({ streamArn }));
        case "firehoseStreams":
            return config.firehoseStreamArns.map((streamArn) => ({ streamArn }));
        case "lexBots":
            return config.lexBotArns.map((botArn) => ({ botArn }));
        case "contactFlowLogs":
            return config.contactFlowLogGroup ? [{ logGroup: config.contactFlowLogGroup }] : [];
    }
}

/** Replaces `{placeholder}`s in a template; an unbound placeholder is a bug in the model, so it throws. */
export function fillTemplate(template: string, bindings: Bindings): string {
    return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
        const value = bindings[name as TemplatePlaceholder];
        if (value === undefined) throw new Error(`permission model template ${template} has no value for {${name}}`);
        return value;
    });
}

/**
 * The exact statements the role needs for the features the config enables, in model order
 * ("connect" first, always required). Throws {@link ConnectConfigError} for invalid input.
 */
export function requiredStatements(config: ConnectPermissionConfig): RequiredStatement[] {
    const normalized = normalizeConfig(config);
    const common: Bindings = { partition: normalized.partition, region: normalized.region, account: normalized.account };
    const statements: RequiredStatement[] = [];
    for (const feature of CONNECT_FEATURES) {
        const targets = featureTargets(feature, normalized);
        if (targets.length === 0) continue;
        for (const template of CONNECT_PERMISSION_MODEL[feature].statements) {
            const resources = unique(targets.map((t) => fillTemplate(template.resource, { ...common, ...t })));
            statements.push({ feature, sid: template.sid, actions: [...template.actions], resources });
        }
    }
    return statements;
}

/** One (action, resource) pair to check, with the feature and statement it comes from. */
export interface RequiredPermission {
    feature: ConnectFeature;
    sid: string;
    action: string;
    resource: string;
}

/** Flattens {@link requiredStatements} into (action, resource) pairs, in the same order. */
export function requiredPermissions(config: ConnectPermissionConfig): RequiredPermission[] {
    return requiredStatements(config).flatMap((s) =>
        s.resources.flatMap((resource) => s.actions.map((action) => ({ feature: s.feature, sid: s.sid, action, resource }))),
    );
}

/** A policy granting exactly {@link requiredStatements}: ready to review and to attach as an inline policy. */
export function requiredPolicyDocument(config: ConnectPermissionConfig): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: requiredStatements(config).map((s) => ({ Sid: s.sid, Effect: "Allow", Action: [...s.actions], Resource: [...s.resources] })),
    };
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

function check(condition: boolean, field: string, detail: string): asserts condition {
    if (!condition) throw new ConnectConfigError(field, detail);
}

/** A resource the AWS-managed policy does not cover, and the permission Connect must add for it. */
export interface ManagedPolicyGap {
    feature: ConnectFeature;
    resource: string;
    actions: string[];
    reason: string;
}

/**
 * Which required permissions fall outside `AmazonConnectServiceLinkedRolePolicy` (e.g. a bucket not
 * named `amazon-connect-*`, any Kinesis stream, `lex:PostContent`): Connect adds those to the role
 * when the feature is enabled, and they are what to look for when the role is missing something.
 * Evaluated with the policy evaluator against the statements kept in `managedPolicy.ts`.
 */
export function managedPolicyGaps(config: ConnectPermissionConfig): ManagedPolicyGap[] {
    const partition = normalizeConfig(config).partition;
    const document = managedPolicyExcerpt(partition);
    const policy = parsePolicy(CONNECT_MANAGED_POLICY_NAME, document, managedPolicyArn(partition));
    const gaps = new Map<string, ManagedPolicyGap>();
    for (const permission of requiredPermissions(config)) {
        const result = evaluatePolicies([policy], { action: permission.action, resource: permission.resource });
        if (result.decision === "allowed") continue;
        const key = `${permission.feature}\u0000${permission.resource}`;
        const gap = gaps.get(key) ?? { feature: permission.feature, resource: permission.resource, actions: [], reason: "" };
        gap.actions.push(permission.action);
        gaps.set(key, gap);
    }
    for (const gap of gaps.values()) gap.reason = gapReason(policy, gap);
    return [...gaps.values()];
}

/** Explains a gap: either the policy lists the actions for other resources, or it lacks them entirely. */
function gapReason(policy: ParsedPolicy, gap: ManagedPolicyGap): string {
    const patterns = new Set<string>();
    for (const statement of policy.statements) {
        if (statement.effect !== "Allow" || !statement.actions || !statement.resources) continue;
        if (gap.actions.some((action) => statement.actions!.some((p) => p.matches(action, true)))) {
            statement.resources.forEach((r) => patterns.add(r));
        }
    }
    const actions = gap.actions.join(", ");
    if (patterns.size > 0) {
        return `${gap.resource} is outside the resource patterns ${CONNECT_MANAGED_POLICY_NAME} grants these actions on (${[...patterns].join(", ")}); Connect must add ${actions} for it`;
    }
    return `${CONNECT_MANAGED_POLICY_NAME} does not grant ${actions}; Connect must add it for this resource when the feature is enabled`;
}
