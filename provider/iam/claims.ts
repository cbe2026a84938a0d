import { createHash, randomUUID } from "node:crypto";
import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { UntagRoleCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { findRoleByName } from "./finders";

/**
 * Claims: every resource that manages a service-linked role says so on the role itself, with one
 * IAM tag per claimant. A role is shared account-wide, so state alone cannot tell whether another
 * stack (or another resource of this stack) still relies on it; the role's tags can, because every
 * stack reads the same role. Delete removes the role only when no other claim remains.
 *
 * Key: `pulumi-slr-claim:<claim id>`, where the claim id is 32 random hex digits minted when the
 * resource is created and kept in its state (`claimId`). A random id names one resource of one
 * stack of one backend: two stacks called `contact-center/dev` in two backends get two keys.
 * Value: the claimant, readable (`project/stack/resource`), reduced to IAM's tag character set.
 *
 * Legacy keys (version 0.1): `pulumi-slr-claim:<first 20 hex of sha256(claimant)>`. Same-named
 * stacks in different backends wrote the SAME legacy key, so one legacy key may stand for several
 * stacks and no stack can tell whether it is the only one. The rule (docs/ownership-and-claims.md):
 * new code never removes a legacy key by itself and never deletes a role that still carries one;
 * the upgrade's first `up` adds the stack's own new claim and says which legacy key remains and how
 * to clear it (`claims --clear <key>`) once no stack of that name in another backend relies on it.
 */
export const CLAIM_TAG_PREFIX = "pulumi-slr-claim:";

/**
 * The deletion mark (see deletion.ts): written by a deleter before its last claims read. It sits
 * under the claim prefix so that version 0.1 code, which knows no marks, counts it as a claim and
 * never deletes a role that another stack is deleting, and never shows it as a user tag.
 */
export const DELETION_MARK_KEY = `${CLAIM_TAG_PREFIX}deleting`;

/** Tag slots kept free for claims: user tags may use at most 50 (IAM's limit) minus these. */
export const RESERVED_CLAIM_SLOTS = 10;

/** One claim found on a role. */
export interface RoleClaim {
    /** The tag key that carries the claim. */
    key: string;
    /** Who claims the role (`project/stack/resource`). */
    claimant: string;
    /** True for a key written by version 0.1 (a hash of the claimant, shared by same-named stacks). */
    legacy?: boolean;
}

/** A fresh claim id: 128 random bits as 32 hex digits. */
export function newClaimId(): string {
    return randomUUID().replace(/-/g, "");
}

/** The tag key of a claim id. */
export function claimKeyOf(claimId: string): string {
    return CLAIM_TAG_PREFIX + claimId;
}

/** The key version 0.1 wrote for a claimant (see the legacy rule above). */
export function legacyClaimKey(claimant: string): string {
    return CLAIM_TAG_PREFIX + createHash("sha256").update(claimant).digest("hex").slice(0, 20);
}

/** Whether a claim key has the version 0.1 shape (20 hex digits). */
export function isLegacyClaimKey(key: string): boolean {
    return /^pulumi-slr-claim:[0-9a-f]{20}$/i.test(key);
}

/** The claimant as a tag value: IAM's tag characters only, at most 256 of them. */
export function claimTagValue(claimant: string): string {
    return [...claimant.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_")].slice(0, 256).join("");
}

/** Whether a tag key is reserved (a claim or the deletion mark): users cannot declare such tags. */
export function isClaimKey(key: string): boolean {
    return key.toLowerCase().startsWith(CLAIM_TAG_PREFIX);
}

/** Whether a tag key is the deletion mark. */
export function isDeletionMarkKey(key: string): boolean {
    return key.toLowerCase() === DELETION_MARK_KEY;
}

/** The claims among a role's tags (the deletion mark is not a claim). */
export function claimsIn(tags: Record<string, string>): RoleClaim[] {
    return Object.entries(tags)
        .filter(([key]) => isClaimKey(key) && !isDeletionMarkKey(key))
        .map(([key, claimant]) => (isLegacyClaimKey(key) ? { key, claimant, legacy: true } : { key, claimant }));
}

/** The role's tags without claims and mark: what users declare and what drift compares. */
export function withoutClaims(tags: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(tags).filter(([key]) => !isClaimKey(key)));
}

/** A role's tags as a map (IAM sends a list of key/value pairs). */
export function tagsOf(role: Role): Record<string, string> {
    return Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""]));
}

/** Removes claims from the role; a role that is already gone has none. */
export async function removeClaims(client: Pick<IAMClient, "send">, roleName: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
        await client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: keys }));
    } catch (err) {
        if (isNoSuchEntity(err)) return;
        throw err instanceof IamOperationError || (err as Error).name === "DeletionTimeoutError" ? err : new IamOperationError("UntagRole (claim)", roleName, err);
    }
}

/** Lists the claims on a role, for the CLI's `claims` command; undefined when the role does not exist. */
export async function listClaims(client: IAMClient, roleName: string): Promise<RoleClaim[] | undefined> {
    const role = await findRoleByName(client, roleName);
    if (!role) return undefined;
    return claimsIn(tagsOf(role));
}

/** The deletion mark on a role, if any, as the CLI shows it. */
export async function deletionMarkOn(client: IAMClient, roleName: string): Promise<string | undefined> {
    const role = await findRoleByName(client, roleName);
    return role ? Object.entries(tagsOf(role)).find(([key]) => isDeletionMarkKey(key))?.[1] : undefined;
}

/** Raised when a readable claimant names several claims: only a tag key says which one to clear. */
export class AmbiguousClaimError extends Error {
    constructor(roleName: string, claimant: string, keys: string[]) {
        super(
            `${keys.length} claims on role ${roleName} read ${claimant} (${keys.join(", ")}): same-named stacks in different backends, ` +
                `or a key written by version 0.1 next to its successor. Nothing was removed. Clear one by its tag key: --clear <key>.`,
        );
        this.name = "AmbiguousClaimError";
    }
}

/**
 * Removes one claim from the role, for a claim left by a stack that was removed without `destroy`:
 * `target` is the claim's tag key, or its readable claimant when exactly one claim reads so (several
 * are refused, see {@link AmbiguousClaimError}). The deletion mark can be cleared by its key. Returns
 * the keys removed.
 */
export async function clearClaim(client: IAMClient, roleName: string, target: string): Promise<string[]> {
    const role = await findRoleByName(client, roleName);
    if (!role) throw new Error(`Role ${roleName} does not exist (GetRole answered NoSuchEntity).`);
    const tags = tagsOf(role);
    const byKey = Object.keys(tags).filter((key) => isClaimKey(key) && key.toLowerCase() === target.toLowerCase());
    const keys = byKey.length > 0 ? byKey : claimsIn(tags).filter((claim) => claim.claimant === claimTagValue(target)).map((claim) => claim.key);
    if (keys.length > 1) throw new AmbiguousClaimError(roleName, target, keys);
    await removeClaims(client, roleName, keys);
    return keys;
}
