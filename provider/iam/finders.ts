import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { GetRoleCommand, paginateListRoles } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { serviceRolePath } from "./inputs";

/** Reads a role by name; undefined when IAM says it does not exist. */
export async function findRoleByName(client: Pick<IAMClient, "send">, roleName: string, options?: { abortSignal?: AbortSignal }): Promise<Role | undefined> {
    try {
        const { Role: role } = await client.send(new GetRoleCommand({ RoleName: roleName }), options);
        return role;
    } catch (err) {
        if (isNoSuchEntity(err)) return undefined;
        const name = (err as { name?: unknown }).name;
        if (name === "AbortError" || name === "TimeoutError" || name === "DeletionTimeoutError") throw err;
        throw new IamOperationError("GetRole", roleName, err);
    }
}

/**
 * Finds the existing service-linked role of a service by what IAM holds: the roles under the
 * service's path, matched on the suffix. Role names differ between AWS generations and emulators
 * (`AWSServiceRoleForAmazonConnect`, `..._<id>`, `AWSServiceRoleForconnect`), so no name is assumed.
 *
 * Without a suffix, the account-wide role is the one whose name is exactly `accountWideName`: the
 * name IAM itself gave when it refused the create as taken (see {@link takenRoleName}). A listing
 * alone cannot tell it apart: on a path that holds only one Connect instance's
 * `AWSServiceRoleForAmazonConnect_<id>`, that role is no other role's prefix, yet it is not the
 * account-wide role. Only when IAM's refusal named no role does the listing decide (the role no
 * other listed role extends).
 */
export async function findServiceLinkedRole(client: IAMClient, awsServiceName: string, customSuffix?: string, accountWideName?: string): Promise<Role | undefined> {
    const path = serviceRolePath(awsServiceName);
    const roles: Role[] = [];
    try {
        for await (const page of paginateListRoles({ client }, { PathPrefix: path })) {
            roles.push(...(page.Roles ?? []).filter((role) => role.Path === path && role.RoleName));
        }
    } catch (err) {
        throw new IamOperationError("ListRoles", `under path ${path}`, err);
    }
    const candidates = customSuffix !== undefined ? rolesWithSuffix(roles, customSuffix) : accountWideName !== undefined ? rolesNamed(roles, accountWideName) : rolesWithoutSuffix(roles);
    if (candidates.length > 1) {
        const names = candidates.map((r) => r.RoleName).join(", ");
        throw new Error(
            `Several service-linked roles of ${awsServiceName} match${customSuffix ? ` suffix "${customSuffix}"` : ""}: ${names}. ` +
                `Name the one to adopt with the existingRole input.`,
        );
    }
    return candidates[0];
}

/**
 * The role name in IAM's refusal of a create whose role exists: AWS answers `InvalidInput` "Service
 * role name <name> has been taken in this account, please try a different suffix" (IAM API
 * reference, CreateServiceLinkedRole errors); the `EntityAlreadyExists` form reads "Role with name
 * <name> already exists." Undefined when the message names no role.
 */
export function takenRoleName(err: unknown): string | undefined {
    const message = err instanceof Error ? err.message : "";
    return /role name ([\w+=,.@-]+) has been taken/i.exec(message)?.[1] ?? /Role with name ([\w+=,.@-]+) already exists/i.exec(message)?.[1];
}

/** Roles with exactly this name (IAM role names are unique case-insensitively). */
function rolesNamed(roles: Role[], name: string): Role[] {
    return roles.filter((r) => r.RoleName!.toLowerCase() === name.toLowerCase());
}

/**
 * Roles named `<base>_<suffix>`. Suffixes may contain `_` themselves, so the name must end with
 * the whole suffix; when several do (`x_b` and `x_a_b` for suffix `b`), the shortest name wins.
 */
function rolesWithSuffix(roles: Role[], customSuffix: string): Role[] {
    const ending = `_${customSuffix}`.toLowerCase();
    const matching = roles.filter((r) => r.RoleName!.toLowerCase().endsWith(ending));
    const shortest = Math.min(...matching.map((r) => r.RoleName!.length));
    return matching.filter((r) => r.RoleName!.length === shortest);
}

/**
 * Fallback when IAM named no role: the one no other listed role extends. Service-given names may
 * contain `_` (`AWSServiceRoleForApplicationAutoScaling_CustomResource`), so "no underscore" is no test.
 */
function rolesWithoutSuffix(roles: Role[]): Role[] {
    const names = roles.map((r) => r.RoleName!.toLowerCase());
    return roles.filter((role) => {
        const name = role.RoleName!.toLowerCase();
        return !names.some((other) => other !== name && name.startsWith(`${other}_`));
    });
}
