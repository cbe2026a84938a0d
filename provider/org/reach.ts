import { connectionFor } from "../aws/connection";
import { verify } from "../aws/gate";
import type { ConnectionArgs } from "../iam/connectionSettings";
import type { Discovery } from "./discovery";
import type { ResolvedSpec } from "./spec";

/** How the stack of one account reaches it: the `connection` its roles carry, and the account they must be in. */
export interface AccountTarget {
    accountId: string;
    /** Empty `assumeRoles` for the management account: the caller's own credentials. */
    connection: ConnectionArgs;
}

/** The member role's ARN in an account. */
export function memberRoleArn(spec: ResolvedSpec, partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role/${spec.memberRole.name}`;
}

/** The connection of an account's roles: the member role assumed from the caller, or the caller itself in the management account. */
export function targetFor(spec: ResolvedSpec, discovery: Pick<Discovery, "managementAccountId" | "partition">, accountId: string): AccountTarget {
    const region = spec.region ? { region: spec.region } : {};
    if (accountId === discovery.managementAccountId) return { accountId, connection: { ...region } };
    const { sessionName, externalId } = spec.memberRole;
    const role = { roleArn: memberRoleArn(spec, discovery.partition, accountId), sessionName, ...(externalId ? { externalId } : {}) };
    return { accountId, connection: { ...region, assumeRoles: [role] } };
}

/** Whether the account can be reached with the target's connection, or why not. */
export type Reach = { reachable: true } | { reachable: false; error: string };

/**
 * Assumes the member role (as the stack's provider will) and asks which account the credentials
 * act in, through the same account gate as every other call of the package, so that an account
 * whose trust policy refuses the caller is reported as unreachable before an engine is started for
 * it, and credentials for another account are refused.
 */
export async function probeAccount(target: AccountTarget): Promise<Reach> {
    const role = target.connection.assumeRoles?.[0];
    try {
        await verify(connectionFor(target.connection), { subject: `Account ${target.accountId}`, expected: target.accountId });
        return { reachable: true };
    } catch (err) {
        const code = (err as { name?: string }).name;
        const what = role ? `assuming ${role.roleArn}` : "reading the caller's identity";
        return { reachable: false, error: `${what} failed${code && code !== "Error" ? ` (${code})` : ""}: ${(err as Error).message}` };
    }
}
