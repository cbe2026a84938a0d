/**
 * The report model of the live role check: what {@link checkRolePermissions} (in `check.ts`) takes and returns.
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type { Decision, RequestContext, StatementRef, UndecidedStatement } from "../../policy";
import type { ConnectFeature, ConnectPermissionConfig } from "../permissions/model";
import type { RequiredPermission } from "../permissions/statements";


/** The config accepted by the role check: like {@link ConnectPermissionConfig}, but the account may come from the role. */
export type RoleCheckConfig = Omit<ConnectPermissionConfig, "account"> & { account?: string };

/** Inputs of {@link checkRolePermissions}. */
export interface RoleCheckOptions {
    /** Role name or ARN. */
    role: string;
    /** Features and resources of the Connect instance. `account` defaults to the role's account. */
    config: RoleCheckConfig;
    /** IAM client to use; by default one is built from the environment (`createIamClient`). */
    client?: IAMClient;
    /** Condition keys to assume for every request, added to (and overriding) the defaults the check derives. */
    context?: RequestContext;
    /** How to treat condition keys nobody supplied; default `"unknown"` (see `EvaluationOptions`). */
    missingKeys?: "unknown" | "absent";
    /** Page size (MaxItems) for IAM list calls; IAM's default when unset. */
    pageSize?: number;
}

/** Where a policy of the role came from. */
export interface PolicySource {
    name: string;
    kind: "managed" | "inline" | "boundary";
    arn?: string;
    versionId?: string;
}

/** The result for one required (action, resource) pair. */
export interface PermissionResult extends RequiredPermission {
    decision: Decision;
    allowedBy: StatementRef[];
    deniedBy: StatementRef[];
    undecided: UndecidedStatement[];
}

/** A required permission the role does not (provably) have. */
export interface MissingPermission {
    feature: ConnectFeature;
    sid: string;
    action: string;
    resource: string;
    decision: Exclude<Decision, "allowed">;
    /** Why: the denying statement, the undecidable condition, or what to add. */
    detail: string;
}

/** Results for one feature. */
export interface FeatureReport {
    feature: ConnectFeature;
    description: string;
    ok: boolean;
    permissions: PermissionResult[];
    missing: MissingPermission[];
}

/** The outcome of {@link checkRolePermissions}. */
export interface RoleCheckReport {
    role: { name: string; arn: string; path: string };
    partition: string;
    region: string;
    account: string;
    /** True when every required permission is allowed. */
    ok: boolean;
    features: FeatureReport[];
    /** Every missing permission across features, in model order. */
    missing: MissingPermission[];
    policies: PolicySource[];
    /** Things worth knowing that do not fail the check (e.g. the role is not a Connect service-linked role). */
    warnings: string[];
}

/** How each decision reads in reports and errors. */
export const DECISION_LABELS: Record<Decision, string> = { allowed: "allowed", denied: "DENIED", implicitDeny: "MISSING", unknown: "UNKNOWN" };

/** One missing permission as a report or error line: `[feature] action on resource: LABEL (detail)`. */
export function missingLine(m: MissingPermission): string {
    return `[${m.feature}] ${m.action} on ${m.resource}: ${DECISION_LABELS[m.decision]} (${m.detail})`;
}
