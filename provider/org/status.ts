import type { AwsCredentialIdentity } from "@smithy/types";
import { claimsIn, tagsOf, withoutClaims } from "../iam/claims";
import { findRoleByName, findServiceLinkedRole } from "../iam/finders";
import type { RoleOutputs } from "./program";
import type { RoleReport } from "./results";
import { roleResourceName, RolloutRoleSpec } from "./spec";

/**
 * Reads each role of the spec in one account, straight from IAM with the account's credentials,
 * and compares it with the stack's record and the spec: present or missing, created or adopted,
 * the claims on it, and drift of the description and tags the spec declares.
 */
export async function readRoleStatus(
    credentials: AwsCredentialIdentity,
    region: string | undefined,
    roles: readonly RolloutRoleSpec[],
    recorded: Record<string, RoleOutputs> | undefined,
): Promise<RoleReport[]> {
    const { IAMClient } = await import("@aws-sdk/client-iam");
    const client = new IAMClient({ region: region ?? process.env.AWS_REGION ?? "us-east-1", credentials });
    try {
        return await Promise.all(
            roles.map(async (spec) => {
                const name = roleResourceName(spec);
                const record = recorded?.[name];
                const role = record ? await findRoleByName(client, record.roleName) : await findServiceLinkedRole(client, spec.awsServiceName, spec.customSuffix);
                const report: RoleReport = { role: name, state: record ? (role ? "present" : "missing") : "notDeployed", drift: [] };
                if (record) report.ownership = record.ownership;
                if (!record) report.drift.push("notDeployed");
                if (record && !role) report.drift.push("missing");
                if (!role) return { ...report, ...(record ? { roleName: record.roleName } : {}) };
                const tags = tagsOf(role);
                report.roleName = role.RoleName;
                report.claims = claimsIn(tags).map((c) => c.claimant);
                if (spec.description !== undefined && (role.Description ?? "") !== spec.description) report.drift.push("description");
                if (spec.tags !== undefined && !sameTags(withoutClaims(tags), spec.tags)) report.drift.push("tags");
                return report;
            }),
        );
    } finally {
        client.destroy();
    }
}

function sameTags(actual: Record<string, string>, wanted: Record<string, string>): boolean {
    const keys = new Set([...Object.keys(actual), ...Object.keys(wanted)]);
    return [...keys].every((k) => actual[k] === wanted[k]);
}
