/**
 * The permissions Amazon Connect's service-linked role needs, per instance feature, as data.
 *
 * {@link CONNECT_PERMISSION_MODEL} is the single source of truth: every other module of this
 * folder (config validation, required statements, the reviewable policy document, the
 * managed-policy gap analysis) and the live role check expand that table and nothing else.
 */

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

