import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { GetRoleCommand, paginateListRoles } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { serviceRolePath } from "./inputs";

/** Reads a role by name; undefined when IAM says it does not exist. */
export async function findRoleByName(client: IAMClient, roleName: string, options?: { abortSignal?: AbortSignal }): Promise<Role | undefined> {
    try {
        const { Role: role } = await client.send(new GetRoleCommand({ RoleName: roleName }), options);
        return role;
    } catch (err) {
        if (isNoSuchEntity(err)) return undefined;
        if ((err as { name?: unknown }).name === "AbortError") throw err;
        throw new IamOperationError("GetRole", roleName, err);
    }
}

/**
 * Finds the existing service-linked role of a service by what IAM holds: the roles under the
 * service's path, matched on the suffix. Role names differ between AWS generations and emulators
 * (`AWSServiceRoleForAmazonConnect`, `..._<id>`, `AWSServiceRoleForconnect`), so no name is assumed.
 * Without a suffix, the role is the one whose name carries none.
 */
export async function findServiceLinkedRole(client: IAMClient, awsServiceName: string, customSuffix?: string): Promise<Role | undefined> {
    const path = serviceRolePath(awsServiceName);
    const roles: Role[] = [];
    try {
        for await (const page of paginateListRoles({ client }, { PathPrefix: path })) {
            roles.push(...(page.Roles ?? []).filter((role) => role.Path === path && role.RoleName));
        }
    } catch (err) {
        throw new IamOperationError("ListRoles", `under path ${path}`, err);
    }
    const candidates = customSuffix === undefined ? rolesWithoutSuffix(roles) : rolesWithSuffix(roles, customSuffix);
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
 * The suffix-less role is the one no other listed role extends: service-given names may contain
 * `_` (`AWSServiceRoleForApplicationAutoScaling_CustomResource`), so "no underscore" is no test.
 */
function rolesWithoutSuffix(roles: Role[]): Role[] {
    const names = roles.map((r) => r.RoleName!.toLowerCase());
    return roles.filter((role) => {
        const name = role.RoleName!.toLowerCase();
        return !names.some((other) => other !== name && name.startsWith(`${other}_`));
    });
}
