import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../../iam/connectionSettings";
import type { ServiceLinkedRole } from "../../iam/serviceLinkedRole";
import type { InputFailure } from "../../iam/validation";
import type {
    ConnectBucketArgs,
    ConnectContactFlowLogsArgs,
    ConnectIdentityManagementType,
    ConnectInstanceAttributes,
    ConnectLambdaFunctionArgs,
    ConnectLexBotArgs,
    ConnectMediaStreamsArgs,
    ConnectRoleScheme,
    ConnectS3StorageArgs,
    ConnectServiceLinkedRoleArgs,
    ConnectStreamArgs,
} from "./featureArgs";

export type {
    ConnectBucketArgs,
    ConnectContactFlowLogsArgs,
    ConnectIdentityManagementType,
    ConnectInstanceAttributes,
    ConnectLambdaFunctionArgs,
    ConnectLexBotArgs,
    ConnectLexV1BotArgs,
    ConnectLexV2BotArgs,
    ConnectMediaStreamsArgs,
    ConnectRoleScheme,
    ConnectS3StorageArgs,
    ConnectServiceLinkedRoleArgs,
    ConnectStreamArgs,
    ConnectStreamType,
} from "./featureArgs";

// The arguments of ConnectInstance and the error its constructor throws for bad ones; the
// per-feature argument types are in featureArgs.ts.

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
