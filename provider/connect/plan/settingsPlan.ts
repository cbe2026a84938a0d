import * as pulumi from "@pulumi/pulumi";
import { ServiceLinkedRole } from "../../iam/serviceLinkedRole";
import type { ConnectInstanceArgs, ConnectInstanceAttributes, ConnectRoleScheme, ConnectServiceLinkedRoleArgs } from "../component/args";
import { kmsKeyCheck, logGroupName, plain, PlanContext, PlannedTarget, quote } from "./common";

// Planning of ConnectInstance's settings around the feature areas: the service-linked role, contact
// flow logs, access (approved origins, security keys) and an existing instance's attributes.

/** Each attribute input and the `AttributeType` of UpdateInstanceAttribute it sets. */
export const INSTANCE_ATTRIBUTE_TYPES: Record<keyof ConnectInstanceAttributes | "contactFlowLogs", string> = {
    inboundCalls: "INBOUND_CALLS",
    outboundCalls: "OUTBOUND_CALLS",
    contactFlowLogs: "CONTACTFLOW_LOGS",
    contactLens: "CONTACT_LENS",
    autoResolveBestVoices: "AUTO_RESOLVE_BEST_VOICES",
    useCustomTtsVoices: "USE_CUSTOM_TTS_VOICES",
    earlyMedia: "EARLY_MEDIA",
    multiPartyConference: "MULTI_PARTY_CONFERENCE",
    multiPartyChatConference: "MULTI_PARTY_CHAT_CONFERENCE",
    highVolumeOutbound: "HIGH_VOLUME_OUTBOUND",
    enhancedContactMonitoring: "ENHANCED_CONTACT_MONITORING",
    enhancedChatMonitoring: "ENHANCED_CHAT_MONITORING",
};

const ROLE_SCHEMES: readonly ConnectRoleScheme[] = ["instance", "accountWide", "none"];
const ROLE_SETTINGS = ["scheme", "description", "tags", "deletionPolicy", "check"];

/** CloudWatch Logs' accepted retention periods (0 = never expire). */
const LOG_RETENTION_DAYS = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const DEFAULT_LOG_RETENTION_DAYS = 90;

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

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

export function planRole(args: ConnectInstanceArgs, fail: PlanContext["fail"]): RolePlan {
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

export function planLogs(args: ConnectInstanceArgs, ctx: PlanContext): LogsPlan | undefined {
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

export function planAccess(args: ConnectInstanceArgs, fail: PlanContext["fail"]): { approvedOrigins: string[]; securityKeys: pulumi.Input<string>[] } {
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
export function planAttributes(args: ConnectInstanceArgs, logs: LogsPlan | undefined, fail: PlanContext["fail"]): Record<string, pulumi.Input<boolean>> | undefined {
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


/** True for a {@link ServiceLinkedRole} resource (as opposed to settings for one). */
export function isServiceLinkedRole(value: ConnectInstanceArgs["serviceLinkedRole"]): value is ServiceLinkedRole {
    return value instanceof ServiceLinkedRole || pulumi.CustomResource.isInstance(value);
}
