import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_AWS_SERVICE_NAME } from "../iam/inputs";
import { ServiceLinkedRole, ServiceLinkedRoleArgs } from "../iam/serviceLinkedRole";
import type { InputFailure } from "../iam/validation";
import {
    ConnectFeature,
    ConnectPermissionConfig,
    ManagedPolicyGap,
    managedPolicyGaps,
    PolicyDocument,
    requiredPolicyDocument,
} from "./permissionModel";

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

/**
 * An Amazon Connect instance (created, or an existing one adopted by id) with its storage,
 * streaming, Lex and logging features wired, after making sure Connect's service-linked role
 * exists. It also reports what the instance's role must be allowed to do: the exact policy for the
 * configured resources, and the part of it the AWS-managed policy does not grant.
 *
 * Argument mistakes (a feature without a target, contradictory settings, malformed names) throw
 * {@link ConnectInstanceArgsError} from the constructor, before any resource is registered.
 *
 * @example
 * ```ts
 * const connect = new ConnectInstance("support", {
 *     instanceAlias: "acme-support",
 *     callRecordings: { createBucket: true },
 *     contactTraceRecords: { create: true, type: "firehose" },
 *     contactFlowLogs: { retentionInDays: 30 },
 * });
 * export const requiredPolicy = connect.requiredPolicy;
 * ```
 */
export class ConnectInstance extends pulumi.ComponentResource {
    /** Instance id. */
    public readonly instanceId: pulumi.Output<string>;
    /** Instance ARN. */
    public readonly instanceArn: pulumi.Output<string>;
    /** Instance alias (from the instance, so also known for an existing instance). */
    public readonly instanceAlias: pulumi.Output<string | undefined>;
    /**
     * ARN of the role the instance acts with. Connect links each instance to a service-linked
     * role of its own choosing (`AWSServiceRoleForAmazonConnect_<id>`), so this, not
     * {@link serviceLinkedRole}, is the role the permission outputs are about.
     */
    public readonly serviceRoleArn: pulumi.Output<string>;
    /** Whether the instance writes contact flow logs. */
    public readonly contactFlowLogsEnabled: pulumi.Output<boolean>;
    /** The Connect service-linked role ensured before the instance (declared here, or passed in). */
    public readonly serviceLinkedRole: ServiceLinkedRole;
    /** The instance, when the component created it. */
    public readonly instance?: aws.connect.Instance;
    /** The bucket, when a feature asked the component to create it. */
    public readonly bucket?: aws.s3.Bucket;
    /** Storage associations, by feature. */
    public readonly storageConfigs: ConnectStorageConfigs;
    /** The agent event stream, when created here. */
    public readonly agentEventsStream?: aws.kinesis.Stream;
    /** The contact trace record stream, when created here. */
    public readonly contactTraceRecordsStream?: aws.kinesis.Stream | aws.kinesis.FirehoseDeliveryStream;
    /** The role a created Firehose stream delivers to S3 with. */
    public readonly firehoseRole?: aws.iam.Role;
    /** Lex V1 associations. */
    public readonly lexBotAssociations: aws.connect.BotAssociation[];
    /** Lex V2 associations (Cloud Control `AWS::Connect::IntegrationAssociation`). */
    public readonly lexV2BotAssociations: aws.cloudcontrol.Resource[];
    /** The contact flow log group, when created here. */
    public readonly contactFlowLogGroup?: aws.cloudwatch.LogGroup;
    /** The concrete resources the features use, in the permission model's terms. */
    public readonly permissionConfig: pulumi.Output<ConnectPermissionConfig>;
    /** The policy the instance's role needs for the configured features, to review or compare. */
    public readonly requiredPolicy: pulumi.Output<PolicyDocument>;
    /**
     * Required permissions that `AmazonConnectServiceLinkedRolePolicy` does not grant: Connect must
     * add them to the instance's role when the feature is associated (and a role check should look
     * for them there).
     */
    public readonly managedPolicyGaps: pulumi.Output<ManagedPolicyGap[]>;

    /**
     * @param name The unique name of the component; children are named after it.
     * @param args The instance and its features.
     * @param opts Resource options for the component.
     * @throws {@link ConnectInstanceArgsError} when the arguments are invalid.
     */
    constructor(name: string, args: ConnectInstanceArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Everything that can be checked without the cloud is checked before registering anything,
        // so a mistake never leaves a half-declared component behind.
        const plan = planInstance(name, args);
        super("service-linked-role:connect:ConnectInstance", name, {}, opts);

        const region = args.region;
        const tags = args.tags;
        const identity = {
            partition: pulumi.output(args.partition ?? aws.getPartitionOutput({}, { parent: this }).partition),
            region: pulumi.output(args.region ?? aws.getRegionOutput({}, { parent: this }).region),
            account: pulumi.output(args.accountId ?? aws.getCallerIdentityOutput({}, { parent: this }).accountId),
        };

        this.serviceLinkedRole = isServiceLinkedRole(args.serviceLinkedRole)
            ? args.serviceLinkedRole
            : new ServiceLinkedRole(
                  `${name}-slr`,
                  { awsServiceName: DEFAULT_AWS_SERVICE_NAME, deletionPolicy: "deleteIfCreated", ...args.serviceLinkedRole },
                  { parent: this },
              );

        // With the alias known up front the log group can exist before the instance, so the group
        // Connect would otherwise create (never expiring) is ours, with our retention.
        const logs = plan.contactFlowLogs;
        let logGroup: aws.cloudwatch.LogGroup | undefined;
        const createLogGroup = (groupName: pulumi.Input<string>, settings: NonNullable<Plan["contactFlowLogs"]>) =>
            new aws.cloudwatch.LogGroup(
                `${name}-contact-flow-logs`,
                { name: groupName, retentionInDays: settings.retentionInDays, kmsKeyId: settings.kmsKeyArn, region, tags },
                { parent: this },
            );
        if (logs?.create && plan.alias !== undefined) logGroup = createLogGroup(logGroupName(plan.alias), logs);

        let instanceId: pulumi.Output<string>;
        let instanceArn: pulumi.Output<string>;
        let alias: pulumi.Output<string | undefined>;
        if (plan.existingInstanceId === undefined) {
            this.instance = new aws.connect.Instance(
                name,
                {
                    instanceAlias: args.instanceAlias,
                    identityManagementType: plan.identityManagementType,
                    directoryId: args.directoryId,
                    inboundCallsEnabled: args.inboundCallsEnabled ?? true,
                    outboundCallsEnabled: args.outboundCallsEnabled ?? true,
                    contactLensEnabled: args.contactLensEnabled,
                    autoResolveBestVoicesEnabled: args.autoResolveBestVoicesEnabled,
                    earlyMediaEnabled: args.earlyMediaEnabled,
                    multiPartyConferenceEnabled: args.multiPartyConferenceEnabled,
                    contactFlowLogsEnabled: logs ? logs.enabled : undefined,
                    region,
                    tags,
                },
                { parent: this, dependsOn: logGroup ? [this.serviceLinkedRole, logGroup] : [this.serviceLinkedRole] },
            );
            instanceId = this.instance.id;
            instanceArn = this.instance.arn;
            alias = this.instance.instanceAlias;
            this.serviceRoleArn = this.instance.serviceRole;
            this.contactFlowLogsEnabled = this.instance.contactFlowLogsEnabled.apply((enabled) => enabled ?? false);
        } else {
            const found = aws.connect.getInstanceOutput({ instanceId: plan.existingInstanceId, region }, { parent: this });
            instanceId = found.instanceId;
            instanceArn = found.arn;
            alias = found.instanceAlias;
            this.serviceRoleArn = found.serviceRole;
            // No resource in @pulumi/aws sets one attribute of an instance it does not manage, so the
            // component can only tell when the logs it prepared for will never arrive.
            this.contactFlowLogsEnabled = pulumi.all([found.contactFlowLogsEnabled, found.instanceId]).apply(([enabled, id]) => {
                if (logs?.enabled && !enabled) {
                    pulumi.log.warn(
                        `contactFlowLogs: instance ${id} has contact flow logs turned off, and this component cannot change an existing instance's attributes; turn CONTACTFLOW_LOGS on in the Connect console or with UpdateInstanceAttribute.`,
                        this,
                    );
                }
                return enabled;
            });
        }
        this.instanceId = instanceId;
        this.instanceArn = instanceArn;
        this.instanceAlias = alias;
        // Associations name the instance by its id output, which already orders them after a created
        // instance; the explicit dependency also covers an existing instance and the role.
        const attached: pulumi.Resource[] = this.instance ? [this.instance] : [this.serviceLinkedRole];
        const childOpts = { parent: this, dependsOn: attached };
        const fallbackAlias = plan.alias ?? name;

        if (logs?.create && plan.alias === undefined) {
            logGroup = createLogGroup(alias.apply((a) => logGroupName(a ?? "")), logs);
        }
        this.contactFlowLogGroup = logGroup;

        if (plan.needsBucket) {
            this.bucket = new aws.s3.Bucket(
                `${name}-bucket`,
                {
                    bucket: args.bucket?.name,
                    bucketPrefix: args.bucket?.name === undefined ? defaultBucketPrefix(name) : undefined,
                    forceDestroy: args.bucket?.forceDestroy ?? false,
                    region,
                    tags,
                },
                { parent: this },
            );
        }
        const bucket = this.bucket;

        // Each target pairs a property with the concrete resources it makes the role need.
        const targets: Array<{ planned: PlannedTarget; fragment: pulumi.Output<PermissionFragment> }> = [];
        const target = (planned: PlannedTarget, fragment: pulumi.Input<PermissionFragment>) =>
            targets.push({ planned, fragment: pulumi.output(fragment) });

        const storageConfigs: ConnectStorageConfigs = {};
        for (const s3 of plan.s3) {
            const bucketName: pulumi.Input<string> = s3.createBucket ? bucket!.bucket : s3.args.bucketName!;
            const prefix = s3.args.prefix ?? `connect/${fallbackAlias}/${S3_FEATURES[s3.feature].folder}`;
            storageConfigs[s3.feature] = new aws.connect.InstanceStorageConfig(
                `${name}-${kebab(s3.feature)}`,
                {
                    instanceId,
                    resourceType: S3_FEATURES[s3.feature].resourceType,
                    storageConfig: {
                        storageType: "S3",
                        s3Config: {
                            bucketName,
                            bucketPrefix: prefix,
                            encryptionConfig: s3.args.kmsKeyArn === undefined ? undefined : { encryptionType: "KMS", keyId: s3.args.kmsKeyArn },
                        },
                    },
                    region,
                },
                childOpts,
            );
            target(
                s3.target,
                pulumi.output(bucketName).apply((b) => ({ [s3.feature]: { bucket: b, prefix } })),
            );
        }

        for (const stream of plan.streams) {
            const feature = stream.feature;
            let arn: pulumi.Input<string>;
            if (!stream.create) {
                arn = stream.args.existingArn!;
            } else if (stream.type === "kinesis") {
                const created = new aws.kinesis.Stream(
                    `${name}-${kebab(feature)}-stream`,
                    {
                        name: stream.args.name,
                        streamModeDetails: { streamMode: "ON_DEMAND" },
                        retentionPeriod: stream.args.retentionHours ?? 24,
                        region,
                        tags,
                    },
                    { parent: this },
                );
                if (feature === "agentEvents") this.agentEventsStream = created;
                else this.contactTraceRecordsStream = created;
                arn = created.arn;
            } else {
                const destination = stream.args.firehoseDestinationBucketArn ?? bucket!.arn;
                const { stream: created, role } = this.createFirehose(`${name}-ctr`, {
                    streamName: stream.args.name,
                    bucketArn: destination,
                    prefix: stream.args.firehoseDestinationPrefix ?? `connect/${fallbackAlias}/${STREAM_FEATURES[feature].folder}/`,
                    account: identity.account,
                    region,
                    tags,
                });
                this.contactTraceRecordsStream = created;
                this.firehoseRole = role;
                arn = created.arn;
            }
            storageConfigs[feature] = new aws.connect.InstanceStorageConfig(
                `${name}-${kebab(feature)}`,
                {
                    instanceId,
                    resourceType: STREAM_FEATURES[feature].resourceType,
                    storageConfig:
                        stream.type === "kinesis"
                            ? { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn: arn } }
                            : { storageType: "KINESIS_FIREHOSE", kinesisFirehoseConfig: { firehoseArn: arn } },
                    region,
                },
                childOpts,
            );
            target(
                stream.target,
                pulumi.output(arn).apply((a) => (stream.type === "kinesis" ? { kinesisStreamArns: [a] } : { firehoseStreamArns: [a] })),
            );
        }
        this.storageConfigs = storageConfigs;

        this.lexBotAssociations = [];
        this.lexV2BotAssociations = [];
        for (const bot of plan.lexBots) {
            if (bot.version === 1) {
                this.lexBotAssociations.push(
                    new aws.connect.BotAssociation(
                        `${name}-lex-${bot.key}`,
                        { instanceId, lexBot: { name: bot.name, lexRegion: bot.region }, region },
                        childOpts,
                    ),
                );
                target(
                    bot.target,
                    pulumi
                        .all([identity.partition, bot.region ?? identity.region, identity.account, bot.name])
                        .apply(([p, r, a, n]) => ({ lexBotArns: [lexV1BotArn(p, r, a, n)] })),
                );
            } else {
                if (plan.associateLexV2Bots) {
                    this.lexV2BotAssociations.push(
                        new aws.cloudcontrol.Resource(
                            `${name}-lexv2-${bot.key}`,
                            {
                                typeName: "AWS::Connect::IntegrationAssociation",
                                // The CloudFormation type wants the instance ARN, not its id.
                                desiredState: pulumi.jsonStringify({ InstanceId: instanceArn, IntegrationType: "LEX_BOT", IntegrationArn: bot.aliasArn }),
                                region,
                            },
                            childOpts,
                        ),
                    );
                }
                target(
                    bot.target,
                    pulumi.output(bot.aliasArn).apply((a) => ({ lexBotArns: [a] })),
                );
            }
        }

        if (logs?.enabled) {
            target(
                logs.target,
                alias.apply((a) => ({ contactFlowLogGroup: logGroupName(plan.alias ?? a ?? "") })),
            );
        }

        const fragments = pulumi.all(targets.map((t) => t.fragment));
        const resolved = pulumi.all([identity.partition, identity.region, identity.account, fragments]).apply(([partition, reg, account, frags]) => {
            const base = { partition, region: reg, account };
            // Outputs (and names the cloud chose) are validated once known, naming their property.
            const failures = targets.flatMap((t, i) => fragmentProblems(t.planned, { ...base, ...frags[i] }));
            if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);
            return { config: mergeFragments(base, frags), frags, base };
        });
        this.permissionConfig = resolved.apply((r) => r.config);
        this.requiredPolicy = this.permissionConfig.apply((config) => requiredPolicyDocument(config));
        this.managedPolicyGaps = resolved.apply(({ config, frags, base }) => {
            const late = targets.flatMap((t, i) => (t.planned.preview ? [] : gapFailures(t.planned, { ...base, ...frags[i] })));
            if (late.length > 0 && plan.strictManagedPolicy) throw new ConnectInstanceArgsError(name, late);
            for (const failure of late) pulumi.log.warn(`${failure.property}: ${failure.reason}`, this);
            return managedPolicyGaps(config);
        });
        for (const failure of plan.gapWarnings) pulumi.log.warn(`${failure.property}: ${failure.reason}`, this);

        this.registerOutputs({
            instanceId: this.instanceId,
            instanceArn: this.instanceArn,
            instanceAlias: this.instanceAlias,
            serviceRoleArn: this.serviceRoleArn,
            contactFlowLogsEnabled: this.contactFlowLogsEnabled,
            permissionConfig: this.permissionConfig,
            requiredPolicy: this.requiredPolicy,
            managedPolicyGaps: this.managedPolicyGaps,
        });
    }

    /** A Firehose stream delivering to S3, with the role it delivers with. */
    private createFirehose(
        childName: string,
        settings: {
            streamName?: string;
            bucketArn: pulumi.Input<string>;
            prefix: string;
            account: pulumi.Output<string>;
            region?: pulumi.Input<string>;
            tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
        },
    ): { stream: aws.kinesis.FirehoseDeliveryStream; role: aws.iam.Role } {
        const role = new aws.iam.Role(
            `${childName}-firehose`,
            {
                // Firehose passes the account id as the external id; requiring it stops another
                // account's stream from using this role (the confused-deputy problem).
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "firehose.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "sts:ExternalId": settings.account } },
                        },
                    ],
                }),
                tags: settings.tags,
            },
            { parent: this },
        );
        const policy = new aws.iam.RolePolicy(
            `${childName}-firehose`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: [
                                "s3:AbortMultipartUpload",
                                "s3:GetBucketLocation",
                                "s3:GetObject",
                                "s3:ListBucket",
                                "s3:ListBucketMultipartUploads",
                                "s3:PutObject",
                            ],
                            Resource: [settings.bucketArn, pulumi.interpolate`${settings.bucketArn}/*`],
                        },
                    ],
                }),
            },
            { parent: this },
        );
        const stream = new aws.kinesis.FirehoseDeliveryStream(
            `${childName}-firehose`,
            {
                name: settings.streamName,
                destination: "extended_s3",
                extendedS3Configuration: { roleArn: role.arn, bucketArn: settings.bucketArn, prefix: settings.prefix },
                serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
                region: settings.region,
                tags: settings.tags,
            },
            // Firehose checks the role's access when the stream is created.
            { parent: this, dependsOn: [policy] },
        );
        return { stream, role };
    }
}

// ---------------------------------------------------------------------------------------------
// Planning: pure checks and decisions made before any resource is registered.
// ---------------------------------------------------------------------------------------------

type S3Feature = "callRecordings" | "chatTranscripts" | "exportedReports";
type StreamFeature = "agentEvents" | "contactTraceRecords";

const S3_FEATURES: Record<S3Feature, { resourceType: string; folder: string }> = {
    callRecordings: { resourceType: "CALL_RECORDINGS", folder: "CallRecordings" },
    chatTranscripts: { resourceType: "CHAT_TRANSCRIPTS", folder: "ChatTranscripts" },
    exportedReports: { resourceType: "SCHEDULED_REPORTS", folder: "Reports" },
};

const STREAM_FEATURES: Record<StreamFeature, { resourceType: string; folder: string; types: readonly ConnectStreamType[] }> = {
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
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const STREAM_NAME = /^[A-Za-z0-9_.-]+$/;
const REGION = /^[a-z]{2,3}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const PARTITION = /^aws(-[a-z]+)*$/;

/** Stand-ins for the construction-time gap check when the real values are outputs. */
const STAND_IN = { region: "us-east-1", account: "000000000000" } as const;

/** The permission-config fields one target contributes. */
type PermissionFragment = Omit<ConnectPermissionConfig, "partition" | "region" | "account">;

/** One configured resource, as the permission model sees it. */
interface PlannedTarget {
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

interface Plan {
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
function planInstance(name: string, args: ConnectInstanceArgs): Plan {
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
function fragmentProblems(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
    try {
        requiredPolicyDocument(config);
        return [];
    } catch (error) {
        return [{ property: target.property, reason: error instanceof Error ? error.message : String(error) }];
    }
}

/** The managed-policy gaps of one target, as messages naming its property. */
function gapFailures(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
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
function mergeFragments(base: { partition: string; region: string; account: string }, fragments: PermissionFragment[]): ConnectPermissionConfig {
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
function logGroupName(alias: string): string {
    return `/aws/connect/${alias}`;
}

/** A Lex V1 bot's ARN, the form the permission model expects. */
function lexV1BotArn(partition: string, region: string, account: string, botName: string): string {
    return `arn:${partition}:lex:${region}:${account}:bot:${botName}`;
}

/** `bucketPrefix` for a generated bucket: at most 37 characters, inside the managed pattern. */
function defaultBucketPrefix(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 37 - MANAGED_BUCKET_PREFIX.length - 1);
    return slug === "" ? MANAGED_BUCKET_PREFIX : `${MANAGED_BUCKET_PREFIX}${slug.replace(/-+$/, "")}-`;
}

/** Base for stand-in stream names, restricted to the characters stream names allow. */
function streamNameBase(name: string): string {
    return name.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 40) || "connect";
}

/** `callRecordings` → `call-recordings`. */
function kebab(text: string): string {
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

/** Why a bucket name breaks S3's rules, or undefined when it is valid. */
function bucketNameProblem(bucket: string): string | undefined {
    if (!BUCKET_NAME.test(bucket) || bucket.includes("..") || /^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) {
        return `must be a valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit); got ${quote(bucket)}`;
    }
    return undefined;
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
function isServiceLinkedRole(value: ConnectInstanceArgs["serviceLinkedRole"]): value is ServiceLinkedRole {
    return value instanceof ServiceLinkedRole || pulumi.CustomResource.isInstance(value);
}
