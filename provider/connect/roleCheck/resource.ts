/**
 * Lifecycle of the ConnectRolePermissionCheck dynamic resource. Its provider module
 * (`../roleCheckProvider.ts`, the path stored state `require()`s) calls these, so only thin
 * wrappers are serialized into the Pulumi state.
 */
import type { dynamic } from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { ACCOUNT_ID } from "../../aws/arn";
import { verifyAccount } from "../../iam/account";
import { connectionFor } from "../../iam/connection";
import { connectionProblem, ConnectionArgs } from "../../iam/connectionSettings";
import { isUnknown } from "../../iam/validation";
import type { RequestContext } from "../../policy";
import { normalizeConfig } from "../permissions/config";
import { checkRolePermissions, partitionOfConfigArns } from "./check";
import { parseRoleReference, RoleReference } from "./reference";
import { missingLine, RoleCheckConfig, RoleCheckReport } from "./report";

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
        const lines = report.missing.map((m) => `  - ${missingLine(m)}`);
        super(
            `Role ${report.role.name} lacks ${report.missing.length} permission(s) Amazon Connect needs:\n${lines.join("\n")}\n` +
                "Grant them (see requiredPolicyDocument), or set warnOnly to record them without failing.",
        );
        this.name = "RolePermissionCheckError";
    }
}


function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
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
    if (!containsUnknown(news.expectedAccountId) && news.expectedAccountId !== undefined && !ACCOUNT_ID.test(String(news.expectedAccountId))) {
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
