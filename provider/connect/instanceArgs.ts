import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceLinkedRole, ServiceLinkedRoleArgs } from "../iam/serviceLinkedRole";
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
}

/** An Amazon Lex (V1) bot, associated with `aws.connect.BotAssociation`. */
export interface ConnectLexV1BotArgs {
    /** Bot name (letters and underscores, 2-50 characters). */
    name: pulumi.Input<string>;
    /** Region of the bot. Default: the instance's Region. */
    region?: pulumi.Input<string>;
}

/**
 * An Amazon Lex V2 bot alias. `@pulumi/aws` has no Connect resource for V2 associations, so the
 * component declares CloudFormation's `AWS::Connect::IntegrationAssociation` through the Cloud
 * Control API (`aws.cloudcontrol.Resource`); see {@link ConnectInstanceArgs.associateLexV2Bots}.
 */
export interface ConnectLexV2BotArgs {
    /** Bot alias ARN, `arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>`. */
    aliasArn: pulumi.Input<string>;
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
     * creates no instance; the instance settings below must be left out.
     */
    existingInstanceId?: pulumi.Input<string>;
    /**
     * Alias of the instance to create (1-45 letters, digits and hyphens). Required unless
     * `identityManagementType` is `EXISTING_DIRECTORY`. Plain text, since it names the log group
     * and the default S3 prefixes.
     */
    instanceAlias?: string;
    /** Default `CONNECT_MANAGED`. `EXISTING_DIRECTORY` needs `directoryId`. */
    identityManagementType?: ConnectIdentityManagementType;
    /** Directory Service directory id, for `EXISTING_DIRECTORY`. */
    directoryId?: pulumi.Input<string>;
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
     * The Connect service-linked role to ensure before the instance: an existing
     * {@link ServiceLinkedRole}, or settings for the one the component declares (adopting the role
     * when it already exists; deleted on destroy only if this stack created it). Default `{}`.
     */
    serviceLinkedRole?: ServiceLinkedRole | ServiceLinkedRoleArgs;

    /** The bucket created for features that set `createBucket`. */
    bucket?: ConnectBucketArgs;
    /** Recorded calls to S3 (storage resource type `CALL_RECORDINGS`). */
    callRecordings?: ConnectS3StorageArgs;
    /** Chat transcripts to S3 (`CHAT_TRANSCRIPTS`). */
    chatTranscripts?: ConnectS3StorageArgs;
    /** Exported (scheduled) reports to S3 (`SCHEDULED_REPORTS`). */
    exportedReports?: ConnectS3StorageArgs;
    /** Agent event stream (`AGENT_EVENTS`), Kinesis data stream only. */
    agentEvents?: ConnectStreamArgs;
    /** Contact trace records (`CONTACT_TRACE_RECORDS`), Kinesis or Firehose. */
    contactTraceRecords?: ConnectStreamArgs;
    /** Lex bots available to contact flows. */
    lexBots?: ConnectLexBotArgs[];
    /**
     * Associate Lex V2 aliases through the Cloud Control API. Default `true`. Set `false` to only
     * list them in the permission outputs (and associate them some other way).
     */
    associateLexV2Bots?: boolean;
    /** Contact flow logs to CloudWatch Logs. */
    contactFlowLogs?: ConnectContactFlowLogsArgs;

    /**
     * Fail (at construction when the names are known, else at deployment) when a feature uses a
     * resource the AWS-managed policy of Connect's role does not cover. Default `false`: such
     * resources are reported with `pulumi.log.warn` and in {@link ConnectInstance.managedPolicyGaps}.
     */
    strictManagedPolicy?: boolean;

    /** Region for the instance and every resource it creates. Default: the provider's Region. */
    region?: pulumi.Input<string>;
    /** Account id for the permission document. Default: looked up with `aws.getCallerIdentity`. */
    accountId?: pulumi.Input<string>;
    /** Partition for the permission document. Default: looked up with `aws.getPartition`. */
    partition?: pulumi.Input<string>;
    /**
     * Tags for the instance and every taggable resource the component creates, except the
     * service-linked role: several instances share it, so tag it through `serviceLinkedRole.tags`.
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
