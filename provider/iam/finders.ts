import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { GetRoleCommand, paginateListRoles } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { serviceRolePath } from "./inputs";

/** Reads a role by name; undefined when IAM says it does not exist. */
export async function findRoleByName(client: IAMClient, roleName: string): Promise<Role | undefined> {
    try {
        const { Role: role } = await client.send(new GetRoleCommand({ RoleName: roleName }));
        return role;
    } catch (err) {
        if (isNoSuchEntity(err)) return undefined;
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
    const candidates: Role[] = [];
    try {
        for await (const page of paginateListRoles({ client }, { PathPrefix: path })) {
            for (const role of page.Roles ?? []) {
                if (role.Path === path && role.RoleName && suffixMatches(role.RoleName, customSuffix)) candidates.push(role);
            }
        }
    } catch (err) {
        throw new IamOperationError("ListRoles", `under path ${path}`, err);
    }
    if (candidates.length > 1) {
        const names = candidates.map((r) => r.RoleName).join(", ");
        throw new Error(
            `Several service-linked roles of ${awsServiceName} match${customSuffix ? ` suffix "${customSuffix}"` : ""}: ${names}. ` +
                `Name the one to adopt with the existingRole input.`,
        );
    }
    return candidates[0];
}

function suffixMatches(roleName: string, customSuffix: string | undefined): boolean {
    const separator = roleName.lastIndexOf("_");
    if (customSuffix === undefined) return separator < 0;
    return separator >= 0 && roleName.slice(separator + 1).toLowerCase() === customSuffix.toLowerCase();
}
