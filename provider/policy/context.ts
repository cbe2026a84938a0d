import { Pattern } from "./pattern";
import type { ContextValue, EvaluationOptions, RequestContext } from "./types";

/** What a request context says about one condition key. */
export type KeyLookup =
    | { state: "present"; values: string[]; multi: boolean }
    | { state: "absent" }
    | { state: "unknown" };

/**
 * Read access to a request context with IAM's case-insensitive key names and the caller's choice of
 * how to treat keys the context does not mention.
 */
export class ContextReader {
    private readonly entries = new Map<string, ContextValue>();
    private readonly missing: "unknown" | "absent";

    constructor(context: RequestContext = {}, options: EvaluationOptions = {}) {
        for (const [key, value] of Object.entries(context)) {
            this.entries.set(key.toLowerCase(), value);
        }
        this.missing = options.missingKeys ?? "unknown";
    }

    /** Looks a key up; values are returned as strings, the form conditions compare. */
    lookup(key: string): KeyLookup {
        const lower = key.toLowerCase();
        if (!this.entries.has(lower)) {
            return this.missing === "absent" ? { state: "absent" } : { state: "unknown" };
        }
        const value = this.entries.get(lower);
        if (value === null || value === undefined) return { state: "absent" };
        if (Array.isArray(value)) return { state: "present", values: value.map(String), multi: true };
        return { state: "present", values: [String(value)], multi: false };
    }
}

/** Text with policy variables substituted: pieces from the policy text, and literal pieces from values. */
export type Substitution =
    | { ok: true; pieces: Array<{ text: string; literal: boolean }> }
    | { ok: false; outcome: false | "unknown"; reason: string };

const VARIABLE = /\$\{([^}]*)\}/g;
const VARIABLE_BODY = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/;
const ESCAPES: Record<string, string> = { "*": "*", "?": "?", $: "$" };

/**
 * Replaces `${key}` and `${key, 'default'}` policy variables with values from the context.
 * `${*}`, `${?}` and `${$}` stand for the literal characters. A variable whose key is absent (and has
 * no default) cannot match anything; one whose key is unknown leaves the outcome undecided.
 */
export function substituteVariables(text: string, ctx: ContextReader, enabled: boolean): Substitution {
    if (!enabled || !text.includes("${")) return { ok: true, pieces: [{ text, literal: false }] };
    const pieces: Array<{ text: string; literal: boolean }> = [];
    let last = 0;
    for (const match of text.matchAll(VARIABLE)) {
        const start = match.index ?? 0;
        if (start > last) pieces.push({ text: text.slice(last, start), literal: false });
        last = start + match[0].length;
        const body = match[1].trim();
        if (body in ESCAPES) {
            pieces.push({ text: ESCAPES[body], literal: true });
            continue;
        }
        const parsed = VARIABLE_BODY.exec(body);
        if (!parsed) return { ok: false, outcome: "unknown", reason: `malformed policy variable \${${match[1]}}` };
        const [, key, fallback] = parsed;
        const found = ctx.lookup(key);
        if (found.state === "present" && !found.multi && found.values.length === 1) {
            pieces.push({ text: found.values[0], literal: true });
        } else if (found.state === "present") {
            return { ok: false, outcome: "unknown", reason: `policy variable \${${key}} has several values in the context` };
        } else if (fallback !== undefined) {
            pieces.push({ text: fallback, literal: true });
        } else if (found.state === "absent") {
            return { ok: false, outcome: false, reason: `policy variable \${${key}} has no value` };
        } else {
            return { ok: false, outcome: "unknown", reason: `condition key ${key} (policy variable) is not in the request context` };
        }
    }
    if (last < text.length) pieces.push({ text: text.slice(last), literal: false });
    return { ok: true, pieces };
}

/** Builds a wildcard pattern from substituted text: policy text keeps its wildcards, values do not. */
export function patternFromPieces(pieces: Array<{ text: string; literal: boolean }>, foldCase = false): Pattern {
    const builder = Pattern.builder(foldCase);
    for (const piece of pieces) {
        if (piece.literal) builder.literal(piece.text);
        else builder.glob(piece.text);
    }
    return builder.build();
}

/** Joins substituted text into a plain string (for exact-match operators, where `*` is not special). */
export function textFromPieces(pieces: Array<{ text: string; literal: boolean }>): string {
    return pieces.map((p) => p.text).join("");
}
