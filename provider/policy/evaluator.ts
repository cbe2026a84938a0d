import { evaluateConditions } from "./conditions";
import { ContextReader, patternFromPieces, substituteVariables } from "./context";
import type { ParsedPolicy, ParsedStatement } from "./parse";
import { Pattern } from "./pattern";
import type { AccessRequest, Evaluation, EvaluationOptions, StatementRef, Tri, UndecidedStatement } from "./types";

/**
 * How much of a (possibly wildcard) request a statement must match. An Allow only counts when it
 * covers every action/resource the request stands for; a Deny counts as soon as it touches any.
 */
type Reach = "all" | "some";

/** A three-valued answer with the reason it is unknown, when it is. */
interface Outcome {
    result: Tri;
    reason?: string;
}

/**
 * Evaluates one request against the identity-based policies of one principal, following AWS's
 * rules for a single account: an explicit Deny wins, otherwise an Allow is needed, otherwise the
 * request is implicitly denied. Statements whose conditions cannot be decided from the context make
 * the decision `unknown` whenever they could change it; they never make a request `allowed`.
 */
export function evaluatePolicies(policies: readonly ParsedPolicy[], request: AccessRequest, options: EvaluationOptions = {}): Evaluation {
    const ctx = new ContextReader(request.context, options);
    const action = Pattern.glob(request.action, true);
    const resource = Pattern.glob(request.resource);
    const allowedBy: StatementRef[] = [];
    const deniedBy: StatementRef[] = [];
    const maybeAllow: UndecidedStatement[] = [];
    const maybeDeny: UndecidedStatement[] = [];

    for (const policy of policies) {
        for (const statement of policy.statements) {
            const reach: Reach = statement.effect === "Allow" ? "all" : "some";
            const outcome = statementApplies(policy, statement, action, resource, ctx, reach);
            if (outcome.result === false) continue;
            const ref = statementRef(policy, statement);
            if (outcome.result === true) {
                (statement.effect === "Allow" ? allowedBy : deniedBy).push(ref);
            } else {
                const undecided = { ...ref, reason: outcome.reason ?? "cannot be decided" };
                (statement.effect === "Allow" ? maybeAllow : maybeDeny).push(undecided);
            }
        }
    }
    return decide(allowedBy, deniedBy, maybeAllow, maybeDeny);
}

/**
 * Combines the evaluations of identity policies and a permissions boundary: a request is allowed
 * only when both allow it, and an explicit Deny in either wins.
 */
export function combineWithBoundary(identity: Evaluation, boundary: Evaluation): Evaluation {
    const merged: Evaluation = {
        decision: "allowed",
        allowedBy: [...identity.allowedBy, ...boundary.allowedBy],
        deniedBy: [...identity.deniedBy, ...boundary.deniedBy],
        undecided: [...identity.undecided, ...boundary.undecided],
    };
    const decisions = [identity.decision, boundary.decision];
    if (decisions.includes("denied")) merged.decision = "denied";
    else if (decisions.includes("implicitDeny")) merged.decision = "implicitDeny";
    else if (decisions.includes("unknown")) merged.decision = "unknown";
    return merged;
}

function decide(allowedBy: StatementRef[], deniedBy: StatementRef[], maybeAllow: UndecidedStatement[], maybeDeny: UndecidedStatement[]): Evaluation {
    if (deniedBy.length > 0) {
        return { decision: "denied", allowedBy, deniedBy, undecided: [...maybeAllow, ...maybeDeny] };
    }
    if (allowedBy.length === 0 && maybeAllow.length === 0) {
        // Nothing can allow it, so an undecided Deny would not change the outcome: not allowed either way.
        return { decision: "implicitDeny", allowedBy, deniedBy, undecided: maybeDeny };
    }
    if (maybeDeny.length > 0 || allowedBy.length === 0) {
        return { decision: "unknown", allowedBy, deniedBy, undecided: [...maybeAllow, ...maybeDeny] };
    }
    return { decision: "allowed", allowedBy, deniedBy, undecided: maybeAllow };
}

function statementRef(policy: ParsedPolicy, statement: ParsedStatement): StatementRef {
    const ref: StatementRef = { policy: policy.name, index: statement.index, effect: statement.effect };
    if (policy.arn) ref.policyArn = policy.arn;
    if (statement.sid) ref.sid = statement.sid;
    return ref;
}

function statementApplies(
    policy: ParsedPolicy,
    statement: ParsedStatement,
    action: Pattern,
    resource: Pattern,
    ctx: ContextReader,
    reach: Reach,
): Outcome {
    if (!actionMatches(statement, action, reach)) return { result: false };
    const resourceOutcome = resourceMatches(policy, statement, resource, ctx, reach);
    if (resourceOutcome.result === false) return resourceOutcome;
    const conditionOutcome = evaluateConditions(statement.conditions, ctx, policy.variables);
    if (conditionOutcome.result === false) return conditionOutcome;
    if (resourceOutcome.result === "unknown") return resourceOutcome;
    return conditionOutcome;
}

function actionMatches(statement: ParsedStatement, action: Pattern, reach: Reach): boolean {
    if (statement.actions) {
        return reach === "all" ? statement.actions.some((p) => p.covers(action)) : statement.actions.some((p) => p.intersects(action));
    }
    const excluded = statement.notActions ?? [];
    // NotAction applies to what it does not list: to all of the request if no listed pattern touches it,
    // to some of it unless one listed pattern swallows it whole.
    return reach === "all" ? !excluded.some((p) => p.intersects(action)) : !excluded.some((p) => p.covers(action));
}

function resourceMatches(policy: ParsedPolicy, statement: ParsedStatement, resource: Pattern, ctx: ContextReader, reach: Reach): Outcome {
    const listed = statement.resources ?? statement.notResources ?? [];
    const patterns: Pattern[] = [];
    let unknownReason: string | undefined;
    for (const text of listed) {
        const sub = substituteVariables(text, ctx, policy.variables);
        if (sub.ok) patterns.push(patternFromPieces(sub.pieces));
        else if (sub.outcome === "unknown") unknownReason ??= `resource ${text}: ${sub.reason}`;
        // A variable with no value makes that entry match nothing, so it is simply left out.
    }
    const hit = (p: Pattern) => (reach === "all" ? p.covers(resource) : p.intersects(resource));
    if (statement.resources) {
        if (patterns.some(hit)) return { result: true };
        return unknownReason ? { result: "unknown", reason: unknownReason } : { result: false };
    }
    const excludes = (p: Pattern) => (reach === "all" ? p.intersects(resource) : p.covers(resource));
    if (patterns.some(excludes)) return { result: false };
    return unknownReason ? { result: "unknown", reason: unknownReason } : { result: true };
}
