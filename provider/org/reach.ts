import type { AwsCredentialIdentity } from "@smithy/types";
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

/** Credentials that act in the target account, or why the account cannot be reached. */
export type Reach = { reachable: true; credentials: AwsCredentialIdentity } | { reachable: false; error: string };

/**
 * Assumes the member role (as the stack's provider will) and asks STS which account the
 * credentials act in, so that an account whose trust policy refuses the caller is reported as
 * unreachable before an engine is started for it, and credentials for another account are refused.
 */
export async function probeAccount(target: AccountTarget): Promise<Reach> {
    const { STSClient, GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const { fromTemporaryCredentials } = await import("@aws-sdk/credential-providers");
    const region = target.connection.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const role = target.connection.assumeRoles?.[0];
    const base = new STSClient({ region });
    try {
        const credentials = role
            ? await fromTemporaryCredentials({
                  clientConfig: { region },
                  params: { RoleArn: role.roleArn, RoleSessionName: role.sessionName ?? "pulumi-slr-rollout", ExternalId: role.externalId },
              })()
            : await base.config.credentials();
        const sts = new STSClient({ region, credentials });
        try {
            const { Account } = await sts.send(new GetCallerIdentityCommand({}));
            if (Account !== target.accountId) return { reachable: false, error: `the credentials act in account ${Account}, not ${target.accountId}` };
        } finally {
            sts.destroy();
        }
        return { reachable: true, credentials };
    } catch (err) {
        const code = (err as { name?: string }).name;
        const what = role ? `assuming ${role.roleArn}` : "reading the caller's identity";
        return { reachable: false, error: `${what} failed${code && code !== "Error" ? ` (${code})` : ""}: ${(err as Error).message}` };
    } finally {
        base.destroy();
    }
}
