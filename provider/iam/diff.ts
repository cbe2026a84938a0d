import { claimKeyOf } from "./claims";
import { RoleInputs, RoleState, roleNameFromNameOrArn } from "./inputs";

/** What the engine needs to plan a change to one role. */
export interface RoleDiff {
    /** True when anything differs, including state-only settings. */
    changes: boolean;
    /** Properties whose change forces a new role. */
    replaces: string[];
    /** Properties that change in place. */
    updates: string[];
    /** Delete the old role before creating the new one, because both would have the same name. */
    deleteBeforeReplace: boolean;
}

/**
 * Compares the recorded state with the new inputs. A role's service and suffix make up its name,
 * which IAM cannot change, so they replace; description and tags change in place. An omitted
 * description or tag map means "not managed here", so it never produces a change.
 */
export function diffRole(olds: RoleState, news: RoleInputs): RoleDiff {
    const replaces: string[] = [];
    const updates: string[] = [];
    if (news.awsServiceName !== olds.awsServiceName) replaces.push("awsServiceName");
    if ((news.customSuffix ?? "") !== (olds.customSuffix ?? "")) replaces.push("customSuffix");
    if (news.existingRole !== undefined && !namesSameRole(news.existingRole, olds.roleName)) replaces.push("existingRole");

    if (news.description !== undefined && news.description !== olds.description) updates.push("description");
    if (news.tags !== undefined && !sameTags(news.tags, olds.tags ?? {})) updates.push("tags");
    if (news.deletionPolicy !== olds.deletionPolicy) updates.push("deletionPolicy");
    if (news.deletionTimeoutSeconds !== olds.deletionTimeoutSeconds) updates.push("deletionTimeoutSeconds");
    if (news.existingRole !== olds.existingRole && !replaces.includes("existingRole")) updates.push("existingRole");
    if (news.claimant !== olds.claimant) updates.push("claimant");
    // State from version 0.1 has no claim id: the update mints one and writes its claim (claims.ts).
    else if (news.claimant !== undefined && olds.claimId === undefined) updates.push("claimId");
    else if (news.claimant !== undefined && !hasOwn(olds.claims ?? {}, claimKeyOf(olds.claimId!))) updates.push("claims");
    if (replaces.length > 0 && news.deletionPolicy !== olds.deletionPolicy) throw new DeletionPolicyChangeError(olds, news, replaces);

    return {
        changes: replaces.length > 0 || updates.length > 0,
        replaces,
        updates,
        deleteBeforeReplace: replaces.length > 0 && replacementCollides(olds, news),
    };
}

/**
 * Delete only sees the recorded state, so in an update that replaces the role, the role being
 * replaced would be deleted (or kept) under the OLD policy while preview shows the new one. Rather
 * than let the old policy decide silently, the plan is refused before any IAM call.
 */
export class DeletionPolicyChangeError extends Error {
    constructor(olds: RoleState, news: RoleInputs, replaces: string[]) {
        super(
            `deletionPolicy: cannot change from "${olds.deletionPolicy}" to "${news.deletionPolicy}" in the same update that replaces ` +
                `the role (${replaces.join(", ")} changed): the role being replaced would be handled under the old policy. ` +
                `Change deletionPolicy alone first and run \`pulumi up\`, then change ${replaces.join(", ")}.`,
        );
        this.name = "DeletionPolicyChangeError";
    }
}

/**
 * IAM role names are unique case-insensitively. When only the letter case of the service or the
 * suffix changes, the new role would have the old one's name, so create-before-delete would adopt
 * the role it is about to delete.
 */
function replacementCollides(olds: RoleState, news: RoleInputs): boolean {
    if (news.existingRole !== undefined) return namesSameRole(news.existingRole, olds.roleName);
    return (
        news.awsServiceName.toLowerCase() === olds.awsServiceName.toLowerCase() &&
        (news.customSuffix ?? "").toLowerCase() === (olds.customSuffix ?? "").toLowerCase()
    );
}

function namesSameRole(nameOrArn: string, roleName: string): boolean {
    return roleNameFromNameOrArn(nameOrArn).toLowerCase() === roleName.toLowerCase();
}

/** Tag maps are equal when they hold the same keys with the same values. */
export function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
    const aKeys = Object.keys(a);
    return aKeys.length === Object.keys(b).length && aKeys.every((k) => hasOwn(b, k) && b[k] === a[k]);
}

/** The TagRole / UntagRole calls needed to go from `current` to `desired`: only the difference. */
export function tagChanges(current: Record<string, string>, desired: Record<string, string>): { toSet: Record<string, string>; toRemove: string[] } {
    // fromEntries defines own properties, so even a `__proto__` tag key stays an ordinary entry.
    const toSet = Object.fromEntries(Object.entries(desired).filter(([key, value]) => !hasOwn(current, key) || current[key] !== value));
    const toRemove = Object.keys(current).filter((key) => !hasOwn(desired, key));
    return { toSet, toRemove };
}

// Tag keys are user data: `constructor` or `toString` must not be found on Object.prototype.
function hasOwn(map: Record<string, string>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(map, key);
}
