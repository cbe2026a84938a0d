import { connectionFor } from "../aws/connection";
import { withAccountScope } from "../aws/gate";
import { claimsIn, tagsOf, withoutClaims } from "../iam/claims";
import { findRoleByName, findServiceLinkedRole } from "../iam/finders";
import type { RoleOutputs } from "./program";
import type { AccountTarget } from "./reach";
import type { RoleReport } from "./results";
import { roleResourceName, RolloutRoleSpec } from "./spec";

/**
 * Reads each role of the spec in one account, straight from IAM with the account's credentials,
 * (the target's connection, through the account gate, so it can only read that account), and
 * compares it with the stack's record and the spec: present or missing, created or adopted,
 * the claims on it, and drift of the description and tags the spec declares.
 */
export async function readRoleStatus(
    target: AccountTarget,
    roles: readonly RolloutRoleSpec[],
    recorded: Record<string, RoleOutputs> | undefined,
): Promise<RoleReport[]> {
    const client = connectionFor(target.connection).iam;
    return withAccountScope({ subject: `Account ${target.accountId}`, expected: target.accountId }, () =>
        Promise.all(
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
        ),
    );
}

function sameTags(actual: Record<string, string>, wanted: Record<string, string>): boolean {
    const keys = new Set([...Object.keys(actual), ...Object.keys(wanted)]);
    return [...keys].every((k) => actual[k] === wanted[k]);
}
