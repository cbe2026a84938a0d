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
} from "./connectInstance";
