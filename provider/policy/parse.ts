import { ParsedCondition, parseOperator } from "./conditions";
import { Pattern } from "./pattern";
import type { ConditionValueInput, PolicyDocumentInput, PolicyStatementInput } from "./types";

/** A statement ready for evaluation. */
export interface ParsedStatement {
    index: number;
    sid?: string;
    effect: "Allow" | "Deny";
    /** Exactly one of `actions` / `notActions` is set; patterns are case-folded. */
    actions?: Pattern[];
    notActions?: Pattern[];
    /** Exactly one of `resources` / `notResources` is set; raw text because variables resolve per request. */
    resources?: string[];
    notResources?: string[];
    conditions: ParsedCondition[];
}

/** A parsed policy with the name (and ARN) used to report which statement decided. */
export interface ParsedPolicy {
    name: string;
    arn?: string;
    /** Policy variables are substituted only in version 2012-10-17 documents, as in AWS. */
    variables: boolean;
    statements: ParsedStatement[];
}

/** A policy document that cannot be evaluated; the message names the policy and the statement. */
export class PolicyParseError extends Error {
    constructor(policy: string, detail: string) {
        super(`Cannot parse policy "${policy}": ${detail}`);
        this.name = "PolicyParseError";
    }
}

/**
 * Turns policy JSON text into an object. IAM returns documents URL-encoded (GetPolicyVersion,
 * GetRolePolicy, GetRole), so encoded text is decoded first.
 */
export function decodePolicyText(text: string): unknown {
    const trimmed = text.trim();
    const json = trimmed.startsWith("{") ? trimmed : decodeURIComponent(trimmed);
    return JSON.parse(json);
}

/**
 * Parses and validates a policy document (object or JSON text, URL-encoded or not).
 * @param name label used in results, e.g. the managed or inline policy name.
 */
export function parsePolicy(name: string, document: string | PolicyDocumentInput, arn?: string): ParsedPolicy {
    let doc: unknown;
    try {
        doc = typeof document === "string" ? decodePolicyText(document) : document;
    } catch (err) {
        throw new PolicyParseError(name, `not valid JSON (${(err as Error).message})`);
    }
    if (!isObject(doc)) throw new PolicyParseError(name, "the document is not a JSON object");
    const version = doc.Version;
    if (version !== undefined && version !== "2012-10-17" && version !== "2008-10-17") {
        throw new PolicyParseError(name, `unsupported Version "${String(version)}"`);
    }
    const raw = doc.Statement;
    if (raw === undefined) throw new PolicyParseError(name, "missing Statement");
    const list = Array.isArray(raw) ? raw : [raw];
    const statements = list.map((s, i) => parseStatement(name, s, i));
    return { name, arn, variables: version === "2012-10-17", statements };
}

function parseStatement(policy: string, input: unknown, index: number): ParsedStatement {
    if (!isObject(input)) throw new PolicyParseError(policy, `statement ${index} is not an object`);
    const s = input as unknown as PolicyStatementInput;
    const where = `statement ${s.Sid ? `"${s.Sid}"` : index}`;
    if (s.Effect !== "Allow" && s.Effect !== "Deny") {
        throw new PolicyParseError(policy, `${where}: Effect must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}`);
    }
    const statement: ParsedStatement = { index, effect: s.Effect, conditions: parseConditionBlock(policy, where, s.Condition) };
    if (typeof s.Sid === "string" && s.Sid !== "") statement.sid = s.Sid;

    const action = exactlyOne(policy, where, "Action", s.Action, "NotAction", s.NotAction);
    const toPatterns = (values: string[]) => values.map((a) => Pattern.glob(a, true));
    if (action.key === "Action") statement.actions = toPatterns(action.values);
    else statement.notActions = toPatterns(action.values);

    const resource = exactlyOne(policy, where, "Resource", s.Resource, "NotResource", s.NotResource);
    if (resource.key === "Resource") statement.resources = resource.values;
    else statement.notResources = resource.values;
    return statement;
}

/** Identity policies need exactly one of the element and its Not- counterpart. */
function exactlyOne(policy: string, where: string, key: string, value: unknown, notKey: string, notValue: unknown): { key: string; values: string[] } {
    if (value !== undefined && notValue !== undefined) {
        throw new PolicyParseError(policy, `${where}: has both ${key} and ${notKey}`);
    }
    if (value === undefined && notValue === undefined) {
        throw new PolicyParseError(policy, `${where}: needs ${key} or ${notKey}`);
    }
    const chosen = value !== undefined ? key : notKey;
    const raw = value !== undefined ? value : notValue;
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0 || !values.every((v) => typeof v === "string" && v !== "")) {
        throw new PolicyParseError(policy, `${where}: ${chosen} must be a non-empty string or list of strings`);
    }
    return { key: chosen, values: values as string[] };
}

function parseConditionBlock(policy: string, where: string, block: unknown): ParsedCondition[] {
    if (block === undefined) return [];
    if (!isObject(block)) throw new PolicyParseError(policy, `${where}: Condition must be an object`);
    const conditions: ParsedCondition[] = [];
    for (const [operatorText, entries] of Object.entries(block)) {
        if (!isObject(entries)) {
            throw new PolicyParseError(policy, `${where}: Condition operator ${operatorText} must map keys to values`);
        }
        const operator = parseOperator(operatorText);
        for (const [key, value] of Object.entries(entries)) {
            conditions.push({ operatorText, operator, key, values: conditionValues(policy, where, operatorText, key, value) });
        }
    }
    return conditions;
}

function conditionValues(policy: string, where: string, operator: string, key: string, value: unknown): string[] {
    const list = (Array.isArray(value) ? value : [value]) as ConditionValueInput[];
    const ok = list.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
    if (!ok || list.length === 0) {
        throw new PolicyParseError(policy, `${where}: Condition ${operator} ${key} needs string, number or boolean values`);
    }
    return list.map(String);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
