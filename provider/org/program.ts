import { ServiceLinkedRole } from "../iam/serviceLinkedRole";
import type { AccountTarget } from "./reach";
import { roleResourceName, RolloutRoleSpec } from "./spec";

/** What each account's stack exports per role, which `up` and `status` report. */
export interface RoleOutputs {
    roleName: string;
    arn: string;
    roleId: string;
    ownership: "created" | "adopted";
    claimant?: string;
}

/**
 * The inline program of one account's stack: a {@link ServiceLinkedRole} per role of the spec, each
 * with the account's `connection` and `expectedAccountId`, so that the provider refuses every
 * operation whose credentials do not act in that account, whatever the ambient credentials are.
 */
export function accountProgram(target: AccountTarget, roles: readonly RolloutRoleSpec[]): () => Promise<Record<string, unknown>> {
    return async () => {
        const outputs: Record<string, unknown> = {};
        for (const role of roles) {
            const resource = new ServiceLinkedRole(roleResourceName(role), {
                awsServiceName: role.awsServiceName,
                ...(role.customSuffix !== undefined ? { customSuffix: role.customSuffix } : {}),
                ...(role.description !== undefined ? { description: role.description } : {}),
                ...(role.tags !== undefined ? { tags: role.tags } : {}),
                ...(role.deletionPolicy !== undefined ? { deletionPolicy: role.deletionPolicy } : {}),
                connection: target.connection,
                expectedAccountId: target.accountId,
            });
            outputs[roleResourceName(role)] = {
                roleName: resource.roleName,
                arn: resource.arn,
                roleId: resource.roleId,
                ownership: resource.ownership,
                claimant: resource.claimant,
            };
        }
        return { accountId: target.accountId, roles: outputs };
    };
}
