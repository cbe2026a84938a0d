import * as pulumi from "@pulumi/pulumi";
import { ServiceLinkedRole } from "../iam/serviceLinkedRole";
import type { InputFailure } from "../iam/validation";
import { BotsPlan, planBots } from "./botsPlan";
import { INSTANCE_ATTRIBUTE_TYPES } from "./instanceAttributes";
import {
    ConnectIdentityManagementType,
    ConnectInstanceArgs,
    ConnectInstanceArgsError,
    ConnectRoleScheme,
    ConnectServiceLinkedRoleArgs,
} from "./instanceArgs";
import {
    fragmentProblems,
    gapFailures,
    INSTANCE_ARN,
    instanceIdOf,
    instanceRegionOf,
    kmsKeyCheck,
    logGroupName,
    plain,
    PlanContext,
    PlannedTarget,
    quote,
    REGION,
} from "./planCommon";
import { planStorage, StoragePlan } from "./storagePlan";
import { planStreams, PlannedStream } from "./streamsPlan";

// Planning for ConnectInstance: pure checks and decisions made before any resource is registered,
// so that a mistake never leaves a half-declared component behind. Each feature area has its own
// planner (storagePlan, streamsPlan, botsPlan); this module does the instance, role and logs.

const IDENTITY_TYPES: readonly ConnectIdentityManagementType[] = ["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"];
const ROLE_SCHEMES: readonly ConnectRoleScheme[] = ["instance", "accountWide", "none"];
const ROLE_SETTINGS = ["scheme", "description", "tags", "deletionPolicy", "check"];

/** Settings that only make sense for an instance the component creates. */
const CREATION_SETTINGS = [
    "instanceAlias",
    "identityManagementType",
    "directoryId",
    "allowInstanceReplacement",
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

const INSTANCE_ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;
const INSTANCE_ID = /^[a-zA-Z0-9-]{1,100}$/;
const ACCOUNT = /^\d{12}$/;
const PARTITION = /^aws(-[a-z]+)*$/;
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Stand-ins for the construction-time gap check when the real values are outputs. */
const STAND_IN = { region: "us-east-1", account: "000000000000" } as const;

export interface RolePlan {
    scheme: ConnectRoleScheme;
    /** A role declared elsewhere (account-wide scheme). */
    resource?: ServiceLinkedRole;
    settings: ConnectServiceLinkedRoleArgs;
    check: "warn" | "fail" | "off";
}

export interface LogsPlan {
    enabled: boolean;
    create: boolean;
    retentionInDays: number;
    kmsKeyArn?: pulumi.Input<string>;
    target: PlannedTarget;
}

export interface Plan {
    existingInstanceId?: pulumi.Input<string>;
    /** Region for every child and lookup: the given one, else an existing instance ARN's. */
    region?: pulumi.Input<string>;
    identityManagementType: ConnectIdentityManagementType;
    /** The alias when it is known at construction. */
    alias?: string;
    allowInstanceReplacement: boolean;
    /** `AttributeType` → value, for an existing instance. */
    instanceAttributes?: Record<string, pulumi.Input<boolean>>;
    role: RolePlan;
    storage: StoragePlan;
    streams: PlannedStream[];
    bots: BotsPlan;
    contactFlowLogs?: LogsPlan;
    approvedOrigins: string[];
    securityKeys: pulumi.Input<string>[];
    strictManagedPolicy: boolean;
    /** Real permission gaps found at construction, to warn about once the component exists. */
    gapWarnings: InputFailure[];
}

/** Validates the arguments and decides what to create; throws {@link ConnectInstanceArgsError}. */
export function planInstance(name: string, args: ConnectInstanceArgs): Plan {
    const failures: InputFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    const existingArn = plain(args.existingInstanceId) ? INSTANCE_ARN.exec(args.existingInstanceId) : null;
    const identityManagementType = planIdentity(args, fail);
    const ctx = planContext(name, args, existingArn, fail);
    const role = planRole(args, fail);
    const streamPlan = planStreams(args, ctx);
    const storage = planStorage(args, ctx, streamPlan.needsBucket);
    const bots = planBots(args, ctx);
    const contactFlowLogs = planLogs(args, ctx);
    const access = planAccess(args, fail);
    const instanceAttributes = planAttributes(args, contactFlowLogs, fail);
    if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);

    const targets = [...storage.s3.map((t) => t.target), ...streamPlan.streams.map((t) => t.target), ...bots.lexBots.map((t) => t.target), ...bots.lambdas.map((t) => t.target)];
    if (contactFlowLogs?.enabled) targets.push(contactFlowLogs.target);
    const gapWarnings = previewGaps(name, targets, ctx, args.strictManagedPolicy === true);
    return {
        existingInstanceId: existingInstanceIdOf(args.existingInstanceId, existingArn),
        region: args.region ?? existingArn?.[2] ?? regionOfOutput(args.existingInstanceId),
        identityManagementType,
        alias: ctx.alias,
        allowInstanceReplacement: args.allowInstanceReplacement === true,
        instanceAttributes,
        role,
        storage,
        streams: streamPlan.streams,
        bots,
        contactFlowLogs,
        ...access,
        strictManagedPolicy: args.strictManagedPolicy === true,
        gapWarnings,
    };
}

/** Checks the instance settings (existing or created); returns the identity type. */
function planIdentity(args: ConnectInstanceArgs, fail: PlanContext["fail"]): ConnectIdentityManagementType {
    const existing = args.existingInstanceId;
    const identityManagementType = args.identityManagementType ?? "CONNECT_MANAGED";
    if (existing !== undefined) {
        if (plain(existing) && !INSTANCE_ARN.test(existing) && !INSTANCE_ID.test(existing)) {
            fail("existingInstanceId", `must be an instance id or an instance ARN (arn:aws:connect:<region>:<account>:instance/<id>); got ${quote(existing)}`);
        }
        for (const setting of CREATION_SETTINGS) {
            if (args[setting] !== undefined) fail(setting, "applies only to an instance this component creates; remove it or existingInstanceId (set an existing instance's attributes with instanceAttributes)");
        }
        const arnRegion = plain(existing) ? instanceRegionOf(existing) : undefined;
        if (plain(args.region) && arnRegion !== undefined && args.region !== arnRegion) {
            fail("region", `is ${args.region}, but existingInstanceId names an instance in ${arnRegion}; remove region or make them agree`);
        }
        return identityManagementType;
    }
    if (!IDENTITY_TYPES.includes(identityManagementType)) {
        fail("identityManagementType", `must be one of ${IDENTITY_TYPES.join(", ")}; got ${quote(identityManagementType)}`);
    }
    if (identityManagementType === "EXISTING_DIRECTORY" && args.directoryId === undefined) fail("directoryId", "is required when identityManagementType is EXISTING_DIRECTORY");
    if (identityManagementType !== "EXISTING_DIRECTORY" && args.directoryId !== undefined) {
        fail("directoryId", `applies only to identityManagementType EXISTING_DIRECTORY, not ${identityManagementType}`);
    }
    if (args.instanceAlias === undefined) {
        if (identityManagementType !== "EXISTING_DIRECTORY") fail("instanceAlias", `is required to create an instance (identityManagementType ${identityManagementType}), or set existingInstanceId`);
    } else if (!plain(args.instanceAlias) || args.instanceAlias.length > 45 || !INSTANCE_ALIAS.test(args.instanceAlias)) {
        fail("instanceAlias", `must be 1-45 letters, digits and hyphens, starting and ending with a letter or digit and not starting with "d-"; got ${quote(args.instanceAlias)}`);
    }
    if (args.instanceAttributes !== undefined) fail("instanceAttributes", "applies only to an existing instance (existingInstanceId); set a created instance's attributes with the ...Enabled inputs");
    return identityManagementType;
}

/** Identity values for previews: real where known (arguments, an existing instance's ARN), stand-ins elsewhere. */
function planContext(name: string, args: ConnectInstanceArgs, existingArn: RegExpExecArray | null, fail: PlanContext["fail"]): PlanContext {
    if (plain(args.region) && !REGION.test(args.region)) fail("region", `must be a Region code such as us-east-1; got ${quote(args.region)}`);
    if (plain(args.accountId) && !ACCOUNT.test(args.accountId)) fail("accountId", `must be a 12-digit account id; got ${quote(args.accountId)}`);
    if (plain(args.partition) && !PARTITION.test(args.partition)) fail("partition", `must be an AWS partition (aws, aws-cn, aws-us-gov, ...); got ${quote(args.partition)}`);
    return {
        name,
        alias: args.existingInstanceId === undefined && plain(args.instanceAlias) ? args.instanceAlias : undefined,
        partition: plain(args.partition) ? args.partition : (existingArn?.[1] ?? firstPartition(args) ?? "aws"),
        region: plain(args.region) ? args.region : (existingArn?.[2] ?? STAND_IN.region),
        account: plain(args.accountId) ? args.accountId : (existingArn?.[3] ?? STAND_IN.account),
        identityIsReal: (plain(args.region) || existingArn !== null) && (plain(args.accountId) || existingArn !== null),
        accountIsReal: plain(args.accountId) || existingArn !== null,
        fail,
    };
}

function planRole(args: ConnectInstanceArgs, fail: PlanContext["fail"]): RolePlan {
    const given = args.serviceLinkedRole;
    if (isServiceLinkedRole(given)) {
        if (args.existingInstanceId !== undefined) fail("serviceLinkedRole", "names a role to create the instance after, but existingInstanceId already has its role; remove it");
        return { scheme: "accountWide", resource: given, settings: {}, check: "warn" };
    }
    const settings = given ?? {};
    const scheme = settings.scheme ?? "instance";
    for (const key of Object.keys(settings)) {
        if (!ROLE_SETTINGS.includes(key)) fail(`serviceLinkedRole.${key}`, `is not a setting of the Connect role (use ${ROLE_SETTINGS.join(", ")}); the instance's own role is adopted by name after the instance exists`);
    }
    if (!ROLE_SCHEMES.includes(scheme)) fail("serviceLinkedRole.scheme", `must be one of ${ROLE_SCHEMES.join(", ")}; got ${quote(scheme)}`);
    if (scheme === "accountWide" && args.existingInstanceId !== undefined) {
        fail("serviceLinkedRole.scheme", "accountWide ensures AWSServiceRoleForAmazonConnect before creating an instance; an existing instance already has its role (use instance or none)");
    }
    if (settings.deletionPolicy !== undefined && scheme !== "accountWide") {
        fail("serviceLinkedRole.deletionPolicy", "applies only to scheme accountWide: the instance's own role is never deleted by this stack (Connect deletes it with the instance)");
    }
    const check = settings.check ?? "warn";
    if (!["warn", "fail", "off"].includes(check)) fail("serviceLinkedRole.check", `must be warn, fail or off; got ${quote(check)}`);
    return { scheme, settings, check };
}

function planLogs(args: ConnectInstanceArgs, ctx: PlanContext): LogsPlan | undefined {
    const settings = args.contactFlowLogs;
    if (settings === undefined) return undefined;
    const enabled = settings.enabled !== false;
    const retentionInDays = settings.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS;
    if (!LOG_RETENTION_DAYS.includes(retentionInDays)) {
        ctx.fail("contactFlowLogs.retentionInDays", `must be one of ${LOG_RETENTION_DAYS.join(", ")} (CloudWatch Logs' periods; 0 = never expire); got ${retentionInDays}`);
    }
    kmsKeyCheck(settings.kmsKeyArn, "contactFlowLogs.kmsKeyArn", ctx.fail);
    const group = logGroupName(ctx.alias ?? "stand-in");
    const label = ctx.alias !== undefined && ctx.identityIsReal ? undefined : `log group ${logGroupName(ctx.alias ?? "<alias>")}`;
    const target: PlannedTarget = { property: "contactFlowLogs", feature: "contactFlowLogs", preview: { fragment: { contactFlowLogGroup: group }, label } };
    return { enabled, create: enabled && settings.createLogGroup !== false, retentionInDays, kmsKeyArn: settings.kmsKeyArn, target };
}

function planAccess(args: ConnectInstanceArgs, fail: PlanContext["fail"]): { approvedOrigins: string[]; securityKeys: pulumi.Input<string>[] } {
    const approvedOrigins = args.approvedOrigins ?? [];
    approvedOrigins.forEach((origin, i) => {
        if (!plain(origin) || origin.length > 267 || !ORIGIN.test(origin)) fail(`approvedOrigins[${i}]`, `must be an origin such as https://support.example.com (scheme, host, optional port; no path), at most 267 characters; got ${quote(origin)}`);
        else if (approvedOrigins.indexOf(origin) !== i) fail(`approvedOrigins[${i}]`, `repeats ${quote(origin)}`);
    });
    const securityKeys = args.securityKeys ?? [];
    if (securityKeys.length > 2) fail("securityKeys", `an instance holds at most 2 security keys; got ${securityKeys.length}`);
    securityKeys.forEach((key, i) => {
        if (plain(key) && !/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/.test(key.trim())) fail(`securityKeys[${i}]`, "must be a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
    });
    return { approvedOrigins, securityKeys };
}

/** `AttributeType` → value for an existing instance, including the contact flow logs switch. */
function planAttributes(args: ConnectInstanceArgs, logs: LogsPlan | undefined, fail: PlanContext["fail"]): Plan["instanceAttributes"] {
    if (args.existingInstanceId === undefined) return undefined;
    const attributes: Record<string, pulumi.Input<boolean>> = {};
    for (const [key, value] of Object.entries(args.instanceAttributes ?? {})) {
        const type = INSTANCE_ATTRIBUTE_TYPES[key as keyof typeof INSTANCE_ATTRIBUTE_TYPES];
        if (type === undefined || key === "contactFlowLogs") fail(`instanceAttributes.${key}`, `is not an instance attribute this component sets (${Object.keys(INSTANCE_ATTRIBUTE_TYPES).filter((k) => k !== "contactFlowLogs").join(", ")})`);
        else if (value !== undefined) attributes[type] = value;
    }
    if (logs !== undefined) attributes[INSTANCE_ATTRIBUTE_TYPES.contactFlowLogs] = logs.enabled;
    return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/** Checks every target whose values are known now; throws on model problems and, when strict, on real gaps. */
function previewGaps(name: string, targets: PlannedTarget[], ctx: PlanContext, strict: boolean): InputFailure[] {
    const failures: InputFailure[] = [];
    const gapWarnings: InputFailure[] = [];
    const base = { partition: ctx.partition, region: ctx.region, account: ctx.account };
    for (const target of targets) {
        if (!target.preview) continue;
        const modelProblems = fragmentProblems(target, { ...base, ...target.preview.fragment });
        if (modelProblems.length > 0) failures.push(...modelProblems);
        else if (!ctx.accountIsReal && /:\d{12}:/.test(JSON.stringify(target.preview.fragment))) target.gapsDeferred = true;
        else gapWarnings.push(...gapFailures(target, { ...base, ...target.preview.fragment }));
    }
    if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);
    if (strict && gapWarnings.length > 0) {
        throw new ConnectInstanceArgsError(
            name,
            gapWarnings.map((g) => ({ ...g, reason: `${g.reason} (strictManagedPolicy is on: grant it, or turn it off)` })),
        );
    }
    return gapWarnings;
}

function existingInstanceIdOf(existing: pulumi.Input<string> | undefined, arn: RegExpExecArray | null): pulumi.Input<string> | undefined {
    if (existing === undefined) return undefined;
    if (plain(existing)) return arn?.[4] ?? existing;
    return pulumi.output(existing).apply(instanceIdOf);
}

/** An existing instance given as an output: its Region once known (undefined for a bare id: the provider's). */
function regionOfOutput(existing: pulumi.Input<string> | undefined): pulumi.Input<string> | undefined {
    if (existing === undefined || plain(existing)) return undefined;
    return pulumi.output(existing).apply((v) => instanceRegionOf(v)) as pulumi.Output<string>;
}

/** The partition of the first plain ARN in the arguments, so stand-ins agree with the user's ARNs. */
function firstPartition(args: ConnectInstanceArgs): string | undefined {
    const candidates: unknown[] = [
        args.agentEvents?.existingArn,
        args.contactTraceRecords?.existingArn,
        ...(args.lexBots ?? []).map((b) => ("aliasArn" in b ? b.aliasArn : undefined)),
        ...(args.lambdaFunctions ?? []).map((f) => f.functionArn),
    ];
    for (const value of candidates) {
        const match = plain(value) ? /^arn:([^:]+):/.exec(value) : null;
        if (match) return match[1];
    }
    return undefined;
}

/** True for a {@link ServiceLinkedRole} resource (as opposed to settings for one). */
export function isServiceLinkedRole(value: ConnectInstanceArgs["serviceLinkedRole"]): value is ServiceLinkedRole {
    return value instanceof ServiceLinkedRole || pulumi.CustomResource.isInstance(value);
}
