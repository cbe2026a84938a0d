/**
 * An evaluator for AWS IAM identity-based policies: parse documents, then ask whether a principal's
 * policies allow an action on a resource under a (possibly partial) request context.
 */
export { Pattern, PatternBuilder } from "./pattern";
export { parsePolicy, decodePolicyText, PolicyParseError } from "./parse";
export type { ParsedPolicy, ParsedStatement } from "./parse";
export { parseOperator, evaluateCondition, evaluateConditions } from "./conditions";
export type { ParsedCondition, ParsedOperator, ConditionOutcome, OperatorSpec, Family, Comparison } from "./conditions";
export { evaluatePolicies, combineWithBoundary } from "./evaluator";
export { ContextReader } from "./context";
export type { KeyLookup } from "./context";
export * from "./types";
