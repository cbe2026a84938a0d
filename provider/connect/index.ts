/**
 * `pulumi-service-linked-role/connect`: Amazon Connect's permission model, the live permission
 * check (function and resource) and the `ConnectInstance` component. `ConnectInstance` needs the
 * optional peer dependency `@pulumi/aws`.
 * @packageDocumentation
 */
export * from "./permissionModel";
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
} from "./roleCheck";
export { ConnectRolePermissionCheck, ConnectRolePermissionCheckArgs } from "./roleCheckResource";
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
} from "./connectInstance";
export { ConnectStorage } from "./storage";
export { ConnectStreams } from "./streams";
export { ConnectFlowsAndBots } from "./flowsAndBots";
export { ConnectLogs } from "./logs";
export { ConnectAccess } from "./access";
export { ConnectInstanceReplacementGuard, ConnectInstanceReplacementGuardArgs } from "./instanceGuard";
export { ConnectInstanceAttributeSettings, ConnectInstanceAttributeSettingsArgs } from "./instanceAttributes";
export { CONNECT_DEPLOYER_POLICY, connectDeployerPolicyFor } from "./connectDeployerPolicy";
