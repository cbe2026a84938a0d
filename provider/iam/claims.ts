import { createHash } from "node:crypto";
import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { TagRoleCommand, UntagRoleCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { findRoleByName } from "./finders";

/**
 * Claims: every resource that manages a service-linked role says so on the role itself, with one
 * IAM tag per claimant. A role is shared account-wide, so state alone cannot tell whether another
 * stack (or another resource of this stack) still relies on it; the role's tags can, because every
 * stack reads the same role. Delete removes the role only when no other claim remains.
 *
 * Key: `pulumi-slr-claim:<20 hex chars of sha256(claimant)>`, so that keys stay short (IAM allows
 * 128) and unique per claimant. Value: the claimant, readable (`project/stack/resource`), reduced
 * to IAM's tag character set and 256 characters.
 */
export const CLAIM_TAG_PREFIX = "pulumi-slr-claim:";

/** Tag slots kept free for claims: user tags may use at most 50 (IAM's limit) minus these. */
export const RESERVED_CLAIM_SLOTS = 10;

/** One claim found on a role. */
export interface RoleClaim {
    /** The tag key that carries the claim. */
    key: string;
    /** Who claims the role (`project/stack/resource`). */
    claimant: string;
}

/** The tag key of a claimant's claim. */
export function claimTagKey(claimant: string): string {
    return CLAIM_TAG_PREFIX + createHash("sha256").update(claimant).digest("hex").slice(0, 20);
}

/** The claimant as a tag value: IAM's tag characters only, at most 256 of them. */
export function claimTagValue(claimant: string): string {
    return [...claimant.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_")].slice(0, 256).join("");
}

/** Whether a tag key is a claim (reserved: users cannot declare such tags). */
export function isClaimKey(key: string): boolean {
    return key.toLowerCase().startsWith(CLAIM_TAG_PREFIX);
}

/** The claims among a role's tags. */
export function claimsIn(tags: Record<string, string>): RoleClaim[] {
    return Object.entries(tags)
        .filter(([key]) => isClaimKey(key))
        .map(([key, claimant]) => ({ key, claimant }));
}

/** The role's tags without the claims: what users declare and what drift compares. */
export function withoutClaims(tags: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(tags).filter(([key]) => !isClaimKey(key)));
}

/** A role's tags as a map (IAM sends a list of key/value pairs). */
export function tagsOf(role: Role): Record<string, string> {
    return Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""]));
}

/** Puts a claimant's claim on the role. */
export async function addClaim(client: IAMClient, roleName: string, claimant: string): Promise<void> {
    try {
        await client.send(new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: claimTagKey(claimant), Value: claimTagValue(claimant) }] }));
    } catch (err) {
        throw new IamOperationError("TagRole (claim)", roleName, err);
    }
}

/** Removes claims from the role; a role that is already gone has none. */
export async function removeClaims(client: IAMClient, roleName: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
        await client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: keys }));
    } catch (err) {
        if (isNoSuchEntity(err)) return;
        throw new IamOperationError("UntagRole (claim)", roleName, err);
    }
}

/** Lists the claims on a role, for the CLI's `claims` command; undefined when the role does not exist. */
export async function listClaims(client: IAMClient, roleName: string): Promise<RoleClaim[] | undefined> {
    const role = await findRoleByName(client, roleName);
    if (!role) return undefined;
    return claimsIn(tagsOf(role));
}

/**
 * Removes the claims of `claimant` (its readable name, or the claim's tag key) from the role, for
 * claims left by a stack that was removed without `destroy`. Returns the keys removed.
 */
export async function clearClaim(client: IAMClient, roleName: string, claimant: string): Promise<string[]> {
    const claims = await listClaims(client, roleName);
    if (!claims) throw new Error(`Role ${roleName} does not exist (GetRole answered NoSuchEntity).`);
    const keys = claims.filter((claim) => claim.key === claimant || claim.claimant === claimTagValue(claimant)).map((claim) => claim.key);
    await removeClaims(client, roleName, keys);
    return keys;
}
