/**
 * `pulumi-service-linked-role/iam` (also the package root): the `ServiceLinkedRole` resource and
 * its deployer policy. Loads `@pulumi/pulumi` and `@aws-sdk/client-iam` only, never `@pulumi/aws`.
 * @packageDocumentation
 */
export { ServiceLinkedRole, ServiceLinkedRoleArgs, ServiceLinkedRoleState } from "./serviceLinkedRole";
export { DeletionPolicy, RoleOwnership, DEFAULT_AWS_SERVICE_NAME, RoleInputs } from "./inputs";
export { IamConnectionSettings } from "./client";
export { InputFailure, validateInputs } from "./validation";
export { DEPLOYER_POLICY, DeployerPolicyDocument, deployerPolicyFor, inPartition, assumeRolePolicyFor, AssumedRoleReference } from "./deployerPolicy";
export { ConnectionArgs, AssumeRoleSettings } from "./connectionSettings";
export { AmbiguousClaimError, CLAIM_TAG_PREFIX, RoleClaim, listClaims, clearClaim } from "./claims";
