import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_AWS_SERVICE_NAME } from "../iam/inputs";
import { ServiceLinkedRole } from "../iam/serviceLinkedRole";
import { ConnectInstanceArgs, ConnectInstanceArgsError, ConnectStorageConfigs } from "./instanceArgs";
import {
    defaultBucketPrefix,
    fragmentProblems,
    gapFailures,
    isServiceLinkedRole,
    kebab,
    lexV1BotArn,
    logGroupName,
    mergeFragments,
    PermissionFragment,
    Plan,
    planInstance,
    PlannedTarget,
    S3_FEATURES,
    STREAM_FEATURES,
} from "./instancePlan";
import { ConnectPermissionConfig, ManagedPolicyGap, managedPolicyGaps, PolicyDocument, requiredPolicyDocument } from "./permissionModel";

export * from "./instanceArgs";

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
