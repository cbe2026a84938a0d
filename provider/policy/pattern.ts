/**
 * Wildcard patterns as IAM uses them in Action, Resource and `*Like` conditions: `*` matches any
 * run of characters (including none, and including `:` and `/`), `?` matches exactly one character.
 *
 * A pattern is kept as a list of tokens rather than a string so that characters which came from a
 * policy variable (or from `${*}`-style escapes) stay literal even when they are `*` or `?`.
 */

/** Token kinds: a literal character, a multi-character wildcard, a single-character wildcard. */
const LITERAL = 0;
const STAR = 1;
const SINGLE = 2;

/** A compiled wildcard pattern. Construct it with {@link Pattern.glob} or {@link Pattern.literal}. */
export class Pattern {
    private constructor(
        /** One entry per token; literal tokens hold one code point, wildcard tokens hold "". */
        private readonly chars: readonly string[],
        /** Token kinds, parallel to `chars`. */
        private readonly kinds: readonly number[],
    ) {}

    /** Compiles text in which `*` and `?` are wildcards. `foldCase` lower-cases the literal characters. */
    static glob(text: string, foldCase = false): Pattern {
        return new PatternBuilder(foldCase).glob(text).build();
    }

    /** Compiles text in which every character, `*` and `?` included, is literal. */
    static literal(text: string, foldCase = false): Pattern {
        return new PatternBuilder(foldCase).literal(text).build();
    }

    /** Starts a pattern assembled piece by piece (used for policy-variable substitution). */
    static builder(foldCase = false): PatternBuilder {
        return new PatternBuilder(foldCase);
    }

    /** @internal Creates a pattern from token arrays; used by {@link PatternBuilder}. */
    static fromTokens(chars: string[], kinds: number[]): Pattern {
        return new Pattern(chars, kinds);
    }

    /** Number of tokens. */
    get length(): number {
        return this.chars.length;
    }

    /** True when the pattern contains a wildcard token. */
    get hasWildcards(): boolean {
        return this.kinds.some((k) => k !== LITERAL);
    }

    /** True when the pattern matches every string (it is made only of `*` tokens). */
    get matchesEverything(): boolean {
        return this.kinds.length > 0 && this.kinds.every((k) => k === STAR);
    }

    /** The pattern back as text; literal `*`/`?` cannot be told from wildcards here, so this is for display. */
    toString(): string {
        return this.chars.map((c, i) => (this.kinds[i] === STAR ? "*" : this.kinds[i] === SINGLE ? "?" : c)).join("");
    }

    /**
     * Splits the pattern at its first `count` literal occurrences of `separator`, e.g. the five
     * colons that delimit the six components of an ARN. Returns fewer parts when there are fewer
     * separators.
     */
    splitAtLiteral(separator: string, count: number): Pattern[] {
        const parts: Pattern[] = [];
        let start = 0;
        for (let i = 0; i < this.chars.length && parts.length < count; i++) {
            if (this.kinds[i] === LITERAL && this.chars[i] === separator) {
                parts.push(new Pattern(this.chars.slice(start, i), this.kinds.slice(start, i)));
                start = i + 1;
            }
        }
        parts.push(new Pattern(this.chars.slice(start), this.kinds.slice(start)));
        return parts;
    }

    /** True when the pattern matches the plain string `value`. */
    matches(value: string, foldCase = false): boolean {
        return this.covers(Pattern.literal(value, foldCase));
    }

    /**
     * True when every string that `request` can stand for is matched by this pattern. The test is
     * sound (a `true` is always right) and complete for the patterns policies use in practice; for
     * exotic pairs such as `?*` against `*?` it may answer `false`, which callers treat as "not
     * proven", never as "allowed".
     */
    covers(request: Pattern): boolean {
        const n = this.kinds.length;
        const m = request.kinds.length;
        // dp[i][j]: does this[i..] cover request[j..]? Filled from the end so every dependency is ready.
        let next = new Uint8Array(m + 1);
        next[m] = 1; // empty pattern covers only the empty request
        for (let i = n - 1; i >= 0; i--) {
            const row = new Uint8Array(m + 1);
            const kind = this.kinds[i];
            for (let j = m; j >= 0; j--) {
                if (kind === STAR) {
                    // The star matches nothing more, or absorbs the next request token whatever it is.
                    row[j] = next[j] || (j < m && row[j + 1]) ? 1 : 0;
                } else if (j === m) {
                    row[j] = 0;
                } else if (kind === SINGLE) {
                    // One character: fine for a literal or a `?`, but a request `*` may stand for many.
                    row[j] = request.kinds[j] !== STAR && next[j + 1] ? 1 : 0;
                } else {
                    row[j] = request.kinds[j] === LITERAL && request.chars[j] === this.chars[i] && next[j + 1] ? 1 : 0;
                }
            }
            next = row;
        }
        return next[0] === 1;
    }

    /** True when at least one string is matched by both patterns. */
    intersects(other: Pattern): boolean {
        const n = this.kinds.length;
        const m = other.kinds.length;
        // dp[i][j]: is there a string matched by both this[i..] and other[j..]?
        const dp: Uint8Array[] = Array.from({ length: n + 1 }, () => new Uint8Array(m + 1));
        for (let i = n; i >= 0; i--) {
            for (let j = m; j >= 0; j--) {
                if (i === n && j === m) {
                    dp[i][j] = 1;
                    continue;
                }
                const a = i < n ? this.kinds[i] : -1;
                const b = j < m ? other.kinds[j] : -1;
                let ok = (a === STAR && dp[i + 1][j] === 1) || (b === STAR && dp[i][j + 1] === 1);
                if (!ok && a !== -1 && b !== -1 && !(a === STAR && b === STAR)) {
                    // Both sides consume one common character; a star consumes it and stays put.
                    const sameChar = a !== LITERAL || b !== LITERAL || this.chars[i] === other.chars[j];
                    if (sameChar) {
                        const ni = a === STAR ? i : i + 1;
                        const nj = b === STAR ? j : j + 1;
                        ok = dp[ni][nj] === 1;
                    }
                }
                dp[i][j] = ok ? 1 : 0;
            }
        }
        return dp[0][0] === 1;
    }
}

/** Assembles a {@link Pattern} from glob text and literal text (e.g. substituted variable values). */
export class PatternBuilder {
    private readonly chars: string[] = [];
    private readonly kinds: number[] = [];

    constructor(private readonly foldCase: boolean) {}

    /** Appends text in which `*` and `?` are wildcards. */
    glob(text: string): this {
        for (const ch of text) {
            if (ch === "*") this.push("", STAR);
            else if (ch === "?") this.push("", SINGLE);
            else this.push(ch, LITERAL);
        }
        return this;
    }

    /** Appends text whose characters are all literal. */
    literal(text: string): this {
        for (const ch of text) this.push(ch, LITERAL);
        return this;
    }

    /** Finishes the pattern. */
    build(): Pattern {
        return Pattern.fromTokens(this.chars, this.kinds);
    }

    private push(ch: string, kind: number): void {
        this.chars.push(this.foldCase ? ch.toLowerCase() : ch);
        this.kinds.push(kind);
    }
}
