import type { GetCallerIdentityCommand as GetCallerIdentity } from "@aws-sdk/client-sts";
import { awsErrorCode } from "./client";
import { Connection, stackSettings } from "./connection";

// Which account a connection acts in, and the refusals that keep a role out of the wrong account.
// Every check here runs before the operation's first IAM call.

const accounts = new Map<Connection, Promise<string>>();

/**
 * The account the connection's credentials resolve to, from STS GetCallerIdentity: once per
 * connection and process. Undefined when `aws:skipRequestingAccountId` is set.
 */
export async function callerAccount(connection: Connection): Promise<string | undefined> {
    if (stackSettings().skipRequestingAccountId) return undefined;
    let account = accounts.get(connection);
    if (!account) {
        account = resolveAccount(connection);
        accounts.set(connection, account);
        // A failed lookup (network, expired keys) must not stick for the life of the process.
        account.catch(() => accounts.delete(connection));
    }
    return account;
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

/** The account id in an ARN (`arn:aws:iam::123456789012:role/...`), or undefined. */
export function accountFromArn(arn: unknown): string | undefined {
    return typeof arn === "string" ? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1] : undefined;
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

/** What an operation expects of the account, and how to name the role in errors. */
export interface AccountExpectation {
    /** The role's name (or, before create, a description of it). */
    role: string;
    /** The account recorded in state for the role. */
    recorded?: string;
    /** The `expectedAccountId` input. */
    expected?: string;
}

/**
 * Resolves the connection's account and refuses to go on when it is disallowed, differs from the
 * account the role is recorded in, or differs from `expectedAccountId`. Returns the account.
 */
export async function verifyAccount(connection: Connection, expectation: AccountExpectation): Promise<string | undefined> {
    const account = await callerAccount(connection);
    if (account === undefined) return undefined;
    refuseDisallowedAccount(account);
    if (expectation.recorded && expectation.recorded !== account) {
        throw new AccountMismatchError(
            `Role ${expectation.role} is recorded in AWS account ${expectation.recorded}, but the credentials now resolve to account ${account}. ` +
                `Nothing was changed. Point the credentials back at account ${expectation.recorded} (stack config aws:*, or the connection input), ` +
                `or move the role on purpose by changing its connection input, which replaces it.`,
        );
    }
    if (expectation.expected && expectation.expected !== account) {
        throw new AccountMismatchError(
            `Role ${expectation.role} must be in AWS account ${expectation.expected} (expectedAccountId), but the credentials resolve to account ${account}. ` +
                `Nothing was changed. Give the role a connection input that reaches account ${expectation.expected}.`,
        );
    }
    return account;
}

/** The credentials act in an account this role must not be touched in. */
export class AccountMismatchError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "AccountMismatchError";
    }
}
