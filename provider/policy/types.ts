/**
 * Shapes shared by the policy parser and evaluator.
 */

/** A value allowed on the right-hand side of a condition in policy JSON. */
export type ConditionValueInput = string | number | boolean | Array<string | number | boolean>;

/** One statement as it appears in policy JSON (loosely typed: the parser validates it). */
export interface PolicyStatementInput {
    Sid?: string;
    Effect: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: Record<string, Record<string, ConditionValueInput>>;
    Principal?: unknown;
    NotPrincipal?: unknown;
}

/** A policy document as it appears in JSON. */
export interface PolicyDocumentInput {
    Version?: string;
    Id?: string;
    Statement: PolicyStatementInput | PolicyStatementInput[];
}

/**
 * The value of one condition key in a request context. `null` says the key is known to be absent
 * from the request; a key that is not in the context at all is "not known" and, by default, makes
 * any condition on it undecidable.
 */
export type ContextValue = string | number | boolean | null | Array<string | number | boolean>;

/** Condition keys (case-insensitive, as in IAM) mapped to their values for one request. */
export type RequestContext = Record<string, ContextValue>;

/**
 * One request to evaluate. `action` and `resource` may contain `*` and `?`: the request then stands
 * for every action/resource they match, and it is allowed only if all of them are.
 */
export interface AccessRequest {
    /** e.g. `s3:PutObject` (case-insensitive). */
    action: string;
    /** e.g. `arn:aws:s3:::bucket/prefix/*`, or `*` for actions without a resource type. */
    resource: string;
    /** Condition keys known for the request. */
    context?: RequestContext;
}

/** How the evaluator treats condition keys the context does not mention. */
export interface EvaluationOptions {
    /**
     * `"unknown"` (default): a condition on such a key cannot be decided, so the statement's effect
     * is uncertain. `"absent"`: treat such keys as absent from the request, as AWS does at request
     * time.
     */
    missingKeys?: "unknown" | "absent";
}

/** The outcome for one request: allowed, explicitly denied, not allowed by anything, or undecidable. */
export type Decision = "allowed" | "denied" | "implicitDeny" | "unknown";

/** Points at one statement of one policy. */
export interface StatementRef {
    /** Policy name (managed policy name, inline policy name, or a caller-chosen label). */
    policy: string;
    /** Managed policy ARN, when the policy is a managed one. */
    policyArn?: string;
    /** Statement Sid, when it has one. */
    sid?: string;
    /** Zero-based position of the statement in its policy. */
    index: number;
    effect: "Allow" | "Deny";
}

/** A statement whose effect could not be decided for a request, and why. */
export interface UndecidedStatement extends StatementRef {
    reason: string;
}

/** Result of evaluating one request against a set of policies. */
export interface Evaluation {
    decision: Decision;
    /** Allow statements that apply to the whole request. */
    allowedBy: StatementRef[];
    /** Deny statements that apply to (some of) the request. */
    deniedBy: StatementRef[];
    /** Statements that might apply but whose conditions (or variables) could not be decided. */
    undecided: UndecidedStatement[];
}

/** Three-valued truth used while evaluating conditions against partial knowledge. */
export type Tri = true | false | "unknown";

/** Formats a statement reference as `policy#Sid` or `policy#[index]`. */
export function formatStatementRef(ref: StatementRef): string {
    return `${ref.policy}#${ref.sid ? ref.sid : `[${ref.index}]`}`;
}
