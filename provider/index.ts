/**
 * Pulumi dynamic provider for AWS IAM service-linked roles, plus Amazon Connect permission
 * tooling. See the README for the full reference.
 * @packageDocumentation
 */
export { ServiceLinkedRole, ServiceLinkedRoleArgs } from "./iam/serviceLinkedRole";
export { DeletionPolicy, RoleOwnership, DEFAULT_AWS_SERVICE_NAME } from "./iam/inputs";
export { IamConnectionSettings } from "./iam/client";
export { ConnectionArgs, AssumeRoleSettings } from "./iam/connectionSettings";
export { InputFailure, validateInputs } from "./iam/validation";

export * from "./policy";
export * from "./connect/permissionModel";
export {
    checkRolePermissions,
    formatReport,
    parseRoleReference,
    RolePermissionCheckError,
    RoleCheckOptions,
    RoleCheckReport,
    RoleCheckConfig,
    FeatureReport,
    PermissionResult,
    MissingPermission,
} from "./connect/roleCheck";
export { ConnectRolePermissionCheck, ConnectRolePermissionCheckArgs } from "./connect/roleCheckResource";
export { DEPLOYER_POLICY, deployerPolicyFor, assumeRolePolicyFor, AssumedRoleReference } from "./iam/deployerPolicy";
export {
    ConnectInstance,
    ConnectInstanceArgs,
    ConnectInstanceArgsError,
    ConnectStorageConfigs,
    ConnectS3StorageArgs,
    ConnectBucketArgs,
    ConnectStreamArgs,
    ConnectStreamType,
    ConnectLexBotArgs,
    ConnectLexV1BotArgs,
    ConnectLexV2BotArgs,
    ConnectContactFlowLogsArgs,
    ConnectIdentityManagementType,
    ConnectMediaStreamsArgs,
    ConnectLambdaFunctionArgs,
    ConnectInstanceAttributes,
    ConnectRoleScheme,
    ConnectServiceLinkedRoleArgs,
} from "./connect/connectInstance";
export { ConnectStorage } from "./connect/storage";
export { ConnectStreams } from "./connect/streams";
export { ConnectFlowsAndBots } from "./connect/flowsAndBots";
export { ConnectLogs } from "./connect/logs";
export { ConnectAccess } from "./connect/access";
export { ConnectInstanceReplacementGuard, ConnectInstanceReplacementGuardArgs } from "./connect/instanceGuard";
export { ConnectInstanceAttributeSettings, ConnectInstanceAttributeSettingsArgs } from "./connect/instanceAttributes";
export { CONNECT_DEPLOYER_POLICY } from "./connect/connectDeployerPolicy";
