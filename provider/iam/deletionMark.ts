import type { Role } from "@aws-sdk/client-iam";
import { isDeletionMarkKey, tagsOf } from "./claims";

/**
 * The deletion mark closes the window between a delete and an adoption (docs/ownership-and-claims.md).
 *
 * IAM's DeleteServiceLinkedRole only starts an asynchronous task; a stack that adopts the role in
 * that window writes its claim on a role that is about to disappear. So:
 * - the deleter writes the mark (its claim id, IAM's time, and its own deadline) BEFORE its last
 *   read of the claims, and deletes only when that read shows no claim but its own;
 * - an adopter writes its claim FIRST and reads the role AFTER. If it finds another stack's mark
 *   that has not expired, it waits (bounded by the mark's deadline) for the outcome: the role gone
 *   (it creates the role anew), or the mark gone (the deleter saw the claim and stepped back).
 * Of two such write-then-read sequences at least one read sees the other's write, so either the
 * deleter steps back or the adopter waits. A mark past its deadline belongs to a destroy that
 * failed on its bound; it is ignored and removed.
 */
export interface DeletionMark {
    /** The claim id (or, for state written by version 0.1, the legacy key) of the deleter. */
    by: string;
    /** When the mark was written, on IAM's clock (ms). */
    at: number;
    /** The deleter's deadline, on IAM's clock (ms): after it the mark is stale. */
    until: number;
}

/** The mark's tag value: readable, and inside IAM's tag character set. */
export function formatMark(mark: DeletionMark): string {
    return `by=${mark.by} at=${new Date(mark.at).toISOString()} until=${new Date(mark.until).toISOString()}`;
}

/** Parses a mark's tag value; undefined for a value this version cannot read (treated as fresh until read). */
export function parseMark(value: string): DeletionMark | undefined {
    const match = /^by=(\S+) at=(\S+) until=(\S+)$/.exec(value.trim());
    if (!match) return undefined;
    const at = Date.parse(match[2]);
    const until = Date.parse(match[3]);
    return Number.isNaN(at) || Number.isNaN(until) ? undefined : { by: match[1], at, until };
}

/** The deletion mark a role carries, if any, with its tag key (as IAM spells it). */
export function markOn(role: Role): { key: string; value: string; mark?: DeletionMark } | undefined {
    const entry = Object.entries(tagsOf(role)).find(([key]) => isDeletionMarkKey(key));
    return entry ? { key: entry[0], value: entry[1], mark: parseMark(entry[1]) } : undefined;
}

/** Longest an adopter waits on another stack's mark, whatever deadline the mark states. */
export const MAX_MARK_WAIT_MS = 15 * 60_000;
