import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceLinkedRole } from "../../iam/serviceLinkedRole";
import { ConnectAccess } from "./access";
import type { FeatureContext } from "./featureContext";
import { BotIdentity, ConnectFlowsAndBots } from "./flowsAndBots";
import { ConnectInstanceArgs, ConnectInstanceArgsError, ConnectStorageConfigs } from "./args";
import { ConnectInstanceAttributeSettings } from "./instanceAttributes";
import { ConnectInstanceReplacementGuard } from "./instanceGuard";
import { Plan, planInstance } from "../plan/instancePlan";
import { accountWideRole, adoptInstanceRole, RoleTarget, rolePermissionCheck } from "./instanceRole";
import { ConnectLogs } from "./logs";
import { permissionOutputs } from "./permissionOutputs";
import { ManagedPolicyGap, managedPolicyGaps } from "../permissions/gaps";
import { ConnectPermissionConfig, PolicyDocument } from "../permissions/model";
import { requiredPolicyDocument } from "../permissions/statements";
import type { ConnectRolePermissionCheck } from "./roleCheckResource";
import { ConnectStorage } from "./storage";
import { ConnectStreams } from "./streams";

/** The instance's identity: created, or looked up. */
interface InstanceIdentity {
    instance?: aws.connect.Instance;
    id: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    alias: pulumi.Output<string | undefined>;
    serviceRoleArn: pulumi.Output<string>;
    contactFlowLogsEnabled: pulumi.Output<boolean>;
}

/**
 * An Amazon Connect instance (created, or an existing one adopted by id or ARN) with its storage,
 * streaming, bots, Lambda functions, access settings and logging wired, the instance's own
 * service-linked role brought under management, and that role's permissions checked once the
 * features are associated. It also reports what the features need and who grants each permission.
 *
 * Argument mistakes throw {@link ConnectInstanceArgsError} from the constructor, before any resource
 * is registered. A change that would replace the instance fails at preview unless
 * `allowInstanceReplacement` is set.
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
    /** ARN of the role the instance acts with (`AWSServiceRoleForAmazonConnect_<id>` for instances created today). */
    public readonly serviceRoleArn: pulumi.Output<string>;
    /** Whether the instance writes contact flow logs. */
    public readonly contactFlowLogsEnabled: pulumi.Output<boolean>;
    /**
     * The service-linked role: the instance's own role, adopted (scheme `instance`), or the
     * account-wide role ensured before the instance (scheme `accountWide`). Undefined for `none`.
     */
    public readonly serviceLinkedRole?: ServiceLinkedRole;
    /** The live permission check of the instance's role (unless the scheme is `none` or the check is off). */
    public readonly permissionCheck?: ConnectRolePermissionCheck;
    /** The instance, when the component created it. */
    public readonly instance?: aws.connect.Instance;
    /** The guard refusing a replacing change of a created instance. */
    public readonly replacementGuard?: ConnectInstanceReplacementGuard;
    /** Attributes set on an existing instance. */
    public readonly instanceAttributeSettings?: ConnectInstanceAttributeSettings;
    /** Feature areas, when configured. */
    public readonly storage?: ConnectStorage;
    public readonly streams?: ConnectStreams;
    public readonly flowsAndBots?: ConnectFlowsAndBots;
    public readonly logs?: ConnectLogs;
    public readonly access?: ConnectAccess;
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
     * Required permissions `AmazonConnectServiceLinkedRolePolicy` does not grant, each with who
     * grants it instead (`association`: Connect adds it; `resourcePolicy`; `user`).
     */
    public readonly managedPolicyGaps: pulumi.Output<ManagedPolicyGap[]>;
    /** The real gaps: permissions nobody grants unless the user does (reported, or refused under `strictManagedPolicy`). */
    public readonly permissionGaps: pulumi.Output<ManagedPolicyGap[]>;

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
        const identity = this.lookUpIdentity(args, plan);
        const target: RoleTarget = { connection: args.connection, expectedAccountId: identity.account };
        const accountRole = accountWideRole(name, plan.role, this, target);
        const earlyLogs = plan.contactFlowLogs?.create && plan.alias !== undefined ? this.createLogs(name, plan.alias, plan, args) : undefined;
        const found = plan.existingInstanceId === undefined ? this.createInstance(name, args, plan, [accountRole, earlyLogs?.logGroup]) : this.findInstance(name, plan);
        this.instance = found.instance;
        this.instanceId = found.id;
        this.instanceArn = found.arn;
        this.instanceAlias = found.alias;
        this.serviceRoleArn = found.serviceRoleArn;
        this.contactFlowLogsEnabled = found.contactFlowLogsEnabled;
        this.serviceLinkedRole = accountRole ?? adoptInstanceRole(name, plan.role, found.serviceRoleArn, this, found.instance ? [found.instance] : [], target);

        const ctx = this.featureContext(name, plan, args, identity.account);
        const lateLogs = plan.contactFlowLogs?.create && plan.alias === undefined ? this.createLogs(name, found.alias.apply((a) => a ?? ""), plan, args) : undefined;
        this.logs = earlyLogs ?? lateLogs;
        this.contactFlowLogGroup = this.logs?.logGroup;
        this.storage = plan.storage.s3.length > 0 || plan.storage.bucket || plan.storage.mediaStreams ? new ConnectStorage(ctx, plan.storage, { parent: this }) : undefined;
        this.streams = plan.streams.length > 0 ? new ConnectStreams(ctx, plan.streams, this.storage?.bucket, { parent: this }) : undefined;
        const bots = plan.bots;
        this.flowsAndBots = bots.lexBots.length + bots.lambdas.length > 0 ? new ConnectFlowsAndBots(ctx, bots, identity, { parent: this }) : undefined;
        this.access = plan.approvedOrigins.length + plan.securityKeys.length > 0 ? new ConnectAccess(ctx, plan.approvedOrigins, plan.securityKeys, { parent: this }) : undefined;
        this.bucket = this.storage?.bucket;
        this.storageConfigs = { ...this.storage?.storageConfigs, ...this.streams?.storageConfigs };
        this.agentEventsStream = this.streams?.kinesisStreams.agentEvents;
        this.contactTraceRecordsStream = this.streams?.kinesisStreams.contactTraceRecords ?? this.streams?.firehoseStream;
        this.firehoseRole = this.streams?.firehoseRole;
        this.lexBotAssociations = this.flowsAndBots?.lexBotAssociations ?? [];
        this.lexV2BotAssociations = this.flowsAndBots?.lexV2BotAssociations ?? [];

        const targets = [...(this.storage?.targets ?? []), ...(this.streams?.targets ?? []), ...(this.flowsAndBots?.targets ?? [])];
        if (plan.contactFlowLogs?.enabled) {
            const fragment = found.alias.apply((a) => ({ contactFlowLogGroup: `/aws/connect/${plan.alias ?? a ?? ""}` }));
            targets.push({ planned: plan.contactFlowLogs.target, fragment });
        }
        const permissions = permissionOutputs(this, name, plan, identity, targets);
        this.permissionConfig = permissions.config;
        this.requiredPolicy = permissions.config.apply(requiredPolicyDocument);
        this.managedPolicyGaps = permissions.config.apply(managedPolicyGaps);
        this.permissionGaps = permissions.gaps;
        for (const note of [...plan.bots.deprecations, ...plan.gapWarnings.map((f) => `${f.property}: ${f.reason}`)]) pulumi.log.warn(note, this);

        const associations = this.associations();
        const checkAfter = this.serviceLinkedRole && accountRole === undefined ? [this.serviceLinkedRole, ...associations] : associations;
        const checkDependsOn = [...checkAfter, ...(found.instance ? [found.instance] : [])];
        this.permissionCheck = rolePermissionCheck(name, plan.role, found.serviceRoleArn, this.permissionConfig, this, checkDependsOn, target);
        this.registerOutputs({
            instanceId: this.instanceId,
            instanceArn: this.instanceArn,
            instanceAlias: this.instanceAlias,
            serviceRoleArn: this.serviceRoleArn,
            contactFlowLogsEnabled: this.contactFlowLogsEnabled,
            permissionConfig: this.permissionConfig,
            requiredPolicy: this.requiredPolicy,
            managedPolicyGaps: this.managedPolicyGaps,
            permissionGaps: this.permissionGaps,
        });
    }

    /** Partition, Region and account: given, from an existing instance's ARN, or looked up. */
    private lookUpIdentity(args: ConnectInstanceArgs, plan: Plan): BotIdentity {
        return {
            partition: pulumi.output(args.partition ?? aws.getPartitionOutput({}, { parent: this }).partition),
            region: pulumi.output(plan.region ?? aws.getRegionOutput({}, { parent: this }).region),
            account: pulumi.output(args.accountId ?? aws.getCallerIdentityOutput({}, { parent: this }).accountId),
        };
    }

    private createLogs(name: string, alias: pulumi.Input<string>, plan: Plan, args: ConnectInstanceArgs): ConnectLogs {
        return new ConnectLogs(name, alias, plan.contactFlowLogs!, { region: plan.region, tags: args.tags }, { parent: this });
    }

    /** The instance, behind the guard that refuses a replacing change, after the account-wide role and the log group. */
    private createInstance(name: string, args: ConnectInstanceArgs, plan: Plan, after: Array<pulumi.Resource | undefined>): InstanceIdentity {
        const guard = new ConnectInstanceReplacementGuard(
            `${name}-replacement-guard`,
            { settings: { instanceAlias: args.instanceAlias, identityManagementType: plan.identityManagementType, directoryId: args.directoryId }, allowReplacement: plan.allowInstanceReplacement },
            { parent: this },
        );
        Object.assign(this, { replacementGuard: guard });
        const logs = plan.contactFlowLogs;
        const instance = new aws.connect.Instance(
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
                region: plan.region,
                tags: args.tags,
            },
            { parent: this, dependsOn: [guard, ...after.filter((r): r is pulumi.Resource => r !== undefined)] },
        );
        const contactFlowLogsEnabled = instance.contactFlowLogsEnabled.apply((enabled) => enabled ?? false);
        return { instance, id: instance.id, arn: instance.arn, alias: instance.instanceAlias, serviceRoleArn: instance.serviceRole, contactFlowLogsEnabled };
    }

    /** An existing instance, looked up in its own Region, with the attributes asked for set on it. */
    private findInstance(name: string, plan: Plan): InstanceIdentity {
        const found = aws.connect.getInstanceOutput({ instanceId: plan.existingInstanceId!, region: plan.region }, { parent: this });
        let contactFlowLogsEnabled = found.contactFlowLogsEnabled;
        if (plan.instanceAttributes) {
            const settings = new ConnectInstanceAttributeSettings(
                `${name}-attributes`,
                { instanceId: found.instanceId, region: plan.region, attributes: plan.instanceAttributes },
                { parent: this },
            );
            Object.assign(this, { instanceAttributeSettings: settings });
            const logs = plan.contactFlowLogs;
            if (logs) contactFlowLogsEnabled = settings.urn.apply(() => logs.enabled);
        }
        return { id: found.instanceId, arn: found.arn, alias: found.instanceAlias, serviceRoleArn: found.serviceRole, contactFlowLogsEnabled };
    }

    private featureContext(name: string, plan: Plan, args: ConnectInstanceArgs, account: pulumi.Output<string>): FeatureContext {
        // Associations name the instance by its id output, which already orders them after a created
        // instance; the explicit dependency also covers an existing instance's attribute settings.
        // They never wait for the adopted role: its management is not what makes them work.
        const attached: pulumi.Resource[] = [];
        if (this.instance) attached.push(this.instance);
        if (this.instanceAttributeSettings) attached.push(this.instanceAttributeSettings);
        return { name, instanceId: this.instanceId, instanceArn: this.instanceArn, fallbackAlias: plan.alias ?? name, region: plan.region, account, tags: args.tags, attached };
    }

    /** Every association and resource policy the role check must wait for. */
    private associations(): pulumi.Resource[] {
        const bots = this.flowsAndBots;
        return [
            ...Object.values(this.storageConfigs).filter((c): c is aws.connect.InstanceStorageConfig => c !== undefined),
            ...(bots ? [...bots.lexBotAssociations, ...bots.lexV2BotAssociations, ...bots.lexV2ResourcePolicies, ...bots.lambdaAssociations, ...bots.lambdaPermissions] : []),
        ];
    }
}
