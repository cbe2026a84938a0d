import type * as pulumi from "@pulumi/pulumi";
import type { DeletionPolicy } from "../../iam/inputs";

// The per-feature arguments of ConnectInstance (storage, streams, bots, functions, logs, role).

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
