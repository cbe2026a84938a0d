import type { IAMClient, Role, RoleUsageType } from "@aws-sdk/client-iam";
import { GetServiceLinkedRoleDeletionStatusCommand } from "@aws-sdk/client-iam";
import { IamOperationError, isNoSuchEntity } from "./client";
import { findRoleByName, findServiceLinkedRole } from "./finders";

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
    return pollUntilFound(() => findRoleByName(client, roleName), timeoutMs);
}

/**
 * After CreateServiceLinkedRole answered "already exists", ListRoles may not show the role yet
 * (IAM is eventually consistent, and the role may be the one our own lost request just created).
 * Lists again until the role appears or the bound passes; undefined if it never does.
 */
export async function waitForListedRole(
    client: IAMClient,
    awsServiceName: string,
    customSuffix: string | undefined,
    accountWideName?: string,
    timeoutMs = ROLE_PROPAGATION_TIMEOUT_MS,
): Promise<Role | undefined> {
    return pollUntilFound(() => findServiceLinkedRole(client, awsServiceName, customSuffix, accountWideName), timeoutMs);
}

/** Calls `find` with backoff until it returns a value or the bound passes (then undefined). */
export async function pollUntilFound<T>(find: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    const delays = backoff(200, 2_000);
    for (;;) {
        const found = await find();
        if (found) return found;
        const delay = delays.next().value as number;
        if (Date.now() + delay > deadline) return undefined;
        await sleep(delay);
    }
}

/**
 * The bound on a whole delete (`deletionTimeoutSeconds`), round trips included: every IAM call
 * made under it carries an abort signal that fires at the deadline, so no call outlives it.
 */
export class Deadline {
    readonly at: number;
    constructor(
        readonly timeoutMs: number,
        private readonly roleName: string,
    ) {
        this.at = Date.now() + timeoutMs;
    }

    /** Options for `client.send`: aborts the call at the deadline. Throws once it has passed. */
    sendOptions(doing: string): { abortSignal: AbortSignal } {
        const remaining = this.at - Date.now();
        if (remaining <= 0) throw this.expired(doing);
        return { abortSignal: AbortSignal.timeout(remaining) };
    }

    /** The error for a bound that passed while `doing`. */
    expired(doing: string): Error {
        return new DeletionTimeoutError(this.roleName, this.timeoutMs, doing);
    }

    /**
     * Runs `work` under the deadline: it gets an abort signal that fires at the deadline, and is
     * raced against it too, so neither a call the SDK keeps retrying nor a step that ignores the
     * signal (credential resolution, an account check) can outlive the bound.
     */
    async run<T>(doing: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
        const remaining = this.at - Date.now();
        if (remaining <= 0) throw this.expired(doing);
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const expiry = new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
                controller.abort();
                reject(this.expired(doing));
            }, remaining);
        });
        const running = work(controller.signal);
        running.catch(() => undefined);
        try {
            return await Promise.race([running, expiry]);
        } catch (err) {
            throw controller.signal.aborted || isAborted(err) || isAborted((err as { cause?: unknown })?.cause) ? this.expired(doing) : err;
        } finally {
            clearTimeout(timer);
        }
    }
}

/** What the delete path may use of an IAM client: `send`, and nothing that could skip the bound. */
export type BoundedIam = Pick<IAMClient, "send">;

/**
 * The one way the delete path reaches IAM: every `send` runs under the deadline (see
 * {@link Deadline.run}). Delete-path code is handed only this, never the raw client, so a new call
 * cannot forget the bound.
 */
export function boundedIam(client: IAMClient, deadline: Deadline): BoundedIam {
    const send = (command: { constructor: { name: string } }) =>
        deadline.run(`calling ${command.constructor.name.replace(/Command$/, "")}`, (abortSignal) =>
            (client.send as (c: unknown, o: unknown) => Promise<unknown>)(command, { abortSignal }),
        );
    return { send } as unknown as BoundedIam;
}

/** Raised when a delete did not finish within deletionTimeoutSeconds. */
export class DeletionTimeoutError extends Error {
    constructor(roleName: string, timeoutMs: number, doing: string) {
        super(
            `Deleting role ${roleName} did not finish within deletionTimeoutSeconds (${Math.round(timeoutMs / 1000)} s) ` +
                `while ${doing}. The role stays in the stack: run destroy again, or raise deletionTimeoutSeconds ` +
                `(and run \`pulumi up\` so the new value is recorded) if IAM is slow.`,
        );
        this.name = "DeletionTimeoutError";
    }
}

/** True for the error the SDK raises when a call's abort signal fires. */
export function isAborted(err: unknown): boolean {
    const name = (err as { name?: unknown })?.name;
    return name === "AbortError" || name === "TimeoutError";
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
 * Polls IAM's asynchronous deletion task until it succeeds, fails, or the deadline passes.
 * When the task record is gone (NoSuchEntity), success is only reported once GetRole confirms the
 * role itself is gone; a role still visible is propagation lag and polling continues.
 */
export async function waitForDeletion(client: BoundedIam, roleName: string, deletionTaskId: string, deadline: Deadline): Promise<void> {
    const started = Date.now();
    let polls = 0;
    let taskRecordGone = false;
    let lastStatus = "NOT_STARTED";
    for (;;) {
        const doing = `waiting for deletion task ${deletionTaskId} (last status ${taskRecordGone ? "task record gone, role still visible" : lastStatus})`;
        try {
            if (taskRecordGone) {
                if (!(await findRoleByName(client, roleName, deadline.sendOptions(doing)))) return;
            } else {
                const status = await deletionStatus(client, roleName, deletionTaskId, deadline.sendOptions(doing));
                if (status === "SUCCEEDED") return;
                if (status === "GONE") {
                    taskRecordGone = true;
                    continue;
                }
                lastStatus = status;
            }
        } catch (err) {
            throw isAborted(err) || isAborted((err as { cause?: unknown }).cause) ? deadline.expired(doing) : err;
        }
        const nextPollAt = started + ++polls * DELETION_POLL_INTERVAL_MS;
        if (nextPollAt > deadline.at) throw deadline.expired(doing);
        await sleep(Math.max(0, nextPollAt - Date.now()));
    }
}

/** One status poll: the task's status, `GONE` when its record was purged; throws on FAILED. */
async function deletionStatus(client: BoundedIam, roleName: string, deletionTaskId: string, options: { abortSignal: AbortSignal }): Promise<string> {
    try {
        const out = await client.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: deletionTaskId }), options);
        if (out.Status === "FAILED") throw new RoleInUseError(roleName, out.Reason?.Reason, out.Reason?.RoleUsageList ?? []);
        return out.Status ?? "NOT_STARTED";
    } catch (err) {
        if (err instanceof RoleInUseError || isAborted(err) || err instanceof DeletionTimeoutError) throw err;
        if (isNoSuchEntity(err)) return "GONE";
        throw new IamOperationError("GetServiceLinkedRoleDeletionStatus", roleName, err);
    }
}
