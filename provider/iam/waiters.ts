import type { IAMClient, Role, RoleUsageType } from "@aws-sdk/client-iam";
import { GetServiceLinkedRoleDeletionStatusCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { findRoleByName } from "./finders";

/** Delays between polls: quick at first because most waits are short, then capped. */
export function* backoff(firstMs: number, capMs: number): Generator<number> {
    let delay = firstMs;
    for (;;) {
        yield delay;
        delay = Math.min(delay * 2, capMs);
    }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a freshly created role may stay invisible to GetRole (IAM is eventually consistent). */
export const ROLE_PROPAGATION_TIMEOUT_MS = 30_000;

/**
 * Reads a role, retrying "not found" until the bound: right after CreateServiceLinkedRole, or
 * inside the propagation window, NoSuchEntity means "not visible yet", not "gone".
 * Resolves undefined when the role is still not visible at the deadline.
 */
export async function waitForRoleVisible(client: IAMClient, roleName: string, timeoutMs = ROLE_PROPAGATION_TIMEOUT_MS): Promise<Role | undefined> {
    const deadline = Date.now() + timeoutMs;
    const delays = backoff(200, 2_000);
    for (;;) {
        const role = await findRoleByName(client, roleName);
        if (role) return role;
        const delay = delays.next().value as number;
        if (Date.now() + delay > deadline) return undefined;
        await sleep(delay);
    }
}

/** Raised when IAM refuses a deletion because the service still uses the role. */
export class RoleInUseError extends Error {
    constructor(roleName: string, reason: string | undefined, usage: RoleUsageType[]) {
        const places = usage.map((u) => `${u.Region ?? "unknown region"}: ${(u.Resources ?? []).join(", ") || "(no resources listed)"}`);
        super(
            `DeleteServiceLinkedRole failed for role ${roleName}: ${reason ?? "the deletion task FAILED"}. ` +
                (places.length ? `The role is still used by ${places.join("; ")}. ` : "") +
                `Remove those resources (or set deletionPolicy: "neverDelete" to only forget the role), then run destroy again.`,
        );
        this.name = "RoleInUseError";
    }
}

/**
 * The deletion task is polled at once, then at a steady pace counted from the start of the wait:
 * a task of any length is noticed within one interval of finishing (under 1 s with a fast IAM
 * round trip), and needs at most two polls more than one per second of its duration.
 */
export const DELETION_POLL_INTERVAL_MS = 900;

/**
 * Polls IAM's asynchronous deletion task until it succeeds, fails, or the bound passes.
 * When the task record is gone (NoSuchEntity), success is only reported once GetRole confirms the
 * role itself is gone; a role still visible is propagation lag and polling continues.
 */
export async function waitForDeletion(client: IAMClient, roleName: string, deletionTaskId: string, timeoutMs: number): Promise<void> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let polls = 0;
    let taskRecordGone = false;
    let lastStatus = "NOT_STARTED";
    for (;;) {
        if (taskRecordGone) {
            if (!(await findRoleByName(client, roleName))) return;
        } else {
            try {
                const out = await client.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deletionTaskId }));
                lastStatus = out.Status ?? lastStatus;
                if (out.Status === "SUCCEEDED") return;
                if (out.Status === "FAILED") throw new RoleInUseError(roleName, out.Reason?.Reason, out.Reason?.RoleUsageList ?? []);
            } catch (err) {
                if (!isNoSuchEntity(err)) throw err instanceof RoleInUseError ? err : new IamOperationError("GetServiceLinkedRoleDeletionStatus", roleName, err);
                taskRecordGone = true;
                continue;
            }
        }
        const nextPollAt = started + ++polls * DELETION_POLL_INTERVAL_MS;
        if (nextPollAt > deadline) {
            throw new Error(
                `DeleteServiceLinkedRole for role ${roleName} did not finish within ${Math.round(timeoutMs / 1000)} s ` +
                    `(deletion task ${deletionTaskId}, last status ${taskRecordGone ? "task record gone, role still visible" : lastStatus}). ` +
                    `The role stays in the stack; run destroy again later, or raise deletionTimeoutSeconds.`,
            );
        }
        await sleep(Math.max(0, nextPollAt - Date.now()));
    }
}
