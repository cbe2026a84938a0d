import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { TagRoleCommand, UntagRoleCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import { claimExistingRole } from "./adoption";
import { claimKeyOf, claimTagValue } from "./claims";
import { IamOperationError, isNoSuchEntity } from "./client";
import { tagChanges } from "./diff";
import { RoleInputs, RoleState } from "./inputs";
import { stateFromRole } from "./state";

/**
 * Makes IAM's description, tags and this resource's claim match the inputs, calling IAM only for
 * what differs. On failure, the error carries the state reached so far (see withPartialState).
 */
export async function converge(client: IAMClient, state: RoleState, inputs: RoleInputs): Promise<RoleState> {
    let current = state;
    const roleName = state.roleName;
    const step = async (operation: string, send: () => Promise<unknown>, after: RoleState) => {
        try {
            await send();
        } catch (err) {
            throw Object.assign(convergeError(operation, roleName, err), { partialState: current, cause: err });
        }
        current = after;
    };
    if (inputs.description !== undefined && inputs.description !== current.description) {
        await step("UpdateRole", () => client.send(new UpdateRoleCommand({ RoleName: roleName, Description: inputs.description })), { ...current, description: inputs.description });
    }
    const { toSet, toRemove } = inputs.tags !== undefined ? tagChanges(current.tags ?? {}, inputs.tags) : { toSet: {}, toRemove: [] };
    const claimTag = missingClaim(current, inputs);
    // Untag first: if IAM folds key case, TagRole(team) then UntagRole(Team) would drop the tag.
    if (toRemove.length > 0) {
        await step("UntagRole", () => client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: toRemove })), { ...current, tags: omit(current.tags ?? {}, toRemove) });
    }
    const tagging = { ...toSet, ...claimTag };
    if (Object.keys(tagging).length === 0) return current;
    if (Object.keys(claimTag).length === 0) {
        const Tags = Object.entries(tagging).map(([Key, Value]) => ({ Key, Value }));
        await step("TagRole", () => client.send(new TagRoleCommand({ RoleName: roleName, Tags })), { ...current, tags: { ...current.tags, ...toSet } });
        return current;
    }
    // A new claim on a role others may be deleting: the adopter's write-then-read (adoption.ts).
    let role: Role | undefined;
    await step("TagRole", async () => {
        role = await claimExistingRole(client, roleName, tagging, current.claimId!);
        if (!role) throw Object.assign(new Error(`role ${roleName} was deleted by another stack's destroy`), { name: "NoSuchEntity", Code: "NoSuchEntity" });
    }, current);
    return stateFromRole(role!, inputs, current.ownership, current.claimId);
}

/** This resource's claim tag, when the role does not carry it yet. */
function missingClaim(state: RoleState, inputs: RoleInputs): Record<string, string> {
    if (inputs.claimant === undefined || state.claimId === undefined) return {};
    const key = claimKeyOf(state.claimId);
    const value = claimTagValue(inputs.claimant);
    return state.claims?.[key] === value && Object.prototype.hasOwnProperty.call(state.claims, key) ? {} : { [key]: value };
}

/** An error for a failed converge step that says what to do next. */
function convergeError(operation: string, roleName: string, err: unknown): Error {
    if (isNoSuchEntity(err)) {
        return new Error(
            `${operation} failed for role ${roleName}: the role no longer exists in IAM (deleted outside Pulumi?). ` +
                `Run \`pulumi refresh\` to drop it from the stack; the next \`pulumi up\` creates it again.`,
        );
    }
    return new IamOperationError(operation, roleName, err);
}

function omit(map: Record<string, string>, keys: string[]): Record<string, string> {
    return Object.fromEntries(Object.entries(map).filter(([key]) => !keys.includes(key)));
}
