/**
 * Who grants each required permission (the managed policy, Connect at association, a resource
 * policy, or the user), and the gaps: what the managed policy leaves out, and the real gaps nobody
 * grants unless the user does.
 */
import { accountFromArn } from "../../aws/arn";
import { evaluatePolicies, parsePolicy } from "../../policy";
import type { ParsedPolicy } from "../../policy";
import { normalizeConfig } from "./config";
import { CONNECT_MANAGED_POLICY_NAME, managedPolicyArn, managedPolicyExcerpt } from "./managedPolicy";
import { CONNECT_PERMISSION_MODEL, ConnectFeature, ConnectPermissionConfig, PermissionSource } from "./model";
import { RequiredPermission, requiredPermissions } from "./statements";

/** A resource the AWS-managed policy does not cover, and who grants the permission instead. */
export interface ManagedPolicyGap {
    feature: ConnectFeature;
    resource: string;
    actions: string[];
    /** Who grants it instead; only `user` (and a resource policy nobody creates) is a real gap. */
    source: Exclude<PermissionSource, "managedPolicy">;
    reason: string;
}

/** One required permission with where it comes from. */
export interface SourcedPermission extends RequiredPermission {
    source: PermissionSource;
}

/**
 * Every required permission with its source: the managed policy when the dated copy of
 * `AmazonConnectServiceLinkedRolePolicy` allows it, else the feature's own way (Connect adds it at
 * association, a resource policy on the target, or the user), and always the user for a target in
 * another account, which neither the managed policy nor Connect can reach.
 */
export function permissionSources(config: ConnectPermissionConfig): SourcedPermission[] {
    const normalized = normalizeConfig(config);
    const policy = managedPolicy(normalized.partition);
    return requiredPermissions(config).map((permission) => {
        const model = CONNECT_PERMISSION_MODEL[permission.feature];
        const account = accountFromArn(permission.resource);
        let source: PermissionSource;
        if (account !== undefined && account !== normalized.account) source = "user";
        else if (model.grantedBy === "resourcePolicy") source = "resourcePolicy";
        else if (evaluatePolicies([policy], { action: permission.action, resource: permission.resource }).decision === "allowed") source = "managedPolicy";
        else source = model.otherwise;
        return { ...permission, source };
    });
}

function managedPolicy(partition: string): ParsedPolicy {
    return parsePolicy(CONNECT_MANAGED_POLICY_NAME, managedPolicyExcerpt(partition), managedPolicyArn(partition));
}

/**
 * Which required permissions `AmazonConnectServiceLinkedRolePolicy` does not grant, grouped by
 * resource, each with its {@link PermissionSource}: most are added by Connect when the feature is
 * associated, or granted by a resource policy, and are listed so a role check knows where to look.
 */
export function managedPolicyGaps(config: ConnectPermissionConfig): ManagedPolicyGap[] {
    const policy = managedPolicy(normalizeConfig(config).partition);
    const gaps = new Map<string, ManagedPolicyGap>();
    for (const permission of permissionSources(config)) {
        if (permission.source === "managedPolicy") continue;
        const key = `${permission.feature}\u0000${permission.resource}`;
        const gap = gaps.get(key) ?? { feature: permission.feature, resource: permission.resource, actions: [], source: permission.source, reason: "" };
        gap.actions.push(permission.action);
        gaps.set(key, gap);
    }
    for (const gap of gaps.values()) gap.reason = gapReason(policy, gap, config.account);
    return [...gaps.values()];
}

/**
 * The real gaps: permissions nobody grants unless the user does. `resourcePoliciesCreated` lists the
 * targets whose resource policy the caller creates (those are then covered).
 */
export function permissionGaps(config: ConnectPermissionConfig, resourcePoliciesCreated: readonly string[] = []): ManagedPolicyGap[] {
    return managedPolicyGaps(config).filter((gap) => gap.source === "user" || (gap.source === "resourcePolicy" && !resourcePoliciesCreated.includes(gap.resource)));
}

/** Explains a gap: who grants the actions instead, and what the managed policy covers. */
function gapReason(policy: ParsedPolicy, gap: ManagedPolicyGap, account: string): string {
    const actions = gap.actions.join(", ");
    switch (gap.source) {
        case "association":
            return `${CONNECT_MANAGED_POLICY_NAME} does not grant ${actions} on ${gap.resource}${coveredPatterns(policy, gap)}; Connect adds it to the instance's role when the feature is associated (the deployer needs iam:PutRolePolicy on the role)`;
        case "resourcePolicy":
            return `${actions} on ${gap.resource} is granted to connect.amazonaws.com by the target's resource policy, not by the role; create that policy (the component does unless told not to)`;
        case "user":
            return CONNECT_PERMISSION_MODEL[gap.feature].grantedBy === "resourcePolicy" || !gap.resource.includes(`:${account}:`)
                ? `${gap.resource} is outside what Connect can grant itself: grant ${actions} to the instance's role (or connect.amazonaws.com) in the target's own policy`
                : `${CONNECT_MANAGED_POLICY_NAME} does not grant ${actions} on ${gap.resource}${coveredPatterns(policy, gap)}, and Connect does not add it: grant it to the role yourself`;
    }
}

/** ` (it covers only <patterns>)` when the managed policy grants these actions on other resources. */
function coveredPatterns(policy: ParsedPolicy, gap: ManagedPolicyGap): string {
    const patterns = new Set<string>();
    for (const statement of policy.statements) {
        if (statement.effect !== "Allow" || !statement.actions || !statement.resources) continue;
        if (gap.actions.some((action) => statement.actions!.some((p) => p.matches(action, true)))) {
            statement.resources.forEach((r) => patterns.add(r));
        }
    }
    return patterns.size > 0 ? ` (it covers only ${[...patterns].join(", ")})` : "";
}
