// Claims on instance attributes, kept as tags on the Connect instance (TagResource), so that several
// stacks can manage one attribute of one instance: each manager writes a claim tag naming itself
// and the value it wants, the first one also records the attribute's original value, and only the
// last manager to leave puts the original value back. Pure functions: the provider does the calls.
// Tag rules (Connect API reference, TagResource): keys up to 128 characters, values up to 256,
// letters, digits, spaces and `_ . : / = + - @`; keys must not start with `aws:`.

/** Tag key prefix of a claim: `pulumi-attr:<ATTRIBUTE>:<claim id>`. */
export const ATTRIBUTE_CLAIM_PREFIX = "pulumi-attr:";
/** Tag key prefix of a recorded original value: `pulumi-attr-original:<ATTRIBUTE>`. */
export const ATTRIBUTE_ORIGINAL_PREFIX = "pulumi-attr-original:";

/** One manager's claim on one attribute. */
export interface AttributeClaim {
    key: string;
    attribute: string;
    claimId: string;
    /** Who wrote it (`project/stack/resource`), for messages. */
    claimant: string;
    /** The value that manager sets. */
    value: boolean;
}

/** The claim tag key of `claimId` on `attribute`. */
export function claimKey(attribute: string, claimId: string): string {
    return `${ATTRIBUTE_CLAIM_PREFIX}${attribute}:${claimId}`;
}

/** The tag key holding `attribute`'s original value. */
export function originalKey(attribute: string): string {
    return `${ATTRIBUTE_ORIGINAL_PREFIX}${attribute}`;
}

/** The claim tag's value: the claimant (characters Connect refuses become `_`) and the wanted value. */
export function claimValue(claimant: string, value: boolean): string {
    return `${claimant.replace(/[^\p{L}\p{Z}\p{N}_.:/+\-@]/gu, "_").slice(0, 240)}=${value}`;
}

/** Every claim among the instance's tags. */
export function claimsIn(tags: Record<string, string>): AttributeClaim[] {
    const claims: AttributeClaim[] = [];
    for (const [key, text] of Object.entries(tags)) {
        if (!key.startsWith(ATTRIBUTE_CLAIM_PREFIX)) continue;
        const [attribute, claimId] = key.slice(ATTRIBUTE_CLAIM_PREFIX.length).split(":");
        const eq = text.lastIndexOf("=");
        if (!attribute || !claimId || eq < 0) continue;
        claims.push({ key, attribute, claimId, claimant: text.slice(0, eq), value: text.slice(eq + 1) === "true" });
    }
    return claims;
}

/** The original value recorded for `attribute`, if a manager recorded one. */
export function recordedOriginal(tags: Record<string, string>, attribute: string): boolean | undefined {
    const text = tags[originalKey(attribute)];
    return text === undefined ? undefined : text === "true";
}

/** Other managers' claims on `attribute` (not `claimId`'s). */
export function otherClaims(tags: Record<string, string>, attribute: string, claimId: string | undefined): AttributeClaim[] {
    return claimsIn(tags).filter((claim) => claim.attribute === attribute && claim.claimId !== claimId);
}

/**
 * Refuses to set `attribute` to `value` while another manager sets it to the other value: the two
 * stacks would overwrite each other on every `up`. Names the first such manager and the way out.
 */
export function conflictProblem(tags: Record<string, string>, attribute: string, value: boolean, claimId: string | undefined, instanceId: string): string | undefined {
    const conflicting = otherClaims(tags, attribute, claimId).find((claim) => claim.value !== value);
    if (!conflicting) return undefined;
    return (
        `${attribute} of Connect instance ${instanceId} is already managed by ${conflicting.claimant}, which sets it to ${conflicting.value}; ` +
        `this stack would set it to ${value}. Nothing was changed. Set the same value in both stacks, or remove the attribute from one of them ` +
        `(a stale claim left by a deleted stack is the tag ${conflicting.key} on the instance: remove it with UntagResource).`
    );
}
