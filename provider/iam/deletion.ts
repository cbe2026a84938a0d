import type { IAMClient } from "@aws-sdk/client-iam";
import { DeleteServiceLinkedRoleCommand, TagRoleCommand } from "@aws-sdk/client-iam";
import { claimKeyOf, claimsIn, DELETION_MARK_KEY, legacyClaimKey, removeClaims, RoleClaim, tagsOf } from "./claims";
import { IamOperationError, isNoSuchEntity } from "./client";
import { serverNow } from "./clock";
import { formatMark } from "./deletionMark";
import { findRoleByName } from "./finders";
import { DEFAULT_DELETION_TIMEOUT_SECONDS, RoleState } from "./inputs";
import { warn } from "./warn";
import { BoundedIam, boundedIam, Deadline, RoleInUseError, waitForDeletion } from "./waiters";

// Delete: every IAM call, and the account check, goes through one bounded client (waiters.ts), so
// deletionTimeoutSeconds bounds the whole delete for creators and adopters alike.

/** Checks which account the credentials act in, under the deadline's abort signal. */
export type AccountCheck = (signal: AbortSignal) => Promise<unknown>;

/**
 * Deletes the role when this resource owns it (deletion policy and ownership), the role is still
 * the one recorded (same roleId), and no other stack or resource has a claim on it; otherwise only
 * this resource's claim is removed. The deleter marks the role first (see deletionMark.ts).
 */
export async function remove(client: IAMClient, id: string, props: RoleState, checkAccount: AccountCheck): Promise<void> {
    const deadline = new Deadline((props.deletionTimeoutSeconds ?? DEFAULT_DELETION_TIMEOUT_SECONDS) * 1000, id);
    await deadline.run("checking which account the credentials act in", checkAccount);
    const iam = boundedIam(client, deadline);
    const own = props.claimId !== undefined ? [claimKeyOf(props.claimId)] : [];
    if (!shouldDelete(props)) {
        await removeClaims(iam, id, own);
        warnIfLegacyKeyKept(id, props);
        return;
    }
    const marked = await markForDeletion(iam, client, id, props, deadline);
    if (!marked) return;
    const role = await findRoleByName(iam, id);
    if (!role) return;
    if (props.roleId !== undefined && role.RoleId !== props.roleId) {
        await removeClaims(iam, id, [DELETION_MARK_KEY]);
        warn(`role ${id} was left in place: its roleId is ${role.RoleId}, not the recorded ${props.roleId}, so it was recreated outside this stack and is not ours to delete.`);
        return;
    }
    const others = claimsIn(tagsOf(role)).filter((claim) => !own.includes(claim.key));
    if (others.length > 0) {
        await removeClaims(iam, id, [...own, DELETION_MARK_KEY]);
        warn(leftInPlace(id, others));
        return;
    }
    try {
        await deleteRole(iam, id, deadline);
    } catch (err) {
        // IAM refused (the service still uses the role): the role stays, so the mark must go.
        if (err instanceof RoleInUseError) await removeClaims(iam, id, [DELETION_MARK_KEY]).catch(() => undefined);
        throw err;
    }
}

/** Whether delete removes the role from IAM, given the policy and who created it. */
export function shouldDelete(props: Pick<RoleState, "deletionPolicy" | "ownership">): boolean {
    switch (props.deletionPolicy ?? "deleteIfCreated") {
        case "alwaysDelete":
            return true;
        case "neverDelete":
            return false;
        default:
            return props.ownership === "created";
    }
}

/** Writes the deletion mark; false when the role is already gone. */
async function markForDeletion(iam: BoundedIam, client: IAMClient, id: string, props: RoleState, deadline: Deadline): Promise<boolean> {
    const now = serverNow(client);
    const value = formatMark({ by: props.claimId ?? legacyClaimKey(props.claimant ?? id), at: now, until: now + (deadline.at - Date.now()) });
    try {
        await iam.send(new TagRoleCommand({ RoleName: id, Tags: [{ Key: DELETION_MARK_KEY, Value: value }] }));
        return true;
    } catch (err) {
        if (isNoSuchEntity(err)) return false;
        throw (err as Error).name === "DeletionTimeoutError" ? err : new IamOperationError("TagRole (deletion mark)", id, err);
    }
}

async function deleteRole(iam: BoundedIam, id: string, deadline: Deadline): Promise<void> {
    let out;
    try {
        out = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: id }));
    } catch (err) {
        if (isNoSuchEntity(err)) return;
        throw (err as Error).name === "DeletionTimeoutError" ? err : new IamOperationError("DeleteServiceLinkedRole", id, err);
    }
    if (!out.DeletionTaskId) throw new Error(`DeleteServiceLinkedRole for role ${id} returned no deletion task id`);
    await waitForDeletion(iam, id, out.DeletionTaskId, deadline);
}

/** The warning for a role left because others claim it; a legacy key gets the legacy rule's advice. */
function leftInPlace(id: string, others: RoleClaim[]): string {
    const legacy = others.filter((claim) => claim.legacy);
    const names = others.map((c) => `${c.claimant}${c.legacy ? ` (legacy key ${c.key})` : ""}`).join(", ");
    return (
        `role ${id} was left in place because ${names} still claim it; it is deleted when the last claimant that owns it is destroyed. ` +
        (legacy.length > 0 ? legacyAdvice(id, legacy) : "") +
        `List or clear stale claims with \`npx pulumi-service-linked-role claims --role ${id}\`.`
    );
}

/** What to do about a legacy key, which same-named stacks of other backends may share. */
export function legacyAdvice(id: string, legacy: RoleClaim[]): string {
    return (
        `Version 0.1 wrote ${legacy.map((c) => c.key).join(", ")}; same-named stacks in other backends wrote the same key, so it is kept ` +
        `until you clear it: once no stack named ${legacy.map((c) => c.claimant).join(", ")} in another backend relies on the role, run ` +
        `\`npx pulumi-service-linked-role claims --role ${id} --clear ${legacy[0].key}\`. `
    );
}

/** An adopter leaving a role that still carries its own claimant's legacy key: say it stays. */
function warnIfLegacyKeyKept(id: string, props: RoleState): void {
    if (props.claimant === undefined || props.claims === undefined) return;
    const key = legacyClaimKey(props.claimant);
    if (Object.prototype.hasOwnProperty.call(props.claims, key)) warn(legacyAdvice(id, [{ key, claimant: props.claims[key], legacy: true }]));
}

