import { ContextReader, patternFromPieces, substituteVariables, textFromPieces } from "./context";
import { Pattern } from "./pattern";
import type { Tri } from "./types";

/** Families of condition operators: each family compares values its own way. */
export type Family = "string" | "stringIgnoreCase" | "stringLike" | "numeric" | "date" | "bool" | "binary" | "ip" | "arn" | "null";
/** Ordering tests used by the numeric and date families. */
export type Comparison = "eq" | "lt" | "lte" | "gt" | "gte";

/** What a base operator (without ForAnyValue:/ForAllValues:/IfExists) does. */
export interface OperatorSpec {
    family: Family;
    /** Negated operators (StringNotEquals, ArnNotLike, ...) are true when no policy value matches. */
    negated: boolean;
    comparison: Comparison;
    /** Operators whose values may contain policy variables. */
    variables: boolean;
}

function spec(family: Family, negated = false, comparison: Comparison = "eq"): OperatorSpec {
    const variables = family === "string" || family === "stringIgnoreCase" || family === "stringLike" || family === "arn" || family === "bool";
    return { family, negated, comparison, variables };
}

/** Base operators by lower-cased name. */
const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
    stringequals: spec("string"),
    stringnotequals: spec("string", true),
    stringequalsignorecase: spec("stringIgnoreCase"),
    stringnotequalsignorecase: spec("stringIgnoreCase", true),
    stringlike: spec("stringLike"),
    stringnotlike: spec("stringLike", true),
    numericequals: spec("numeric"),
    numericnotequals: spec("numeric", true),
    numericlessthan: spec("numeric", false, "lt"),
    numericlessthanequals: spec("numeric", false, "lte"),
    numericgreaterthan: spec("numeric", false, "gt"),
    numericgreaterthanequals: spec("numeric", false, "gte"),
    dateequals: spec("date"),
    datenotequals: spec("date", true),
    datelessthan: spec("date", false, "lt"),
    datelessthanequals: spec("date", false, "lte"),
    dategreaterthan: spec("date", false, "gt"),
    dategreaterthanequals: spec("date", false, "gte"),
    bool: spec("bool"),
    binaryequals: spec("binary"),
    ipaddress: spec("ip"),
    notipaddress: spec("ip", true),
    arnequals: spec("arn"),
    arnlike: spec("arn"),
    arnnotequals: spec("arn", true),
    arnnotlike: spec("arn", true),
    null: spec("null"),
};

/** A condition operator split into its parts. */
export interface ParsedOperator {
    /** The operator exactly as written in the policy. */
    text: string;
    spec: OperatorSpec;
    set?: "ForAnyValue" | "ForAllValues";
    ifExists: boolean;
}

/** Parses an operator such as `ForAllValues:StringLikeIfExists`; undefined when it is not one IAM knows. */
export function parseOperator(text: string): ParsedOperator | undefined {
    let rest = text;
    let set: ParsedOperator["set"];
    const qualifier = /^(forallvalues|foranyvalue):/i.exec(rest);
    if (qualifier) {
        set = qualifier[1].toLowerCase() === "forallvalues" ? "ForAllValues" : "ForAnyValue";
        rest = rest.slice(qualifier[0].length);
    }
    let ifExists = false;
    if (/ifexists$/i.test(rest)) {
        ifExists = true;
        rest = rest.slice(0, -"IfExists".length);
    }
    const base = OPERATORS[rest.toLowerCase()];
    if (!base) return undefined;
    // Null tests presence itself, so neither a set qualifier nor IfExists means anything with it.
    if (base.family === "null" && (set || ifExists)) return undefined;
    return { text, spec: base, set, ifExists };
}

/** One (operator, key, values) triple from a statement's Condition block. */
export interface ParsedCondition {
    operatorText: string;
    /** Undefined when the operator is not supported: such a condition is always undecidable. */
    operator?: ParsedOperator;
    key: string;
    values: string[];
}

/** Result of one condition, with the reason when it could not be decided. */
export interface ConditionOutcome {
    result: Tri;
    reason?: string;
}

/**
 * Evaluates one condition against a request context. All (operator, key) entries of a statement must
 * hold for the statement to apply; {@link evaluateConditions} combines them.
 */
export function evaluateCondition(condition: ParsedCondition, ctx: ContextReader, variablesEnabled: boolean): ConditionOutcome {
    const op = condition.operator;
    if (!op) return { result: "unknown", reason: `unsupported condition operator ${condition.operatorText}` };
    const found = ctx.lookup(condition.key);
    if (found.state === "unknown") {
        return { result: "unknown", reason: `condition key ${condition.key} is not in the request context (${condition.operatorText})` };
    }
    if (op.spec.family === "null") return evaluateNull(condition, found.state === "absent");
    if (found.state === "absent") return { result: whenAbsent(op) };
    return evaluatePresent(condition, op, found.values, ctx, variablesEnabled && op.spec.variables);
}

/** Combines a statement's conditions: all must hold; any false wins over unknown. */
export function evaluateConditions(conditions: readonly ParsedCondition[], ctx: ContextReader, variablesEnabled: boolean): ConditionOutcome {
    let unknownReason: string | undefined;
    for (const condition of conditions) {
        const outcome = evaluateCondition(condition, ctx, variablesEnabled);
        if (outcome.result === false) return outcome;
        if (outcome.result === "unknown" && unknownReason === undefined) unknownReason = outcome.reason;
    }
    return unknownReason === undefined ? { result: true } : { result: "unknown", reason: unknownReason };
}

/**
 * AWS's rule for a key missing from the request: IfExists passes; ForAllValues passes (an empty
 * set has no non-matching member); otherwise a positive test fails and a negated test passes.
 */
function whenAbsent(op: ParsedOperator): boolean {
    if (op.ifExists) return true;
    if (op.set === "ForAllValues") return true;
    if (op.set === "ForAnyValue") return false;
    return op.spec.negated;
}

function evaluateNull(condition: ParsedCondition, isAbsent: boolean): ConditionOutcome {
    for (const value of condition.values) {
        const wanted = value.toLowerCase();
        if (wanted !== "true" && wanted !== "false") {
            return { result: "unknown", reason: `Null condition on ${condition.key} has a non-boolean value "${value}"` };
        }
        if ((wanted === "true") === isAbsent) return { result: true };
    }
    return { result: false };
}

function evaluatePresent(
    condition: ParsedCondition,
    op: ParsedOperator,
    contextValues: string[],
    ctx: ContextReader,
    variables: boolean,
): ConditionOutcome {
    let reason: string | undefined;
    // For one request value: does it match any policy value (OR across the policy's values)?
    const matchesAny = (value: string): Tri => {
        let sawUnknown = false;
        for (const policyValue of condition.values) {
            const outcome = compareOne(op.spec, value, policyValue, ctx, variables);
            if (outcome.result === true) return true;
            if (outcome.result === "unknown") {
                sawUnknown = true;
                reason ??= outcome.reason;
            }
        }
        return sawUnknown ? "unknown" : false;
    };
    // Negated operators hold for a value that matches none of the policy values.
    const holdsFor = (value: string): Tri => (op.spec.negated ? not(matchesAny(value)) : matchesAny(value));

    let result: Tri;
    if (op.set === "ForAllValues") {
        result = all(contextValues.map(holdsFor));
    } else if (op.set === "ForAnyValue") {
        result = any(contextValues.map(holdsFor));
    } else if (op.spec.negated) {
        // A single-valued negated test on a multi-valued key holds only if no member matches.
        result = not(any(contextValues.map(matchesAny)));
    } else {
        result = any(contextValues.map(matchesAny));
    }
    return result === "unknown" ? { result, reason: reason ?? `cannot decide ${condition.operatorText} on ${condition.key}` } : { result };
}

/** Compares one request value with one policy value, as the operator family prescribes (never negated here). */
function compareOne(spec: OperatorSpec, value: string, policyValue: string, ctx: ContextReader, variables: boolean): ConditionOutcome {
    const sub = substituteVariables(policyValue, ctx, variables);
    if (!sub.ok) return { result: sub.outcome, reason: sub.reason };
    switch (spec.family) {
        case "string":
            return { result: value === textFromPieces(sub.pieces) };
        case "stringIgnoreCase":
            return { result: value.toLowerCase() === textFromPieces(sub.pieces).toLowerCase() };
        case "stringLike":
            return { result: patternFromPieces(sub.pieces).matches(value) };
        case "arn":
            return { result: arnMatches(patternFromPieces(sub.pieces), value) };
        case "bool":
            return { result: value.toLowerCase() === textFromPieces(sub.pieces).toLowerCase() };
        case "binary":
            return { result: value === policyValue };
        case "numeric":
            return compareOrdered(parseNumber(value), parseNumber(policyValue), spec.comparison, policyValue);
        case "date":
            return compareOrdered(parseDate(value), parseDate(policyValue), spec.comparison, policyValue);
        case "ip":
            return ipInRange(value, policyValue);
        default:
            return { result: "unknown", reason: `operator family ${spec.family} cannot compare values` };
    }
}

function compareOrdered(actual: number | undefined, wanted: number | undefined, comparison: Comparison, policyText: string): ConditionOutcome {
    if (wanted === undefined) return { result: "unknown", reason: `policy value "${policyText}" is not a valid number or date` };
    // A request value that does not parse cannot satisfy an ordering test.
    if (actual === undefined) return { result: false };
    switch (comparison) {
        case "eq":
            return { result: actual === wanted };
        case "lt":
            return { result: actual < wanted };
        case "lte":
            return { result: actual <= wanted };
        case "gt":
            return { result: actual > wanted };
        case "gte":
            return { result: actual >= wanted };
    }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(text: string): number | undefined {
    return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

/** Dates are ISO 8601 text or epoch seconds, the two forms IAM accepts. */
function parseDate(text: string): number | undefined {
    const trimmed = text.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : ms;
}

/**
 * ARN operators compare the six colon-separated components one by one (the resource component
 * keeps any further colons), each with `*`/`?` wildcards.
 */
function arnMatches(pattern: Pattern, arn: string): boolean {
    const patternParts = pattern.splitAtLiteral(":", 5);
    const valueParts = splitArn(arn);
    if (patternParts.length !== 6 || valueParts.length !== 6) {
        // Not ARN-shaped on one side: only a catch-all pattern can still match.
        return pattern.matchesEverything;
    }
    return patternParts.every((part, i) => part.matches(valueParts[i]));
}

function splitArn(arn: string): string[] {
    const parts: string[] = [];
    let rest = arn;
    for (let i = 0; i < 5; i++) {
        const colon = rest.indexOf(":");
        if (colon < 0) break;
        parts.push(rest.slice(0, colon));
        rest = rest.slice(colon + 1);
    }
    parts.push(rest);
    return parts;
}

/** A parsed IP address: its numeric value and bit width (32 or 128). */
interface IpValue {
    value: bigint;
    bits: number;
}

function ipInRange(address: string, cidr: string): ConditionOutcome {
    const [base, lengthText] = cidr.trim().split("/");
    const network = parseIp(base);
    if (!network) return { result: "unknown", reason: `policy value "${cidr}" is not an IP address or CIDR block` };
    const prefix = lengthText === undefined ? network.bits : Number(lengthText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > network.bits) {
        return { result: "unknown", reason: `policy value "${cidr}" has an invalid prefix length` };
    }
    const ip = parseIp(address.trim());
    if (!ip || ip.bits !== network.bits) return { result: false };
    const shift = BigInt(network.bits - prefix);
    return { result: ip.value >> shift === network.value >> shift };
}

function parseIp(text: string): IpValue | undefined {
    return text.includes(":") ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): IpValue | undefined {
    const octets = text.split(".");
    if (octets.length !== 4) return undefined;
    let value = 0n;
    for (const octet of octets) {
        if (!/^\d{1,3}$/.test(octet) || Number(octet) > 255) return undefined;
        value = (value << 8n) | BigInt(Number(octet));
    }
    return { value, bits: 32 };
}

function parseIpv6(text: string): IpValue | undefined {
    let groups: string[];
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(":") : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
    // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
    const last = (tail.length ? tail : head).at(-1);
    const embedded = last && last.includes(".") ? parseIpv4(last) : undefined;
    if (last && last.includes(".")) {
        if (!embedded) return undefined;
        const list = tail.length ? tail : head;
        list.pop();
        list.push(((embedded.value >> 16n) & 0xffffn).toString(16), (embedded.value & 0xffffn).toString(16));
    }
    if (halves.length === 2) {
        const missing = 8 - head.length - tail.length;
        if (missing < 1) return undefined;
        groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
    } else {
        groups = head;
    }
    if (groups.length !== 8) return undefined;
    let value = 0n;
    for (const group of groups) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
        value = (value << 16n) | BigInt(parseInt(group, 16));
    }
    return { value, bits: 128 };
}

function not(value: Tri): Tri {
    return value === "unknown" ? "unknown" : !value;
}

function any(values: Tri[]): Tri {
    if (values.includes(true)) return true;
    return values.includes("unknown") ? "unknown" : false;
}

function all(values: Tri[]): Tri {
    if (values.includes(false)) return false;
    return values.includes("unknown") ? "unknown" : true;
}
