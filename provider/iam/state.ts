import type { Role } from "@aws-sdk/client-iam";
import { accountFromArn } from "./account";
import { claimsIn, tagsOf, withoutClaims } from "./claims";
import { RoleInputs, RoleOwnership, RoleState } from "./inputs";
import { withoutIgnoredTags } from "./tags";

/** Builds the recorded state from an IAM role and the inputs that produced it. */
export function stateFromRole(role: Role, inputs: RoleInputs, ownership: RoleOwnership, claimId?: string): RoleState {
    const tags = tagsOf(role);
    return {
        ...inputs,
        claimId,
        roleName: role.RoleName!,
        arn: role.Arn!,
        roleId: role.RoleId!,
        path: role.Path!,
        createDate: role.CreateDate instanceof Date ? role.CreateDate.toISOString() : String(role.CreateDate ?? ""),
        description: role.Description,
        tags: withoutIgnoredTags(withoutClaims(tags)),
        claims: Object.fromEntries(claimsIn(tags).map((claim) => [claim.key, claim.claimant])),
        trustPolicy: decodeTrustPolicy(role.AssumeRolePolicyDocument),
        ownership,
        accountId: accountFromArn(role.Arn),
    };
}

function decodeTrustPolicy(document: string | undefined): unknown {
    if (!document) return undefined;
    try {
        return JSON.parse(decodeURIComponent(document));
    } catch {
        return document;
    }
}
