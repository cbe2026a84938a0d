import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { TagRoleCommand, UntagRoleCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { serverNow } from "./clock";
import { MAX_MARK_WAIT_MS, markOn } from "./deletionMark";
import { findRoleByName } from "./finders";
import { warn } from "./warn";
import { backoff, pollUntilFound, ROLE_PROPAGATION_TIMEOUT_MS } from "./waiters";

// Writing a claim: on a role CreateServiceLinkedRole just returned, one TagRole (retried until IAM
// can read the role); on a role that already existed, the adopter's half of the deletion-mark
// protocol (deletionMark.ts): write the claim, then read the role, and wait out another stack's
// fresh deletion mark.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One TagRole, retried while IAM answers NoSuchEntity: right after CreateServiceLinkedRole the
 * role is not readable everywhere yet (IAM is eventually consistent), so this retry is also the
 * readability wait, within {@link ROLE_PROPAGATION_TIMEOUT_MS}. False when the role never became
 * taggable within the bound.
 */
export async function tagUntilReadable(client: IAMClient, roleName: string, tags: Record<string, string>): Promise<boolean> {
    const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    if (Tags.length === 0) return true;
    const tagged = await pollUntilFound(async () => {
        try {
            await client.send(new TagRoleCommand({ RoleName: roleName, Tags }));
            return true;
        } catch (err) {
            if (isNoSuchEntity(err)) return undefined;
            throw new IamOperationError("TagRole", roleName, err);
        }
    }, ROLE_PROPAGATION_TIMEOUT_MS);
    return tagged === true;
}

/**
 * Claims a role that already existed: writes `tags` (this resource's claim, and the declared tags),
 * then reads the role back. When the read shows another stack's deletion mark that has not expired,
 * waits until the mark goes (the deleter saw the claim and kept the role) or the role goes (the
 * deletion won; the caller creates the role anew, and gets undefined). A stale mark is removed.
 */
export async function claimExistingRole(client: IAMClient, roleName: string, tags: Record<string, string>, claimId: string): Promise<Role | undefined> {
    if (!(await tagUntilReadable(client, roleName, tags))) {
        throw new Error(`role ${roleName} was listed by IAM but could not be tagged within ${ROLE_PROPAGATION_TIMEOUT_MS / 1000} s (NoSuchEntity); run \`pulumi up\` again`);
    }
    const delays = backoff(250, 2_000);
    let waitedOn: string | undefined;
    const startedAt = Date.now();
    for (;;) {
        const role = await findRoleByName(client, roleName);
        if (!role) return undefined;
        const found = markOn(role);
        if (!found || found.mark?.by === claimId) return role;
        const now = serverNow(client);
        const until = found.mark ? Math.min(found.mark.until, found.mark.at + MAX_MARK_WAIT_MS) : now + MAX_MARK_WAIT_MS;
        if (now >= until || Date.now() - startedAt >= MAX_MARK_WAIT_MS) {
            warn(`role ${roleName} carried a stale deletion mark (${found.value}): that destroy did not finish within its bound. The mark was removed and the role adopted.`);
            await removeTag(client, roleName, found.key);
            return role;
        }
        if (waitedOn !== found.value) {
            waitedOn = found.value;
            warn(`role ${roleName} is being deleted by another stack (${found.value}); waiting for that delete to finish before adopting or creating the role.`);
        }
        await sleep(Math.min(delays.next().value as number, Math.max(0, until - now)));
    }
}

async function removeTag(client: IAMClient, roleName: string, key: string): Promise<void> {
    try {
        await client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: [key] }));
    } catch (err) {
        if (!isNoSuchEntity(err)) throw new IamOperationError("UntagRole (stale deletion mark)", roleName, err);
    }
}
