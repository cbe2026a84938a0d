import type { GetCallerIdentityCommand as GetCallerIdentity } from "@aws-sdk/client-sts";
import { awsErrorCode } from "./client";
import { Connection, stackSettings } from "./connection";

// Which account a connection acts in: STS GetCallerIdentity, asked once per connection and process.
// The checks that use it live in gate.ts.

const accounts = new Map<Connection, Promise<string>>();

/**
 * The account the connection's credentials resolve to, from STS GetCallerIdentity: once per
 * connection and process (callers waiting together share one call). Undefined when
 * `aws:skipRequestingAccountId` is set. An abort signal stops this caller's wait, not the shared call.
 */
export async function callerAccount(connection: Connection, options: { abortSignal?: AbortSignal } = {}): Promise<string | undefined> {
    if (stackSettings().skipRequestingAccountId) return undefined;
    let account = accounts.get(connection);
    if (!account) {
        account = resolveAccount(connection);
        accounts.set(connection, account);
        // A failed lookup (network, expired keys) must not stick for the life of the process.
        account.catch(() => accounts.delete(connection));
    }
    return options.abortSignal ? untilAborted(account, options.abortSignal) : account;
}

/** Rejects with the signal's AbortError when it fires first (the name the SDK uses, so callers treat both alike). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    const abortError = () => Object.assign(new Error("The account lookup was aborted (deadline reached)"), { name: "AbortError" });
    if (signal.aborted) return Promise.reject(abortError());
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(abortError());
        signal.addEventListener("abort", onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
}

async function resolveAccount(connection: Connection): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GetCallerIdentityCommand } = require("@aws-sdk/client-sts") as { GetCallerIdentityCommand: typeof GetCallerIdentity };
    try {
        const { Account } = await connection.sts.send(new GetCallerIdentityCommand({}));
        if (!Account) throw new Error("the answer carried no account id");
        return Account;
    } catch (err) {
        const code = awsErrorCode(err);
        const detail = err instanceof Error ? err.message : String(err);
        throw new Error(
            `Could not tell which AWS account the credentials belong to: resolving them (assumed roles included) or STS GetCallerIdentity failed${code ? ` (${code})` : ""}: ${detail}. ` +
                `Check the credentials and the assumed roles (stack config aws:*, or the connection input ${connection.key}).`,
        );
    }
}
