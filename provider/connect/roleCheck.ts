/**
 * Live check of an Amazon Connect service-linked role: reads the role's policies from IAM and
 * evaluates every permission the permission model requires.
 *
 * The AWS SDK is loaded lazily inside functions, and clients are created per call, so that the
 * dynamic provider in `roleCheckResource.ts` never serializes the SDK or any credentials.
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type * as IamSdk from "@aws-sdk/client-iam";
import type { dynamic } from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { verifyAccount } from "../iam/account";
import { IamOperationError } from "../iam/client";
import { connectionFor } from "../iam/connection";
import { connectionProblem, ConnectionArgs } from "../iam/connectionSettings";
import { combineWithBoundary, evaluatePolicies, formatStatementRef, parsePolicy, decodePolicyText } from "../policy";
import type { Decision, Evaluation, ParsedPolicy, RequestContext, StatementRef, UndecidedStatement } from "../policy";
import {
    CONNECT_FEATURES,
    CONNECT_PERMISSION_MODEL,
    ConnectConfigError,
    ConnectFeature,
    ConnectPermissionConfig,
    managedPolicyGaps,
    normalizeConfig,
    requiredPermissions,
    RequiredPermission,
    requiredStatements,
} from "./permissionModel";

/** The Connect service principal the role must trust. */
export const CONNECT_SERVICE_PRINCIPAL = "connect.amazonaws.com";
/** The IAM path AWS gives Connect's service-linked roles. */
export const CONNECT_ROLE_PATH = "/aws-service-role/connect.amazonaws.com/";
const CONNECT_ROLE_NAME = /^AWSServiceRoleForAmazonConnect(_[A-Za-z0-9]+)?$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

/** A role given by name or ARN, split into its parts. */
export interface RoleReference {
    name: string;
    arn?: string;
    partition?: string;
    account?: string;
    path?: string;
}

/** Parses `AWSServiceRoleForAmazonConnect_abc` or `arn:aws:iam::111122223333:role/aws-service-role/.../Name`. */
export function parseRoleReference(nameOrArn: string): RoleReference {
    if (typeof nameOrArn !== "string" || nameOrArn.trim() === "") {
        throw new ConnectConfigError("role", "must be a role name or role ARN");
    }
    const text = nameOrArn.trim();
    if (text.startsWith("arn:")) {
        const match = ROLE_ARN.exec(text);
        if (!match) throw new ConnectConfigError("role", `"${text}" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<path>/<name>)`);
        return { arn: text, partition: match[1], account: match[2], path: match[3], name: match[4] };
    }
    if (!ROLE_NAME.test(text)) throw new ConnectConfigError("role", `"${text}" is not a valid IAM role name`);
    return { name: text };
}

/** True for `AWSServiceRoleForAmazonConnect` (account-wide, older) and `AWSServiceRoleForAmazonConnect_<id>` (per instance). */
export function isConnectServiceLinkedRoleName(name: string): boolean {
    return CONNECT_ROLE_NAME.test(name);
}

/** The config accepted by the role check: like {@link ConnectPermissionConfig}, but the account may come from the role. */
export type RoleCheckConfig = Omit<ConnectPermissionConfig, "account"> & { account?: string };

/** Inputs of {@link checkRolePermissions}. */
export interface RoleCheckOptions {
    /** Role name or ARN. */
    role: string;
    /** Features and resources of the Connect instance. `account` defaults to the role's account. */
    config: RoleCheckConfig;
    /** IAM client to use; by default the (gated) connection of `config.region` with the stack's credentials. */
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

/** The role as read from IAM, with its policies parsed. */
interface LoadedRole {
    name: string;
    arn: string;
    path: string;
    trustPolicy?: unknown;
    identity: ParsedPolicy[];
    boundary?: ParsedPolicy;
    sources: PolicySource[];
}

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
    const client = options.client ?? connectionFor({ region: options.config.region }).iam;
    const role = await loadRole(client, reference.name, options.pageSize);
    const config: ConnectPermissionConfig = {
        ...options.config,
        account: options.config.account ?? accountOfArn(role.arn) ?? "",
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

function accountOfArn(arn: string): string | undefined {
    return /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
}

function partitionOfArn(arn: string): string | undefined {
    return /^arn:([^:]+):/.exec(arn)?.[1];
}

/** The partition of the first stream or bot ARN in a config, if any (a guess used only for early validation). */
function partitionOfConfigArns(config: RoleCheckConfig): string | undefined {
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
    const resourceAccount = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(resource)?.[1];
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
    const roleAccount = accountOfArn(role.arn);
    if (roleAccount && roleAccount !== account) {
        warnings.push(`the role belongs to account ${roleAccount} but the config names account ${account}`);
    }
    return warnings;
}

/** True when some Allow statement of a trust policy names the Connect service principal. */
export function trustsConnect(trustPolicy: unknown): boolean {
    const statements = (trustPolicy as { Statement?: unknown })?.Statement;
    const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
    return list.some((s: { Effect?: unknown; Principal?: { Service?: unknown } }) => {
        if (s?.Effect !== "Allow") return false;
        const service = s.Principal?.Service;
        const services = Array.isArray(service) ? service : [service];
        return services.includes(CONNECT_SERVICE_PRINCIPAL);
    });
}

/** Loads the SDK only when IAM is actually called. */
function sdk(): typeof IamSdk {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@aws-sdk/client-iam") as typeof IamSdk;
}

/** Calls IAM, turning failures into errors that name the operation and the role. */
async function call<T>(operation: string, role: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (err) {
        throw new IamOperationError(operation, role, err);
    }
}

/** Collects every page of a Marker/IsTruncated paginated IAM list call. */
async function listAll<T>(page: (marker: string | undefined) => Promise<{ items: T[]; truncated?: boolean; marker?: string }>): Promise<T[]> {
    const items: T[] = [];
    let marker: string | undefined;
    do {
        const result = await page(marker);
        items.push(...result.items);
        marker = result.truncated ? result.marker : undefined;
    } while (marker);
    return items;
}

async function loadRole(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<LoadedRole> {
    const iam = sdk();
    const got = await call("GetRole", roleName, () => client.send(new iam.GetRoleCommand({ RoleName: roleName })));
    const role = got.Role;
    if (!role?.Arn) throw new IamOperationError("GetRole", roleName, new Error("IAM returned no role"));
    const loaded: LoadedRole = { name: role.RoleName ?? roleName, arn: role.Arn, path: role.Path ?? "/", identity: [], sources: [] };
    if (role.AssumeRolePolicyDocument) {
        try {
            loaded.trustPolicy = decodePolicyText(role.AssumeRolePolicyDocument);
        } catch {
            // A trust policy we cannot read only weakens a warning; the permission check does not need it.
        }
    }
    for (const attached of await listAttachedPolicies(client, roleName, pageSize)) {
        const { document, versionId } = await loadManagedPolicy(client, roleName, attached.arn);
        loaded.identity.push(parsePolicy(attached.name, document, attached.arn));
        loaded.sources.push({ name: attached.name, kind: "managed", arn: attached.arn, versionId });
    }
    for (const name of await listInlinePolicyNames(client, roleName, pageSize)) {
        const out = await call(`GetRolePolicy(${name})`, roleName, () => client.send(new iam.GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })));
        loaded.identity.push(parsePolicy(name, requireText(out.PolicyDocument, "GetRolePolicy", roleName)));
        loaded.sources.push({ name, kind: "inline" });
    }
    const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
    if (boundaryArn) {
        const { document, versionId } = await loadManagedPolicy(client, roleName, boundaryArn);
        const name = boundaryArn.split("/").pop() ?? boundaryArn;
        loaded.boundary = parsePolicy(`${name} (permissions boundary)`, document, boundaryArn);
        loaded.sources.push({ name, kind: "boundary", arn: boundaryArn, versionId });
    }
    return loaded;
}

async function listAttachedPolicies(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<Array<{ name: string; arn: string }>> {
    const iam = sdk();
    return listAll(async (marker) => {
        const out = await call("ListAttachedRolePolicies", roleName, () =>
            client.send(new iam.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker, MaxItems: pageSize })),
        );
        const items = (out.AttachedPolicies ?? []).filter((p) => p.PolicyArn).map((p) => ({ name: p.PolicyName ?? p.PolicyArn!, arn: p.PolicyArn! }));
        return { items, truncated: out.IsTruncated, marker: out.Marker };
    });
}

async function listInlinePolicyNames(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<string[]> {
    const iam = sdk();
    return listAll(async (marker) => {
        const out = await call("ListRolePolicies", roleName, () => client.send(new iam.ListRolePoliciesCommand({ RoleName: roleName, Marker: marker, MaxItems: pageSize })));
        return { items: out.PolicyNames ?? [], truncated: out.IsTruncated, marker: out.Marker };
    });
}

/** Reads the default version of a managed policy (GetPolicy, then GetPolicyVersion). */
async function loadManagedPolicy(client: IAMClient, roleName: string, policyArn: string): Promise<{ document: string; versionId: string }> {
    const iam = sdk();
    const policy = await call(`GetPolicy(${policyArn})`, roleName, () => client.send(new iam.GetPolicyCommand({ PolicyArn: policyArn })));
    const versionId = policy.Policy?.DefaultVersionId;
    if (!versionId) throw new IamOperationError(`GetPolicy(${policyArn})`, roleName, new Error("IAM returned no default version"));
    const version = await call(`GetPolicyVersion(${policyArn} ${versionId})`, roleName, () =>
        client.send(new iam.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
    );
    return { document: requireText(version.PolicyVersion?.Document, `GetPolicyVersion(${policyArn})`, roleName), versionId };
}

function requireText(text: string | undefined, operation: string, roleName: string): string {
    if (!text) throw new IamOperationError(operation, roleName, new Error("IAM returned no policy document"));
    return text;
}

const DECISION_LABELS: Record<Decision, string> = { allowed: "allowed", denied: "DENIED", implicitDeny: "MISSING", unknown: "UNKNOWN" };

/**
 * Renders a report as a plain-text table (one row per action and resource), followed by the list of
 * missing permissions and any warnings.
 */
export function formatReport(report: RoleCheckReport): string {
    const lines: string[] = [];
    lines.push(`Role:     ${report.role.arn}`);
    lines.push(`Scope:    account ${report.account}, region ${report.region}, partition ${report.partition}`);
    const policies = report.policies.map((p) => `${p.name} (${p.kind}${p.versionId ? ` ${p.versionId}` : ""})`);
    lines.push(`Policies: ${policies.length ? policies.join(", ") : "none"}`);
    lines.push("");
    const rows = report.features.flatMap((f) =>
        f.permissions.map((p) => [f.feature, p.action, p.resource, DECISION_LABELS[p.decision], statementColumn(p)]),
    );
    lines.push(...renderTable(["FEATURE", "ACTION", "RESOURCE", "RESULT", "STATEMENT"], rows));
    lines.push("");
    const total = rows.length;
    if (report.ok) {
        lines.push(`OK: all ${total} required permissions are allowed.`);
    } else {
        lines.push(`NOT OK: ${report.missing.length} of ${total} required permissions are not allowed:`);
        for (const m of report.missing) {
            lines.push(`  - [${m.feature}] ${m.action} on ${m.resource}: ${DECISION_LABELS[m.decision]} (${m.detail})`);
        }
    }
    for (const warning of report.warnings) lines.push(`Warning: ${warning}`);
    lines.push("Note: SCPs, session policies and resource-based policies (bucket, stream, key policies) are not evaluated.");
    return lines.join("\n");
}

function statementColumn(result: PermissionResult): string {
    if (result.decision === "denied") return result.deniedBy.map(formatStatementRef).join(", ");
    if (result.decision === "allowed") return result.allowedBy.map(formatStatementRef).join(", ");
    if (result.decision === "unknown") return result.undecided.map(formatStatementRef).join(", ");
    return "-";
}

function renderTable(header: string[], rows: string[][]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const render = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd();
    return [render(header), render(widths.map((w) => "-".repeat(w))), ...rows.map(render)];
}

// ---------------------------------------------------------------------------------------------
// Lifecycle of the ConnectRolePermissionCheck dynamic resource. The resource's provider object calls
// these through a module reference, so only thin wrappers are serialized into the Pulumi state.
// ---------------------------------------------------------------------------------------------

/** Inputs of the `ConnectRolePermissionCheck` resource, as its provider receives them. */
export interface RoleCheckResourceInputs {
    role: string;
    config: RoleCheckConfig;
    warnOnly?: boolean;
    /** Named AWS profile for the IAM calls (never credentials). */
    profile?: string;
    context?: RequestContext;
    /** Where the role lives (region, profile, roles to assume), as ServiceLinkedRole's `connection`. */
    connection?: ConnectionArgs;
    /** Refuse to check unless the credentials resolve to this account. */
    expectedAccountId?: string;
}

/** A missing permission as stored in the resource's outputs. */
export interface MissingPermissionOutput {
    feature: string;
    action: string;
    resource: string;
    decision: string;
    detail: string;
}

/** Outputs of the `ConnectRolePermissionCheck` resource. */
export interface RoleCheckResourceOutputs extends RoleCheckResourceInputs {
    roleArn: string;
    ok: boolean;
    missing: MissingPermissionOutput[];
    warnings: string[];
}

/** Raised when the role lacks permissions and `warnOnly` is not set; the message lists every gap. */
export class RolePermissionCheckError extends Error {
    constructor(readonly report: RoleCheckReport) {
        const lines = report.missing.map((m) => `  - [${m.feature}] ${m.action} on ${m.resource}: ${DECISION_LABELS[m.decision]} (${m.detail})`);
        super(
            `Role ${report.role.name} lacks ${report.missing.length} permission(s) Amazon Connect needs:\n${lines.join("\n")}\n` +
                "Grant them (see requiredPolicyDocument), or set warnOnly to record them without failing.",
        );
        this.name = "RolePermissionCheckError";
    }
}

/**
 * The value Pulumi's engine passes for inputs not known yet during a preview (the same string the
 * SDK keeps in `runtime/rpc`); validation skips such inputs rather than failing the preview.
 */
const UNKNOWN_INPUT = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN_INPUT) return true;
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** Validates resource inputs; reports failures per property instead of throwing. */
export function checkResourceInputs(_olds: unknown, news: RoleCheckResourceInputs): dynamic.CheckResult<RoleCheckResourceInputs> {
    const failures: dynamic.CheckFailure[] = [];
    // Inputs still unknown during a preview are checked again at create/update time.
    const roleKnown = !containsUnknown(news.role);
    if (roleKnown) {
        try {
            parseRoleReference(news.role);
        } catch (err) {
            failures.push({ property: "role", reason: (err as Error).message });
        }
    }
    if (!containsUnknown(news.config)) {
        const problem = configProblem(news.config, roleKnown ? parseRoleReferenceOrUndefined(news.role) : undefined);
        if (problem) failures.push({ property: "config", reason: problem });
    }
    if (!containsUnknown(news.connection) && news.connection !== undefined) {
        const problem = connectionProblem(news.connection);
        if (problem) failures.push({ property: "connection", reason: problem });
    }
    if (!containsUnknown(news.expectedAccountId) && news.expectedAccountId !== undefined && !/^\d{12}$/.test(String(news.expectedAccountId))) {
        failures.push({ property: "expectedAccountId", reason: "must be a 12-digit AWS account id" });
    }
    return failures.length ? { inputs: news, failures } : { inputs: news };
}

/** Why a resource's config is invalid, or undefined; account and partition may still come from the role. */
function configProblem(config: RoleCheckConfig | undefined, role: RoleReference | undefined): string | undefined {
    if (!config || typeof config.region !== "string") return "config.region is required";
    try {
        normalizeConfig({
            ...config,
            account: config.account ?? role?.account ?? "000000000000",
            partition: config.partition ?? role?.partition ?? partitionOfConfigArns(config),
        });
        return undefined;
    } catch (err) {
        return (err as Error).message;
    }
}

function parseRoleReferenceOrUndefined(role: string): RoleReference | undefined {
    try {
        return parseRoleReference(role);
    } catch {
        return undefined;
    }
}

/** Runs the check for the resource; throws {@link RolePermissionCheckError} unless `warnOnly`. */
export async function runResourceCheck(inputs: RoleCheckResourceInputs, failOnMissing = !inputs.warnOnly): Promise<RoleCheckResourceOutputs> {
    const connection = connectionFor({ region: inputs.config.region, ...(inputs.profile ? { profile: inputs.profile } : {}), ...inputs.connection });
    await verifyAccount(connection, { role: inputs.role, expected: inputs.expectedAccountId });
    const report = await checkRolePermissions({ role: inputs.role, config: inputs.config, client: connection.iam, context: inputs.context });
    if (failOnMissing && !report.ok) throw new RolePermissionCheckError(report);
    const missing = report.missing.map((m) => ({ feature: m.feature, action: m.action, resource: m.resource, decision: m.decision, detail: m.detail }));
    return { ...inputs, roleArn: report.role.arn, ok: report.ok, missing, warnings: report.warnings };
}

/** `create` of the resource: run the check, fail or record gaps. */
export async function createResourceCheck(inputs: RoleCheckResourceInputs): Promise<dynamic.CreateResult<RoleCheckResourceOutputs>> {
    const outs = await runResourceCheck(inputs);
    return { id: `connect-role-check-${randomUUID()}`, outs };
}

/** `diff` of the resource: any input change re-runs the check in place. */
export function diffResourceCheck(_id: string, olds: RoleCheckResourceOutputs, news: RoleCheckResourceInputs): dynamic.DiffResult {
    const keys: Array<keyof RoleCheckResourceInputs> = ["role", "config", "warnOnly", "profile", "context", "connection", "expectedAccountId"];
    const changed = keys.some((k) => stableJson(olds[k]) !== stableJson(news[k]));
    return { changes: changed };
}

/** `update` of the resource: same as create, keeping the id. */
export async function updateResourceCheck(_id: string, _olds: RoleCheckResourceOutputs, news: RoleCheckResourceInputs): Promise<dynamic.UpdateResult<RoleCheckResourceOutputs>> {
    return { outs: await runResourceCheck(news) };
}

/** `read` (refresh) of the resource: re-run the check and record the current gaps without failing. */
export async function readResourceCheck(id: string, props: RoleCheckResourceOutputs): Promise<dynamic.ReadResult<RoleCheckResourceOutputs>> {
    return { id, props: await runResourceCheck(props, false) };
}

function stableJson(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
    ) ?? "undefined";
}
