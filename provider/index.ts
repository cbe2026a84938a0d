/**
 * Pulumi dynamic provider for AWS IAM service-linked roles. The root is the role entry point
 * (`pulumi-service-linked-role/iam`) so that role-only programs load no `@pulumi/aws`; the Amazon
 * Connect tooling is `pulumi-service-linked-role/connect` and the policy evaluator
 * `pulumi-service-linked-role/policy`. See docs/reference.md for the full reference.
 * @packageDocumentation
 */
export * from "./iam";
