/**
 * `pulumi-service-linked-role/connect`: Amazon Connect's permission model, the live permission
 * check (function and resource) and the `ConnectInstance` component. `ConnectInstance` needs the
 * optional peer dependency `@pulumi/aws`.
 *
 * Layout: `permissions/` (the model table, config validation, statements, gaps, managed and
 * deployer policies), `plan/` (pure planners of the component), `component/` (one component or
 * resource per file), `roleCheck/` (role references, IAM loading, evaluation, the report and its
 * renderer). The dynamic-provider modules stay at this folder's top level: stored state
 * `require()`s them by path.
 * @packageDocumentation
 */
export {
    ConnectFeature,
    PermissionSource,
    S3Target,
    ConnectPermissionConfig,
    RequiredStatement,
    PolicyDocument,
    TemplatePlaceholder,
    PermissionTemplate,
    FeaturePermissions,
    CONNECT_PERMISSION_MODEL,
    CONNECT_FEATURES,
} from "./permissions/model";
export { ConnectConfigError, NormalizedConnectConfig, S3_CONFIG_FIELDS, normalizeConfig, normalizeS3Target, bucketNameProblem, parseS3Target } from "./permissions/config";
export {
    fillTemplate,
    requiredStatements,
    RequiredPermission,
    requiredPermissions,
    requiredPolicyDocument,
    ResourcePolicyDocument,
    connectResourcePolicy,
} from "./permissions/statements";
export { ManagedPolicyGap, SourcedPermission, permissionSources, managedPolicyGaps, permissionGaps } from "./permissions/gaps";
export { CONNECT_DEPLOYER_POLICY } from "./permissions/deployerPolicy";
export { checkRolePermissions } from "./roleCheck/check";
export { parseRoleReference } from "./roleCheck/reference";
export { RoleCheckOptions, RoleCheckReport, RoleCheckConfig, FeatureReport, PermissionResult, MissingPermission } from "./roleCheck/report";
export { formatReport, renderReport, RenderOptions } from "./roleCheck/render";
export { RolePermissionCheckError } from "./roleCheck/resource";
export { ConnectRolePermissionCheck, ConnectRolePermissionCheckArgs } from "./component/roleCheckResource";
export { ConnectInstance } from "./component/connectInstance";
export {
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
} from "./component/args";
export { ConnectStorage } from "./component/storage";
export { ConnectStreams } from "./component/streams";
export { ConnectFlowsAndBots } from "./component/flowsAndBots";
export { ConnectLogs } from "./component/logs";
export { ConnectAccess } from "./component/access";
export { ConnectInstanceReplacementGuard, ConnectInstanceReplacementGuardArgs } from "./component/instanceGuard";
export { ConnectInstanceAttributeSettings, ConnectInstanceAttributeSettingsArgs } from "./component/instanceAttributes";
