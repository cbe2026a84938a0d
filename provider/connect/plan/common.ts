import type * as pulumi from "@pulumi/pulumi";
import { ARN_SHAPES } from "../../aws/arn";
import type { InputFailure } from "../../iam/validation";
import { bucketNameProblem as s3BucketNameProblem } from "../permissions/config";
import { permissionGaps } from "../permissions/gaps";
import { ConnectFeature, ConnectPermissionConfig } from "../permissions/model";
import { requiredPolicyDocument } from "../permissions/statements";

// Shared pieces of ConnectInstance's planning: pure checks and the shapes the area planners return.


/** The permission-config fields one target contributes. */
export type PermissionFragment = Omit<ConnectPermissionConfig, "partition" | "region" | "account">;

/** One configured resource, as the permission model sees it. */
export interface PlannedTarget {
    /** The argument that configured it, e.g. `callRecordings.bucketName`. */
    property: string;
    feature: ConnectFeature;
    /**
     * What can be checked at construction. `label` replaces the resource in messages when the
     * fragment holds a stand-in (a name the cloud has not chosen yet). Absent when the value is an
     * output: the target is then checked when it resolves.
     */
    preview?: { fragment: PermissionFragment; label?: string };
    /** The component creates the target's resource policy (Lex V2 alias, Lambda permission). */
    resourcePolicyCreated?: boolean;
    /**
     * Set by planning when the account was not known at construction and the target's ARN names
     * one: whether it is another account's resource can only be told at deployment.
     */
    gapsDeferred?: boolean;
}

/** What every area planner needs: the component name and the identity values for previews. */
export interface PlanContext {
    name: string;
    /** The alias when it is known at construction. */
    alias?: string;
    partition: string;
    region: string;
    account: string;
    /** Whether region and account are real (not stand-ins), so messages may show ARNs built from them. */
    identityIsReal: boolean;
    /** Whether the account is real (given, or from an existing instance's ARN). */
    accountIsReal: boolean;
    fail: (property: string, reason: string) => void;
}

export function plain(value: unknown): value is string {
    return typeof value === "string";
}

export function quote(value: unknown): string {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** `callRecordings` → `call-recordings`. */
export function kebab(text: string): string {
    return text.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Why a bucket name breaks S3's rules (the permission model owns them), or undefined when it is valid. */
export function bucketNameProblem(bucket: string): string | undefined {
    const reason = s3BucketNameProblem(bucket);
    return reason ? `must be a valid S3 bucket name (${reason}); got ${quote(bucket)}` : undefined;
}

/** Why an S3 (or video stream) prefix is unusable, or undefined when it is fine. */
export function prefixProblem(prefix: unknown): string | undefined {
    if (typeof prefix !== "string") return `must be a string; got ${quote(prefix)}`;
    if (prefix.length < 1 || prefix.length > 128) return `must be 1-128 characters; got ${prefix.length}`;
    // The prefix becomes part of a policy resource, where these would widen the grant.
    if (/[*?]|\$\{/.test(prefix)) return `must not contain *, ? or \${; got ${quote(prefix)}`;
    return undefined;
}

/** Connect, Kinesis and CloudWatch Logs want the key's full ARN, not an alias or a bare id. */
export function kmsKeyCheck(value: pulumi.Input<string> | undefined, property: string, fail: PlanContext["fail"]): void {
    if (typeof value === "string" && !ARN_SHAPES.kmsKey.test(value)) {
        fail(property, `must be a full KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias or key id; got ${quote(value)}`);
    }
}

/** Problems the permission model finds with one target's values, attributed to its property. */
export function fragmentProblems(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
    try {
        requiredPolicyDocument(config);
        return [];
    } catch (error) {
        return [{ property: target.property, reason: error instanceof Error ? error.message : String(error) }];
    }
}

/**
 * The real permission gaps of one target, as messages naming its property: permissions no managed
 * policy, Connect association or created resource policy grants.
 */
export function gapFailures(target: PlannedTarget, config: ConnectPermissionConfig): InputFailure[] {
    const label = target.preview?.label;
    return permissionGaps(config)
        .filter((gap) => gap.feature === target.feature && !(gap.source === "resourcePolicy" && target.resourcePolicyCreated))
        .map((gap) => ({
            property: target.property,
            // A stand-in resource would read as a real ARN, so messages show what it stands for.
            reason: label ? gap.reason.split(gap.resource).join(label) : gap.reason,
        }));
}

/** Joins the targets' fragments into one permission config. */
export function mergeFragments(base: { partition: string; region: string; account: string }, fragments: PermissionFragment[]): ConnectPermissionConfig {
    const config: ConnectPermissionConfig = { ...base };
    for (const fragment of fragments) {
        const { kinesisStreamArns, firehoseStreamArns, lexBotArns, lambdaFunctionArns, ...single } = fragment;
        const lists = { kinesisStreamArns, firehoseStreamArns, lexBotArns, lambdaFunctionArns };
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
export function logGroupName(alias: string): string {
    return `/aws/connect/${alias}`;
}

/** A Lex V1 bot's ARN, the form the permission model expects. */
export function lexV1BotArn(partition: string, region: string, account: string, botName: string): string {
    return `arn:${partition}:lex:${region}:${account}:bot:${botName}`;
}

/** The instance id inside an id-or-ARN. */
export function instanceIdOf(idOrArn: string): string {
    return ARN_SHAPES.connectInstance.exec(idOrArn)?.[4] ?? idOrArn;
}

/** The Region inside an instance ARN, or undefined for a bare id. */
export function instanceRegionOf(idOrArn: string): string | undefined {
    return ARN_SHAPES.connectInstance.exec(idOrArn)?.[2];
}
