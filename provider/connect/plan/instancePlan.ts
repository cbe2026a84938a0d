import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_ID, ARN_SHAPES, PARTITION, partitionOfArn, REGION_CODE } from "../../aws/arn";
import type { InputFailure } from "../../iam/validation";
import { BotsPlan, planBots } from "./botsPlan";
import { LogsPlan, planAccess, planAttributes, planLogs, planRole, RolePlan } from "./settingsPlan";
import {
    ConnectIdentityManagementType,
    ConnectInstanceArgs,
    ConnectInstanceArgsError,
} from "../component/args";
import {
    fragmentProblems,
    gapFailures,
    instanceIdOf,
    instanceRegionOf,
    plain,
    PlanContext,
    PlannedTarget,
    quote,
} from "./common";
import { planStorage, StoragePlan } from "./storagePlan";
import { planStreams, PlannedStream } from "./streamsPlan";

// Planning for ConnectInstance: pure checks and decisions made before any resource is registered,
// so that a mistake never leaves a half-declared component behind. Each feature area has its own
// planner (storagePlan, streamsPlan, botsPlan); this module does the instance, role and logs.

const IDENTITY_TYPES: readonly ConnectIdentityManagementType[] = ["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"];

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


const INSTANCE_ALIAS = /^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$/;
const INSTANCE_ID = /^[a-zA-Z0-9-]{1,100}$/;

/** Stand-ins for the construction-time gap check when the real values are outputs. */
const STAND_IN = { region: "us-east-1", account: "000000000000" } as const;

export type { LogsPlan, RolePlan };

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
    const existingArn = plain(args.existingInstanceId) ? ARN_SHAPES.connectInstance.exec(args.existingInstanceId) : null;
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
        if (plain(existing) && !ARN_SHAPES.connectInstance.test(existing) && !INSTANCE_ID.test(existing)) {
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
    if (plain(args.region) && !REGION_CODE.test(args.region)) fail("region", `must be a Region code such as us-east-1; got ${quote(args.region)}`);
    if (plain(args.accountId) && !ACCOUNT_ID.test(args.accountId)) fail("accountId", `must be a 12-digit account id; got ${quote(args.accountId)}`);
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
        const partition = partitionOfArn(value);
        if (partition !== undefined) return partition;
    }
    return undefined;
}
