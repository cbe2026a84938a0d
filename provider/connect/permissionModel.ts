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
    | "attachments"
    | "contactEvaluations"
    | "emailMessages"
    | "screenRecordings"
    | "lexBots"
    | "lexV2Bots"
    | "lambdaFunctions"
    | "contactFlowLogs";

/**
 * Where a required permission comes from, so that only real gaps are reported:
 * - `managedPolicy`: `AmazonConnectServiceLinkedRolePolicy` grants it to every Connect role;
 * - `association`: Connect adds it to the instance's role itself when the feature is associated
 *   (the deployer needs `iam:PutRolePolicy` on the role for that);
 * - `resourcePolicy`: a resource policy on the target grants it to `connect.amazonaws.com` (a Lex V2
 *   bot alias's policy, a Lambda function's permission), not the role;
 * - `user`: nobody adds it automatically: the user must grant it (a real gap).
 */
export type PermissionSource = "managedPolicy" | "association" | "resourcePolicy" | "user";

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
    attachments?: S3Target;
    contactEvaluations?: S3Target;
    emailMessages?: S3Target;
    screenRecordings?: S3Target;
    /** Lex V1 bot ARNs or Lex V2 bot-alias ARNs (told apart by their shape). */
    lexBotArns?: string[];
    /** Lambda function ARNs the instance's flows invoke. */
    lambdaFunctionArns?: string[];
    /** Log group NAME, e.g. `/aws/connect/my-alias`. */
    contactFlowLogGroup?: string;
}

/** One statement the role needs: these actions on these resources, for this feature. */
export interface RequiredStatement {
    feature: ConnectFeature;
    /** Who holds the grant (see {@link FeaturePermissions.grantedBy}). */
    grantedBy: "role" | "resourcePolicy";
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
export type TemplatePlaceholder = "partition" | "region" | "account" | "bucket" | "objectPrefix" | "streamArn" | "botArn" | "functionArn" | "logGroup";

/** One statement of the model: actions, and the resource ARN template they apply to. */
export interface PermissionTemplate {
    sid: string;
    actions: readonly string[];
    /** ARN with `{placeholder}`s; one resource is produced per target of the feature. */
    resource: string;
}

/** A feature of the model: what it is for, its statements, and who grants them. */
export interface FeaturePermissions {
    description: string;
    statements: readonly PermissionTemplate[];
    /**
     * Who holds the grant: the instance's `role`, or a `resourcePolicy` on the target naming the
     * service principal `connect.amazonaws.com` (the role check then skips the feature).
     */
    grantedBy: "role" | "resourcePolicy";
    /** The source of a role permission the managed policy does not grant (see {@link PermissionSource}). */
    otherwise: "association" | "user";
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
        grantedBy: "role",
        otherwise: "user",
    },
    callRecordings: {
        description: "S3 bucket for recorded conversations",
        statements: [
            { sid: "CallRecordingsObjects", actions: CONVERSATION_OBJECT_ACTIONS, resource: OBJECTS },
            { sid: "CallRecordingsBucket", actions: CONVERSATION_BUCKET_ACTIONS, resource: BUCKET },
        ],
        grantedBy: "role",
        otherwise: "association",
    },
    chatTranscripts: {
        description: "S3 bucket for chat transcripts",
        statements: [
            { sid: "ChatTranscriptsObjects", actions: CONVERSATION_OBJECT_ACTIONS, resource: OBJECTS },
            { sid: "ChatTranscriptsBucket", actions: CONVERSATION_BUCKET_ACTIONS, resource: BUCKET },
        ],
        grantedBy: "role",
        otherwise: "association",
    },
    exportedReports: {
        description: "S3 bucket for exported reports",
        statements: [{ sid: "ExportedReportsObjects", actions: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetObjectAcl"], resource: OBJECTS }],
        grantedBy: "role",
        otherwise: "association",
    },
    attachments: conversationStorage("S3 bucket for chat and email attachments", "Attachments"),
    contactEvaluations: conversationStorage("S3 bucket for contact evaluations", "ContactEvaluations"),
    emailMessages: conversationStorage("S3 bucket for email messages", "EmailMessages"),
    screenRecordings: conversationStorage("S3 bucket for agent screen recordings", "ScreenRecordings"),
    kinesisStreams: {
        description: "Kinesis data streams for agent events and contact records",
        statements: [{ sid: "KinesisStreams", actions: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], resource: "{streamArn}" }],
        grantedBy: "role",
        otherwise: "association",
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
        grantedBy: "role",
        otherwise: "association",
    },
    lexBots: {
        // Lex V1 (end of support September 2025): Connect adds lex:PostContent to its role.
        description: "Lex V1 bots added to the instance",
        statements: [{ sid: "LexBots", actions: ["lex:PostContent"], resource: "{botArn}" }],
        grantedBy: "role",
        otherwise: "association",
    },
    lexV2Bots: {
        // Connect reaches a V2 alias as the service principal, allowed by the alias's resource policy:
        // https://docs.aws.amazon.com/lexv2/latest/dg/security_iam_resource-based-policy-examples.html
        description: "Lex V2 bot aliases (resource policy on the alias)",
        statements: [{ sid: "LexV2BotAliases", actions: ["lex:RecognizeText", "lex:StartConversation"], resource: "{botArn}" }],
        grantedBy: "resourcePolicy",
        otherwise: "user",
    },
    lambdaFunctions: {
        // The function's resource policy (lambda:AddPermission) lets connect.amazonaws.com invoke it.
        description: "Lambda functions invoked from contact flows (function resource policy)",
        statements: [{ sid: "LambdaFunctions", actions: ["lambda:InvokeFunction"], resource: "{functionArn}" }],
        grantedBy: "resourcePolicy",
        otherwise: "user",
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
        grantedBy: "role",
        // Connect writes only to /aws/connect/<alias>, which the managed policy covers.
        otherwise: "user",
    },
};

/** An S3 feature with the conversation actions, whose grant Connect adds at association. */
function conversationStorage(description: string, sid: string): FeaturePermissions {
    return {
        description,
        statements: [
            { sid: `${sid}Objects`, actions: CONVERSATION_OBJECT_ACTIONS, resource: OBJECTS },
            { sid: `${sid}Bucket`, actions: CONVERSATION_BUCKET_ACTIONS, resource: BUCKET },
        ],
        grantedBy: "role",
        otherwise: "association",
    };
}

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
    attachments?: { bucket: string; prefix: string };
    contactEvaluations?: { bucket: string; prefix: string };
    emailMessages?: { bucket: string; prefix: string };
    screenRecordings?: { bucket: string; prefix: string };
    kinesisStreamArns: string[];
    firehoseStreamArns: string[];
    lexBotArns: string[];
    lambdaFunctionArns: string[];
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
const LEX_V2_ALIAS = /:bot-alias\//;
const LAMBDA_FUNCTION = /^arn:([^:]+):lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/;

/** The S3 storage features, in model order. */
export const S3_CONFIG_FIELDS = ["callRecordings", "chatTranscripts", "exportedReports", "attachments", "contactEvaluations", "emailMessages", "screenRecordings"] as const;

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
        lambdaFunctionArns: arnList(config.lambdaFunctionArns, "lambdaFunctionArns", partition, LAMBDA_FUNCTION, "a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>])"),
    };
    for (const field of S3_CONFIG_FIELDS) {
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
        case "exportedReports":
        case "attachments":
        case "contactEvaluations":
        case "emailMessages":
        case "screenRecordings": {
            const target = config[feature];
            return target ? [{ bucket: target.bucket, objectPrefix: target.prefix }] : [];
        }
        case "kinesisStreams":
            return config.kinesisStreamArns.map((streamArn) => ({ streamArn }));
        case "firehoseStreams":
            return config.firehoseStreamArns.map((streamArn) => ({ streamArn }));
        case "lexBots":
            return config.lexBotArns.filter((arn) => !LEX_V2_ALIAS.test(arn)).map((botArn) => ({ botArn }));
        case "lexV2Bots":
            return config.lexBotArns.filter((arn) => LEX_V2_ALIAS.test(arn)).map((botArn) => ({ botArn }));
        case "lambdaFunctions":
            return config.lambdaFunctionArns.map((functionArn) => ({ functionArn }));
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
            statements.push({ feature, grantedBy: CONNECT_PERMISSION_MODEL[feature].grantedBy, sid: template.sid, actions: [...template.actions], resources });
        }
    }
    return statements;
}

/** One (action, resource) pair to check, with the feature and statement it comes from. */
export interface RequiredPermission {
    feature: ConnectFeature;
    grantedBy: "role" | "resourcePolicy";
    sid: string;
    action: string;
    resource: string;
}

/** Flattens {@link requiredStatements} into (action, resource) pairs, in the same order. */
export function requiredPermissions(config: ConnectPermissionConfig): RequiredPermission[] {
    return requiredStatements(config).flatMap((s) =>
        s.resources.flatMap((resource) => s.actions.map((action) => ({ feature: s.feature, grantedBy: s.grantedBy, sid: s.sid, action, resource }))),
    );
}

/**
 * A policy granting exactly the role's part of {@link requiredStatements}: ready to review and to
 * attach as an inline policy. Grants held by resource policies (Lex V2 aliases, Lambda functions)
 * are left out: see {@link connectResourcePolicy}.
 */
export function requiredPolicyDocument(config: ConnectPermissionConfig): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: requiredStatements(config)
            .filter((s) => s.grantedBy === "role")
            .map((s) => ({ Sid: s.sid, Effect: "Allow", Action: [...s.actions], Resource: [...s.resources] })),
    };
}

/** A resource policy statement naming a service principal. */
export interface ResourcePolicyDocument {
    Version: "2012-10-17";
    Statement: Array<{
        Sid: string;
        Effect: "Allow";
        Principal: { Service: string };
        Action: string[];
        Resource: string;
        Condition: { ArnEquals: { "aws:SourceArn": string }; StringEquals: { "aws:SourceAccount": string } };
    }>;
}

/**
 * The resource policy that lets one instance reach a Lex V2 bot alias: `connect.amazonaws.com` may
 * call the runtime actions, only on behalf of `instanceArn` (the confused-deputy guard AWS
 * recommends for service principals).
 */
export function connectResourcePolicy(feature: "lexV2Bots", resourceArn: string, instanceArn: string): ResourcePolicyDocument {
    const account = /^arn:[^:]+:connect:[^:]+:(\d{12}):instance\//.exec(instanceArn)?.[1];
    if (account === undefined) throw new ConnectConfigError("instanceArn", `"${instanceArn}" is not a Connect instance ARN`);
    const template = CONNECT_PERMISSION_MODEL[feature].statements[0];
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: `ConnectInstance${instanceArn.split("/").pop()!.replace(/[^A-Za-z0-9]/g, "")}`,
                Effect: "Allow",
                Principal: { Service: "connect.amazonaws.com" },
                Action: [...template.actions],
                Resource: resourceArn,
                Condition: { ArnEquals: { "aws:SourceArn": instanceArn }, StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    };
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

function check(condition: boolean, field: string, detail: string): asserts condition {
    if (!condition) throw new ConnectConfigError(field, detail);
}

/** A resource the AWS-managed policy does not cover, and who grants the permission instead. */
export interface ManagedPolicyGap {
    feature: ConnectFeature;
    resource: string;
    actions: string[];
    /** Who grants it instead; only `user` (and a resource policy nobody creates) is a real gap. */
    source: Exclude<PermissionSource, "managedPolicy">;
    reason: string;
}

/** One required permission with where it comes from. */
export interface SourcedPermission extends RequiredPermission {
    source: PermissionSource;
}

/**
 * Every required permission with its source: the managed policy when the dated copy of
 * `AmazonConnectServiceLinkedRolePolicy` allows it, else the feature's own way (Connect adds it at
 * association, a resource policy on the target, or the user), and always the user for a target in
 * another account, which neither the managed policy nor Connect can reach.
 */
export function permissionSources(config: ConnectPermissionConfig): SourcedPermission[] {
    const normalized = normalizeConfig(config);
    const policy = managedPolicy(normalized.partition);
    return requiredPermissions(config).map((permission) => {
        const model = CONNECT_PERMISSION_MODEL[permission.feature];
        const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(permission.resource)?.[1];
        let source: PermissionSource;
        if (account !== undefined && account !== normalized.account) source = "user";
        else if (model.grantedBy === "resourcePolicy") source = "resourcePolicy";
        else if (evaluatePolicies([policy], { action: permission.action, resource: permission.resource }).decision === "allowed") source = "managedPolicy";
        else source = model.otherwise;
        return { ...permission, source };
    });
}

function managedPolicy(partition: string): ParsedPolicy {
    return parsePolicy(CONNECT_MANAGED_POLICY_NAME, managedPolicyExcerpt(partition), managedPolicyArn(partition));
}

/**
 * Which required permissions `AmazonConnectServiceLinkedRolePolicy` does not grant, grouped by
 * resource, each with its {@link PermissionSource}: most are added by Connect when the feature is
 * associated, or granted by a resource policy, and are listed so a role check knows where to look.
 */
export function managedPolicyGaps(config: ConnectPermissionConfig): ManagedPolicyGap[] {
    const policy = managedPolicy(normalizeConfig(config).partition);
    const gaps = new Map<string, ManagedPolicyGap>();
    for (const permission of permissionSources(config)) {
        if (permission.source === "managedPolicy") continue;
        const key = `${permission.feature}\u0000${permission.resource}`;
        const gap = gaps.get(key) ?? { feature: permission.feature, resource: permission.resource, actions: [], source: permission.source, reason: "" };
        gap.actions.push(permission.action);
        gaps.set(key, gap);
    }
    for (const gap of gaps.values()) gap.reason = gapReason(policy, gap, config.account);
    return [...gaps.values()];
}

/**
 * The real gaps: permissions nobody grants unless the user does. `resourcePoliciesCreated` lists the
 * targets whose resource policy the caller creates (those are then covered).
 */
export function permissionGaps(config: ConnectPermissionConfig, resourcePoliciesCreated: readonly string[] = []): ManagedPolicyGap[] {
    return managedPolicyGaps(config).filter((gap) => gap.source === "user" || (gap.source === "resourcePolicy" && !resourcePoliciesCreated.includes(gap.resource)));
}

/** Explains a gap: who grants the actions instead, and what the managed policy covers. */
function gapReason(policy: ParsedPolicy, gap: ManagedPolicyGap, account: string): string {
    const actions = gap.actions.join(", ");
    switch (gap.source) {
        case "association":
            return `${CONNECT_MANAGED_POLICY_NAME} does not grant ${actions} on ${gap.resource}${coveredPatterns(policy, gap)}; Connect adds it to the instance's role when the feature is associated (the deployer needs iam:PutRolePolicy on the role)`;
        case "resourcePolicy":
            return `${actions} on ${gap.resource} is granted to connect.amazonaws.com by the target's resource policy, not by the role; create that policy (the component does unless told not to)`;
        case "user":
            return CONNECT_PERMISSION_MODEL[gap.feature].grantedBy === "resourcePolicy" || !gap.resource.includes(`:${account}:`)
                ? `${gap.resource} is outside what Connect can grant itself: grant ${actions} to the instance's role (or connect.amazonaws.com) in the target's own policy`
                : `${CONNECT_MANAGED_POLICY_NAME} does not grant ${actions} on ${gap.resource}${coveredPatterns(policy, gap)}, and Connect does not add it: grant it to the role yourself`;
    }
}

/** ` (it covers only <patterns>)` when the managed policy grants these actions on other resources. */
function coveredPatterns(policy: ParsedPolicy, gap: ManagedPolicyGap): string {
    const patterns = new Set<string>();
    for (const statement of policy.statements) {
        if (statement.effect !== "Allow" || !statement.actions || !statement.resources) continue;
        if (gap.actions.some((action) => statement.actions!.some((p) => p.matches(action, true)))) {
            statement.resources.forEach((r) => patterns.add(r));
        }
    }
    return patterns.size > 0 ? ` (it covers only ${[...patterns].join(", ")})` : "";
}
