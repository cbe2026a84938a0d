import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { CreateServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isRoleAlreadyExists } from "./client";
import { serverNow } from "./clock";
import { findRoleByName, takenRoleName } from "./finders";
import { RoleInputs, RoleOwnership, roleNameFromNameOrArn } from "./inputs";
import { ROLE_PROPAGATION_TIMEOUT_MS, waitForListedRole } from "./waiters";

// Placement: how create finds the role it will manage. Either IAM creates it, or it already exists
// and is adopted, or the program names it (`existingRole`).

/** The role create will manage, and who created it. */
export interface PlacedRole {
    role: Role;
    ownership: RoleOwnership;
    /** True only when CreateServiceLinkedRole returned the role: nobody else can know of it yet. */
    fresh?: boolean;
}

/**
 * Adopts the role the program names. An ARN must name the account and partition that these
 * credentials reach: otherwise the same-named role of another account would be adopted silently.
 */
export async function adoptNamedRole(client: IAMClient, inputs: RoleInputs): Promise<PlacedRole> {
    const reference = inputs.existingRole!;
    const roleName = roleNameFromNameOrArn(reference);
    const role = await findRoleByName(client, roleName);
    if (!role) throw new Error(`existingRole ${reference} does not exist in this account (GetRole answered NoSuchEntity). Check the name, or the account these credentials reach.`);
    if (role.Path !== `/aws-service-role/${inputs.awsServiceName}/`) {
        throw new Error(`existingRole ${roleName} is not a service-linked role of ${inputs.awsServiceName} (its path is ${role.Path}). Set awsServiceName to the role's service, or name another role.`);
    }
    const mismatch = reference.startsWith("arn:") ? arnPlaceMismatch(reference, role.Arn ?? "") : undefined;
    if (mismatch) throw new Error(`existingRole ${reference} ${mismatch}; nothing was changed. Use credentials for the account the ARN names, or correct the ARN.`);
    return { role, ownership: "adopted" };
}

/** How two ARNs' partition and account differ, or undefined when they agree. */
function arnPlaceMismatch(wanted: string, found: string): string | undefined {
    const [, wantedPartition, , , wantedAccount] = wanted.split(":");
    const [, foundPartition, , , foundAccount] = found.split(":");
    if (wantedPartition === foundPartition && wantedAccount === foundAccount) return undefined;
    return `names partition ${wantedPartition} and account ${wantedAccount}, but these credentials reach partition ${foundPartition} and account ${foundAccount} (where the role is ${found})`;
}

/**
 * CreateServiceLinkedRole, or adoption when the role exists. When a retry of our own create meets
 * "already exists", an earlier attempt got no answer, and the role's CreateDate is not before our
 * first attempt on IAM's clock, that attempt created it and only its response was lost: the role
 * is recorded as created.
 */
export async function createOrAdopt(client: IAMClient, inputs: RoleInputs): Promise<PlacedRole> {
    const sentAtLocal = Date.now();
    const command = new CreateServiceLinkedRoleCommand({
        AWSServiceName: inputs.awsServiceName,
        Description: inputs.description,
        CustomSuffix: inputs.customSuffix,
    });
    const attempts = trackUnansweredAttempts(command);
    try {
        const { Role: role } = await client.send(command);
        if (!role?.RoleName) throw new Error("CreateServiceLinkedRole returned no role");
        return { role, ownership: "created", fresh: true };
    } catch (err) {
        if (!isRoleAlreadyExists(err)) {
            throw err instanceof IamOperationError ? err : new IamOperationError("CreateServiceLinkedRole", describeTarget(inputs), err);
        }
        // The "exists" answer carried IAM's Date header, so the offset now reflects IAM's clock.
        const sentAtServer = sentAtLocal + (serverNow(client) - Date.now());
        // IAM's refusal names the role it found taken: the account-wide role is matched on that exact name.
        const existing = await waitForListedRole(client, inputs.awsServiceName, inputs.customSuffix, inputs.customSuffix === undefined ? takenRoleName(err) : undefined);
        if (!existing?.RoleName) {
            throw new IamOperationError(
                "CreateServiceLinkedRole",
                describeTarget(inputs),
                new Error(`IAM says the role exists, but ListRoles did not show it within ${ROLE_PROPAGATION_TIMEOUT_MS / 1000} s; run \`pulumi up\` again to adopt it`),
            );
        }
        // Only an attempt that got no answer (or a 5xx) may have been applied; a throttled one was not.
        const ourLostCreate = attempts.unanswered > 0 && (existing.CreateDate?.getTime() ?? 0) >= sentAtServer - CLOCK_TOLERANCE_MS;
        return { role: existing, ownership: ourLostCreate ? "created" : "adopted" };
    }
}

/**
 * How far a role's CreateDate may precede our first attempt and still be ours: IAM's dates have
 * whole seconds. The estimate of IAM's clock errs early (see clock.ts), never late.
 */
const CLOCK_TOLERANCE_MS = 1_000;

/**
 * Counts the attempts of one SDK call that IAM may have applied without us seeing the answer:
 * network failures and 5xx. The retry middleware sits above the deserialize step, so this
 * middleware sees every attempt.
 */
function trackUnansweredAttempts(command: CreateServiceLinkedRoleCommand): { unanswered: number } {
    const tally = { unanswered: 0 };
    command.middlewareStack.add(
        (next) => async (args) => {
            try {
                const result = await next(args);
                const status = (result.response as { statusCode?: number } | undefined)?.statusCode;
                if (status !== undefined && status >= 500) tally.unanswered++;
                return result;
            } catch (err) {
                const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
                if (status === undefined || status >= 500) tally.unanswered++;
                throw err;
            }
        },
        { step: "deserialize", name: "trackUnansweredAttempts", priority: "high" },
    );
    return tally;
}

/** Names the role a create was for, before IAM has named it. */
export function describeTarget(inputs: RoleInputs): string {
    return `of service ${inputs.awsServiceName}${inputs.customSuffix ? ` with suffix ${inputs.customSuffix}` : ""}`;
}
