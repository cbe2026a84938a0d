/**
 * Live check of an Amazon Connect service-linked role: reads the role's policies from IAM and
 * evaluates every permission the permission model requires.
 *
 * The AWS SDK is loaded lazily inside functions, and clients are created per call, so that the
 * dynamic provider in `roleCheckResource.ts` never serializes the SDK or any credentials.
 */
import { accountFromArn, partitionOfArn } from "../../aws/arn";
import { createIamClient } from "../../iam/client";
import { combineWithBoundary, evaluatePolicies, formatStatementRef } from "../../policy";
import type { Evaluation, RequestContext } from "../../policy";
import { normalizeConfig } from "../permissions/config";
import { managedPolicyGaps } from "../permissions/gaps";
import { CONNECT_FEATURES, CONNECT_PERMISSION_MODEL, ConnectPermissionConfig } from "../permissions/model";
import { RequiredPermission, requiredPermissions, requiredStatements } from "../permissions/statements";
import { LoadedRole, loadRole } from "./loadRole";
import { CONNECT_ROLE_PATH, CONNECT_SERVICE_PRINCIPAL, isConnectServiceLinkedRoleName, parseRoleReference, RoleReference, trustsConnect } from "./reference";
import type { FeatureReport, MissingPermission, PermissionResult, RoleCheckConfig, RoleCheckOptions, RoleCheckReport } from "./report";

/**
 * Reads a role's managed and inline policies (and permissions boundary) from IAM and evaluates every
 * permission the config requires. Service control policies, session policies and resource-based
 * policies (bucket, stream, key policies) are outside its view.
 */
export async function checkRolePermissions(options: RoleCheckOptions): Promise<RoleCheckReport> {
    const reference = parseRoleReference(options.role);
    // Validate before calling IAM so that a typo fails fast; account and partition may only be known after GetRole.
    normalizeConfig({
        ...options.config,
        account: options.config.account ?? reference.account ?? "000000000000",
        partition: options.config.partition ?? reference.partition ?? partitionOfConfigArns(options.config),
    });
    const client = options.client ?? createIamClient({ region: options.config.region });
    const role = await loadRole(client, reference.name, options.pageSize);
    const config: ConnectPermissionConfig = {
        ...options.config,
        account: options.config.account ?? accountFromArn(role.arn) ?? "",
        partition: options.config.partition ?? partitionOfArn(role.arn),
    };
    const normalized = normalizeConfig(config);
    // Lex V2 aliases and Lambda functions are reached through their own resource policies, which
    // this check cannot see on the role: they are listed as warnings instead of missing.
    const permissions = requiredPermissions(config).filter((p) => p.grantedBy === "role");
    const results = permissions.map((p) => evaluatePermission(role, p, normalized.account, normalized.region, options));
    const gaps = managedPolicyGaps(config);
    const features = buildFeatureReports(results, gaps);
    const missing = features.flatMap((f) => f.missing);
    return {
        role: { name: role.name, arn: role.arn, path: role.path },
        partition: normalized.partition,
        region: normalized.region,
        account: normalized.account,
        ok: missing.length === 0,
        features,
        missing,
        policies: role.sources,
        warnings: [...roleWarnings(role, reference, normalized.account), ...resourcePolicyNotes(config)],
    };
}

/** The partition of the first stream or bot ARN in a config, if any (a guess used only for early validation). */
export function partitionOfConfigArns(config: RoleCheckConfig): string | undefined {
    const first = [...(config.kinesisStreamArns ?? []), ...(config.firehoseStreamArns ?? []), ...(config.lexBotArns ?? [])][0];
    return typeof first === "string" ? partitionOfArn(first) : undefined;
}

/** Default condition keys for a request Connect makes with its service-linked role. */
function defaultContext(role: LoadedRole, account: string, region: string, resource: string): RequestContext {
    const context: RequestContext = {
        "aws:PrincipalArn": role.arn,
        "aws:PrincipalAccount": account,
        "aws:PrincipalType": "AssumedRole",
        "aws:RequestedRegion": region,
    };
    const resourceAccount = accountFromArn(resource);
    if (resourceAccount) context["aws:ResourceAccount"] = resourceAccount;
    return context;
}

function evaluatePermission(role: LoadedRole, permission: RequiredPermission, account: string, region: string, options: RoleCheckOptions): PermissionResult {
    const request = {
        action: permission.action,
        resource: permission.resource,
        context: { ...defaultContext(role, account, region, permission.resource), ...options.context },
    };
    const evalOptions = { missingKeys: options.missingKeys };
    let evaluation: Evaluation = evaluatePolicies(role.identity, request, evalOptions);
    if (role.boundary) evaluation = combineWithBoundary(evaluation, evaluatePolicies([role.boundary], request, evalOptions));
    return { ...permission, ...evaluation };
}

function buildFeatureReports(results: PermissionResult[], gaps: ReturnType<typeof managedPolicyGaps>): FeatureReport[] {
    const reports: FeatureReport[] = [];
    for (const feature of CONNECT_FEATURES) {
        const permissions = results.filter((r) => r.feature === feature);
        if (permissions.length === 0) continue;
        const missing = permissions.filter((r) => r.decision !== "allowed").map((r) => toMissing(r, gaps));
        reports.push({ feature, description: CONNECT_PERMISSION_MODEL[feature].description, ok: missing.length === 0, permissions, missing });
    }
    return reports;
}

function toMissing(result: PermissionResult, gaps: ReturnType<typeof managedPolicyGaps>): MissingPermission {
    const decision = result.decision as MissingPermission["decision"];
    let detail: string;
    if (decision === "denied") {
        detail = `explicitly denied by ${result.deniedBy.map(formatStatementRef).join(", ")}`;
    } else if (decision === "unknown") {
        detail = result.undecided.map((u) => `${formatStatementRef(u)}: ${u.reason}`).join("; ") || "cannot be decided";
    } else {
        const gap = gaps.find((g) => g.feature === result.feature && g.resource === result.resource && g.actions.includes(result.action));
        detail = gap ? `no statement allows it; ${gap.reason}` : "no statement allows it";
    }
    return { feature: result.feature, sid: result.sid, action: result.action, resource: result.resource, decision, detail };
}

/** One note per target granted by a resource policy, which the role check does not read. */
function resourcePolicyNotes(config: ConnectPermissionConfig): string[] {
    return requiredStatements(config)
        .filter((s) => s.grantedBy === "resourcePolicy")
        .flatMap((s) => s.resources.map((r) => `${s.feature}: ${s.actions.join(", ")} on ${r} comes from the target's resource policy (principal ${CONNECT_SERVICE_PRINCIPAL}), not from this role; not checked here`));
}

function roleWarnings(role: LoadedRole, reference: RoleReference, account: string): string[] {
    const warnings: string[] = [];
    if (!isConnectServiceLinkedRoleName(role.name)) {
        warnings.push(`role ${role.name} is not named like a Connect service-linked role (AWSServiceRoleForAmazonConnect[_<id>])`);
    }
    if (role.path !== CONNECT_ROLE_PATH) {
        warnings.push(`role path is ${role.path}, not ${CONNECT_ROLE_PATH}`);
    }
    if (role.trustPolicy !== undefined && !trustsConnect(role.trustPolicy)) {
        warnings.push(`the role's trust policy does not let ${CONNECT_SERVICE_PRINCIPAL} assume it`);
    }
    if (reference.arn && reference.arn !== role.arn) {
        warnings.push(`IAM reports the role as ${role.arn}, not ${reference.arn}`);
    }
    const roleAccount = accountFromArn(role.arn);
    if (roleAccount && roleAccount !== account) {
        warnings.push(`the role belongs to account ${roleAccount} but the config names account ${account}`);
    }
    return warnings;
}

