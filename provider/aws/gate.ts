import { AsyncLocalStorage } from "node:async_hooks";
import { callerAccount } from "./account";
import type { Connection } from "./connection";
import { stackSettings } from "./connection";

// The account gate: one mechanism that every AWS client of this package goes through. Clients are
// built only by `gatedClient` (connection.ts calls it for IAM and Connect), which installs a
// middleware at the SDK's `initialize` step, before serialization and signing, so a request that
// fails the check never leaves the process. The check resolves the connection's account once per
// process (account.ts) and compares it with what the running operation expects: the account
// recorded in state and `expectedAccountId`, declared with `withAccountScope`, and the stack-wide
// `aws:allowedAccountIds` / `aws:forbiddenAccountIds`, which hold for every call.

/** What an operation expects of the account. */
export interface AccountScope {
    /** Names what is being acted on in errors, e.g. `Role AWSServiceRoleForAmazonConnect`. */
    subject: string;
    /** The account recorded in state (the resource lives there). */
    recorded?: string;
    /** The `expectedAccountId` input (or the CLI's `--expected-account`). */
    expected?: string;
    /** Bounds the account lookup of every call in the scope (e.g. the deletion deadline). */
    abortSignal?: AbortSignal;
}

const scopes = new AsyncLocalStorage<AccountScope>();
const callSignals = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Runs `work` with `scope` as the expectation of every AWS call made inside it (awaited calls
 * included: the scope follows the async context).
 */
export function withAccountScope<T>(scope: AccountScope, work: () => Promise<T>): Promise<T> {
    return scopes.run(scope, work);
}

/**
 * Resolves the connection's account and refuses when it is disallowed by stack config, differs
 * from the recorded account, or differs from the expected one. Returns the account (undefined
 * when `aws:skipRequestingAccountId` turns the lookup off). Honours `abortSignal`.
 */
export async function verify(connection: Connection, scope: AccountScope, options: { abortSignal?: AbortSignal } = {}): Promise<string | undefined> {
    const account = await callerAccount(connection, { abortSignal: options.abortSignal ?? scope.abortSignal });
    if (account === undefined) return undefined;
    refuseDisallowedAccount(account);
    if (scope.recorded && scope.recorded !== account) {
        throw new AccountMismatchError(
            `${scope.subject} is recorded in AWS account ${scope.recorded}, but the credentials now resolve to account ${account}. ` +
                `Nothing was changed. Point the credentials back at account ${scope.recorded} (stack config aws:*, or the connection input), ` +
                `or move it on purpose by changing its connection input, which replaces it.`,
        );
    }
    if (scope.expected && scope.expected !== account) {
        throw new AccountMismatchError(
            `${scope.subject} must be in AWS account ${scope.expected} (expectedAccountId), but the credentials resolve to account ${account}. ` +
                `Nothing was changed. Give it a connection input that reaches account ${scope.expected}.`,
        );
    }
    return account;
}

/** Refuses an account that `aws:allowedAccountIds` leaves out or `aws:forbiddenAccountIds` names. */
export function refuseDisallowedAccount(account: string): void {
    const { allowedAccountIds, forbiddenAccountIds } = stackSettings();
    if (allowedAccountIds && !allowedAccountIds.includes(account)) {
        throw new AccountMismatchError(
            `The credentials resolve to AWS account ${account}, which aws:allowedAccountIds (${allowedAccountIds.join(", ")}) does not allow. Nothing was changed.`,
        );
    }
    if (forbiddenAccountIds?.includes(account)) {
        throw new AccountMismatchError(`The credentials resolve to AWS account ${account}, which aws:forbiddenAccountIds forbids. Nothing was changed.`);
    }
}

/** Whether anything (state, an input, stack config) says which account is right. */
function hasExpectation(scope: AccountScope): boolean {
    const { allowedAccountIds, forbiddenAccountIds } = stackSettings();
    return scope.recorded !== undefined || scope.expected !== undefined || allowedAccountIds !== undefined || forbiddenAccountIds !== undefined;
}

/** The structural part of an SDK v3 client that the gate needs. */
interface SdkClient {
    middlewareStack: { add(middleware: unknown, options: { step: "initialize"; name: string; priority: "high" }): void };
    send(...args: unknown[]): Promise<unknown>;
}

/**
 * Installs the gate on a client of `connection`. The middleware checks the account before each
 * command; `send` is wrapped only to hand the call's own abort signal to the middleware (the SDK
 * passes it to the HTTP handler, not to middleware), so a deadline bounds the lookup as well.
 */
export function gatedClient<C>(client: C, connection: Connection): C {
    const sdk = client as unknown as SdkClient;
    sdk.middlewareStack.add(
        (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
            const scope = scopes.getStore() ?? { subject: "This operation" };
            // With nothing to compare the account against, any account is right: no STS call is spent.
            if (hasExpectation(scope)) await verify(connection, scope, { abortSignal: callSignals.getStore() });
            return next(args);
        },
        { step: "initialize", name: "accountGate", priority: "high" },
    );
    const send = sdk.send.bind(sdk);
    sdk.send = (...args: unknown[]) => {
        const options = args[1];
        const signal = options && typeof options === "object" ? (options as { abortSignal?: AbortSignal }).abortSignal : undefined;
        return callSignals.run(signal, () => send(...args));
    };
    return client;
}

/** What the role provider expected before this module existed; kept for its callers and tests. */
export interface AccountExpectation {
    /** The role's name (or, before create, a description of it). */
    role: string;
    recorded?: string;
    expected?: string;
}

/** {@link verify} for a role, naming it as the role provider always has. */
export function verifyAccount(connection: Connection, expectation: AccountExpectation, options: { abortSignal?: AbortSignal } = {}): Promise<string | undefined> {
    return verify(connection, { subject: `Role ${expectation.role}`, recorded: expectation.recorded, expected: expectation.expected }, options);
}

/** The credentials act in an account this resource must not be touched in. */
export class AccountMismatchError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AccountMismatchError";
    }
}
