import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../iam/connectionSettings";
import type { DeletionPolicy } from "../iam/inputs";
import type { ServiceLinkedRole } from "../iam/serviceLinkedRole";
import type { InputFailure } from "../iam/validation";

// The arguments of ConnectInstance and the error its constructor throws for bad ones.

/** How the users of an instance this component creates are managed. */
export type ConnectIdentityManagementType = "CONNECT_MANAGED" | "SAML" | "EXISTING_DIRECTORY";

/** Where a data stream feature delivers: a Kinesis data stream or a Firehose delivery stream. */
export type ConnectStreamType = "kinesis" | "firehose";

/**
 * An S3 storage feature (call recordings, chat transcripts, exported reports). Giving the object
 * enables the feature; it then needs exactly one target, `bucketName` or `createBucket`.
 */
export interface ConnectS3StorageArgs {
    /** Set `false` to keep the settings but turn the feature off (handy when it comes from config). Default `true`. */
    enabled?: boolean;
    /** Name of an existing bucket to store into. */
    bucketName?: pulumi.Input<string>;
    /**
     * Store into the bucket this component creates (one bucket, shared by every feature that asks
     * for it; see {@link ConnectInstanceArgs.bucket}).
     */
    createBucket?: boolean;
    /**
     * Key prefix inside the bucket, 1-128 characters. Plain text, because it is part of the
     * permission document checked at construction. Default `connect/<alias>/<Feature>` (the
     * layout the Connect console uses), with the component name in place of the alias of an
     * existing instance, which is only known at deployment.
     */
    prefix?: string;
    /** Full ARN of the KMS key Connect encrypts the objects with (Connect rejects aliases and bare key ids). */
    kmsKeyArn?: pulumi.Input<string>;
}

/** The bucket the component creates when a feature sets `createBucket`. */
export interface ConnectBucketArgs {
    /**
     * Exact bucket name. Default: a generated name starting `amazon-connect-`, the pattern the
     * AWS-managed policy of Connect's service-linked role already covers, so no extra permission
     * has to be added to the role.
     */
    name?: string;
    /** Delete the objects with the bucket when the stack is destroyed. Default `false`: recordings are records. */
    forceDestroy?: boolean;
    /**
     * Keep the bucket in AWS when the stack is destroyed or the bucket replaced (Pulumi's
     * `retainOnDelete`). Default `true` unless `forceDestroy` is set: a bucket still holding
     * recordings would otherwise fail its delete only after the instance is already gone.
     */
    retainOnDelete?: boolean;
    /**
     * Full ARN of a customer-managed KMS key for the bucket's default encryption (SSE-KMS with a
     * bucket key). Default: SSE-S3. The bucket always blocks public access and refuses requests
     * without TLS.
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/**
 * A streaming feature (agent events, contact trace records). Giving the object enables the
 * feature; it then needs exactly one target, `existingArn` or `create`.
 */
export interface ConnectStreamArgs {
    /** Set `false` to keep the settings but turn the feature off. Default `true`. */
    enabled?: boolean;
    /**
     * `kinesis` or `firehose`. Default: read from `existingArn` when it is a plain string, else
     * `kinesis`. Agent events support only `kinesis`.
     */
    type?: ConnectStreamType;
    /** ARN of an existing Kinesis data stream or Firehose delivery stream. */
    existingArn?: pulumi.Input<string>;
    /** Create the stream as part of this component. */
    create?: boolean;
    /** Name of the created stream. Default: generated from the component name. */
    name?: string;
    /** Retention of a created Kinesis data stream, 24-8760 hours. Default 24. */
    retentionHours?: number;
    /**
     * ARN of the bucket a created Firehose stream delivers to. Default: the bucket this component
     * creates (which is then created even if no S3 feature asks for it).
     */
    firehoseDestinationBucketArn?: pulumi.Input<string>;
    /** Key prefix a created Firehose stream writes under. Default `connect/<alias>/ContactTraceRecords/` (as for S3 prefixes). */
    firehoseDestinationPrefix?: string;
    /**
     * Full ARN of a customer-managed KMS key for a created stream's server-side encryption.
     * Default: the AWS-managed key (`alias/aws/kinesis` for data streams, an AWS-owned key for
     * Firehose). Created streams are always encrypted.
     */
    kmsKeyArn?: pulumi.Input<string>;
}

/** Live media streaming (`MEDIA_STREAMS`): Connect creates Kinesis Video streams per contact. */
export interface ConnectMediaStreamsArgs {
    /** Prefix of the video streams Connect creates, 1-128 characters. */
    prefix: string;
    /** Hours Kinesis Video keeps the media, 0-87600 (0: not persisted). Default 24. */
    retentionHours?: number;
    /** Full ARN of the KMS key the video streams are encrypted with (Connect requires one). */
    kmsKeyArn: pulumi.Input<string>;
}

/** A Lambda function contact flows may invoke. */
export interface ConnectLambdaFunctionArgs {
    /** The function's ARN (unqualified, or with a version or alias qualifier). */
    functionArn: pulumi.Input<string>;
    /**
     * Add the function permission (`lambda:InvokeFunction` for `connect.amazonaws.com`, limited to
     * this instance by source ARN and account). Default `true`; set `false` when the function's
     * policy is managed elsewhere (it is then reported as a permission gap).
     */
    addPermission?: boolean;
}

/**
 * Instance attributes (UpdateInstanceAttribute). On an instance this component creates they are
 * instance inputs; on an existing instance a small resource sets them and restores the previous
 * values when it is deleted.
 */
export interface ConnectInstanceAttributes {
    inboundCalls?: pulumi.Input<boolean>;
    outboundCalls?: pulumi.Input<boolean>;
    contactLens?: pulumi.Input<boolean>;
    autoResolveBestVoices?: pulumi.Input<boolean>;
    useCustomTtsVoices?: pulumi.Input<boolean>;
    earlyMedia?: pulumi.Input<boolean>;
    multiPartyConference?: pulumi.Input<boolean>;
    multiPartyChatConference?: pulumi.Input<boolean>;
    highVolumeOutbound?: pulumi.Input<boolean>;
    enhancedContactMonitoring?: pulumi.Input<boolean>;
    enhancedChatMonitoring?: pulumi.Input<boolean>;
}

/**
 * How the component deals with Connect's service-linked role.
 * - `instance` (default): Connect creates a role per instance (`AWSServiceRoleForAmazonConnect_<id>`)
 *   and deletes it with the instance. The component creates nothing account-wide: after the instance
 *   exists it adopts that role into a `ServiceLinkedRole` (never deleted by this stack) so its
 *   description and tags are managed, and checks its permissions once the features are associated.
 * - `accountWide`: the older scheme: ensure `AWSServiceRoleForAmazonConnect` before creating the
 *   instance (adopted when it exists; deleted on destroy only if this stack created it).
 * - `none`: leave roles alone (the permission outputs are still computed).
 */
export type ConnectRoleScheme = "instance" | "accountWide" | "none";

/** Settings for Connect's service-linked role; see {@link ConnectRoleScheme}. */
export interface ConnectServiceLinkedRoleArgs {
    /** Default `instance`. */
    scheme?: ConnectRoleScheme;
    /** Description to set on the role. Omit it to keep the one Connect wrote. */
    description?: pulumi.Input<string>;
    /** The complete set of tags on the role. Omit it to leave the role's tags alone. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** `accountWide` only: what destroy does with the role. Default `deleteIfCreated`. */
    deletionPolicy?: pulumi.Input<DeletionPolicy>;
    /**
     * The live permission check of the instance's role, run after the features are associated:
     * `warn` (default) reports missing permissions with a warning and in
     * {@link ConnectInstance.permissionCheck}; `fail` fails the deployment; `off` skips it.
     */
    check?: "warn" | "fail" | "off";
}

/**
 * An Amazon Lex V1 bot, associated with `aws.connect.BotAssociation`. Lex V1 reached end of support
 * in September 2025: still accepted, with a deprecation warning; use a V2 alias.
 */
export interface ConnectLexV1BotArgs {
    /** Bot name (letters and underscores, 2-50 characters). */
    name: pulumi.Input<string>;
    /** Region of the bot. Default: the instance's Region. */
    region?: pulumi.Input<string>;
}

/**
 * An Amazon Lex V2 bot alias. Connect reaches it as `connect.amazonaws.com` through the alias's
 * resource policy, which the component creates (`AWS::Lex::ResourcePolicy`), and associates it with
 * `AWS::Connect::IntegrationAssociation`; `@pulumi/aws` has neither, so both go through the Cloud
 * Control API (`aws.cloudcontrol.Resource`). See {@link ConnectInstanceArgs.associateLexV2Bots}.
 */
export interface ConnectLexV2BotArgs {
    /** Bot alias ARN, `arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>`. */
    aliasArn: pulumi.Input<string>;
    /**
     * Create the alias's resource policy. Default `true`. Set `false` when the alias already has a
     * policy (an alias has one policy document; creating a second fails), and grant
     * `lex:RecognizeText` and `lex:StartConversation` to `connect.amazonaws.com` in it yourself.
     */
    createResourcePolicy?: boolean;
}

/** A Lex bot to make available to contact flows: V1 by name, V2 by alias ARN. */
export type ConnectLexBotArgs = ConnectLexV1BotArgs | ConnectLexV2BotArgs;

/** Contact flow logs: the instance attribute, and the log group Connect writes to. */
export interface ConnectContactFlowLogsArgs {
    /** Set `false` to turn the logs off explicitly. Default `true`. */
    enabled?: boolean;
    /**
     * Create the log group `/aws/connect/<alias>`. Default `true`. Set `false` when the group
     * already exists (Connect creates it, with no expiry, the first time a flow logs) and is
     * managed elsewhere, or import it instead.
     */
    createLogGroup?: boolean;
    /** Retention of the created group, in days; `0` keeps logs forever. Default 90. */
    retentionInDays?: number;
    /** Full ARN of a KMS key for the created group. */
    kmsKeyArn?: pulumi.Input<string>;
}

/** Inputs of {@link ConnectInstance}. */
export interface ConnectInstanceArgs {
    /**
     * Id or ARN of an instance that already exists. The component then wires features to it and
     * creates no instance (and no role). An ARN's Region is used for every lookup and child.
     */
    existingInstanceId?: pulumi.Input<string>;
    /**
     * Alias of the instance to create (1-45 letters, digits and hyphens). Required unless
     * `identityManagementType` is `EXISTING_DIRECTORY`. Plain text, since it names the log group
     * and the default S3 prefixes. Changing it replaces the instance: see `allowInstanceReplacement`.
     */
    instanceAlias?: string;
    /** Default `CONNECT_MANAGED`. `EXISTING_DIRECTORY` needs `directoryId`. Changing it replaces the instance. */
    identityManagementType?: ConnectIdentityManagementType;
    /** Directory Service directory id, for `EXISTING_DIRECTORY`. Changing it replaces the instance. */
    directoryId?: pulumi.Input<string>;
    /**
     * Let a change of alias, identity type or directory replace the instance. Default `false`: such a
     * change fails at preview, because replacing deletes the contact centre (users, flows, queues,
     * phone numbers) and AWS limits how many instances an account may create and delete in 30 days.
     */
    allowInstanceReplacement?: boolean;
    /** Default `true`. */
    inboundCallsEnabled?: pulumi.Input<boolean>;
    /** Default `true`. */
    outboundCallsEnabled?: pulumi.Input<boolean>;
    /** Passed to the instance; the provider's default applies when omitted. */
    contactLensEnabled?: pulumi.Input<boolean>;
    /** Passed to the instance; the provider's default applies when omitted. */
    autoResolveBestVoicesEnabled?: pulumi.Input<boolean>;
    /** Passed to the instance; the provider's default applies when omitted. */
    earlyMediaEnabled?: pulumi.Input<boolean>;
    /** Passed to the instance; the provider's default applies when omitted. */
    multiPartyConferenceEnabled?: pulumi.Input<boolean>;
    /**
     * Instance attributes for an existing instance (with `existingInstanceId`), set with
     * UpdateInstanceAttribute and restored on delete. For a created instance use the `...Enabled`
     * inputs above.
     */
    instanceAttributes?: ConnectInstanceAttributes;

    /**
     * Connect's service-linked role: settings (default `{ scheme: "instance" }`, see
     * {@link ConnectRoleScheme}), or, for the account-wide scheme, a {@link ServiceLinkedRole}
     * declared elsewhere to create the instance after.
     */
    serviceLinkedRole?: ServiceLinkedRole | ConnectServiceLinkedRoleArgs;

    /** The bucket created for features that set `createBucket`. */
    bucket?: ConnectBucketArgs;
    /** Recorded calls to S3 (storage resource type `CALL_RECORDINGS`). */
    callRecordings?: ConnectS3StorageArgs;
    /** Chat transcripts to S3 (`CHAT_TRANSCRIPTS`). */
    chatTranscripts?: ConnectS3StorageArgs;
    /** Exported (scheduled) reports to S3 (`SCHEDULED_REPORTS`). */
    exportedReports?: ConnectS3StorageArgs;
    /** Chat and email attachments to S3 (`ATTACHMENTS`). */
    attachments?: ConnectS3StorageArgs;
    /** Contact evaluations to S3 (`CONTACT_EVALUATIONS`). */
    contactEvaluations?: ConnectS3StorageArgs;
    /** Email messages to S3 (`EMAIL_MESSAGES`). */
    emailMessages?: ConnectS3StorageArgs;
    /** Agent screen recordings to S3 (`SCREEN_RECORDINGS`). */
    screenRecordings?: ConnectS3StorageArgs;
    /** Live media streaming to Kinesis Video (`MEDIA_STREAMS`). */
    mediaStreams?: ConnectMediaStreamsArgs;
    /** Agent event stream (`AGENT_EVENTS`), Kinesis data stream only. */
    agentEvents?: ConnectStreamArgs;
    /** Contact trace records (`CONTACT_TRACE_RECORDS`), Kinesis or Firehose. */
    contactTraceRecords?: ConnectStreamArgs;
    /** Contact Lens real-time voice segments (`REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS`), Kinesis only. */
    realTimeVoiceSegments?: ConnectStreamArgs;
    /** Contact Lens real-time chat segments (`REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS`), Kinesis only. */
    realTimeChatSegments?: ConnectStreamArgs;
    /** Lex bots available to contact flows. */
    lexBots?: ConnectLexBotArgs[];
    /**
     * Associate Lex V2 aliases through the Cloud Control API. Default `true`. Set `false` to only
     * list them in the permission outputs (and associate them some other way).
     */
    associateLexV2Bots?: boolean;
    /** Lambda functions contact flows may invoke (`aws.connect.LambdaFunctionAssociation`). */
    lambdaFunctions?: ConnectLambdaFunctionArgs[];
    /** Origins allowed to embed the contact control panel or chat (`AWS::Connect::ApprovedOrigin`), e.g. `https://support.example.com`. */
    approvedOrigins?: string[];
    /** PEM public keys for chat and widget authentication (`AWS::Connect::SecurityKey`); an instance holds at most 2. */
    securityKeys?: pulumi.Input<string>[];
    /** Contact flow logs to CloudWatch Logs. */
    contactFlowLogs?: ConnectContactFlowLogsArgs;

    /**
     * Fail (at construction when the names are known, else at deployment) on a real permission gap:
     * a permission neither the managed policy, nor Connect at association, nor a resource policy
     * this component creates will grant. Default `false`: gaps are warnings and in
     * {@link ConnectInstance.permissionGaps}.
     */
    strictManagedPolicy?: boolean;

    /** Region for the instance and every resource it creates. Default: an existing instance ARN's Region, else the provider's. */
    region?: pulumi.Input<string>;
    /**
     * Account id for the permission document, and the account the service-linked role and its
     * check must act in (their `expectedAccountId`). Default: looked up with `aws.getCallerIdentity`
     * through this component's aws provider, so the role can never land in another account than
     * the instance.
     */
    accountId?: pulumi.Input<string>;
    /**
     * Where the service-linked role and its permission check act: `region`, `profile`,
     * `assumeRoles`, as `ServiceLinkedRole`'s `connection`. They are dynamic resources, which Pulumi
     * gives no aws provider, so with an explicit aws provider on this component give the same
     * target here; otherwise they fail, naming both accounts, instead of acting in another account.
     */
    connection?: pulumi.Input<ConnectionArgs>;
    /** Partition for the permission document. Default: looked up with `aws.getPartition`. */
    partition?: pulumi.Input<string>;
    /**
     * Tags for the instance and every taggable resource the component creates. The role is tagged
     * through `serviceLinkedRole.tags` only.
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Invalid {@link ConnectInstanceArgs}: every problem found, each naming its property. */
export class ConnectInstanceArgsError extends Error {
    constructor(
        /** The component's resource name. */
        readonly resourceName: string,
        /** One entry per rejected property. */
        readonly failures: InputFailure[],
    ) {
        super(`ConnectInstance ${resourceName}: invalid arguments:\n${failures.map((f) => `  - ${f.property}: ${f.reason}`).join("\n")}`);
        this.name = "ConnectInstanceArgsError";
    }
}

/** The storage associations the component declared, by feature. */
export interface ConnectStorageConfigs {
    /** `ATTACHMENTS` to S3. */
    attachments?: aws.connect.InstanceStorageConfig;
    /** `CONTACT_EVALUATIONS` to S3. */
    contactEvaluations?: aws.connect.InstanceStorageConfig;
    /** `EMAIL_MESSAGES` to S3. */
    emailMessages?: aws.connect.InstanceStorageConfig;
    /** `SCREEN_RECORDINGS` to S3. */
    screenRecordings?: aws.connect.InstanceStorageConfig;
    /** `MEDIA_STREAMS` to Kinesis Video. */
    mediaStreams?: aws.connect.InstanceStorageConfig;
    /** `REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS` to a Kinesis data stream. */
    realTimeVoiceSegments?: aws.connect.InstanceStorageConfig;
    /** `REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS` to a Kinesis data stream. */
    realTimeChatSegments?: aws.connect.InstanceStorageConfig;
    /** `CALL_RECORDINGS` to S3. */
    callRecordings?: aws.connect.InstanceStorageConfig;
    /** `CHAT_TRANSCRIPTS` to S3. */
    chatTranscripts?: aws.connect.InstanceStorageConfig;
    /** `SCHEDULED_REPORTS` to S3. */
    exportedReports?: aws.connect.InstanceStorageConfig;
    /** `AGENT_EVENTS` to a Kinesis data stream. */
    agentEvents?: aws.connect.InstanceStorageConfig;
    /** `CONTACT_TRACE_RECORDS` to a Kinesis data stream or a Firehose delivery stream. */
    contactTraceRecords?: aws.connect.InstanceStorageConfig;
}
