import type { AccountTask, RolloutOperation, Shard } from "./plan";

/** One role in one account, as `status` (and `up`) report it. */
export interface RoleReport {
    /** The role's resource name in the stack (`<awsServiceName>[_<suffix>]`). */
    role: string;
    roleName?: string;
    /** `present` in IAM, `missing` (recorded but gone from IAM), or `notDeployed` (no state for it). */
    state: "present" | "missing" | "notDeployed";
    /** Whether this rollout created the role or adopted one that already existed. */
    ownership?: "created" | "adopted";
    /** The claimants on the role (stacks and resources that manage it), this rollout's included. */
    claims?: string[];
    /** What differs from the spec: `description`, `tags`, `missing`. Empty when converged. */
    drift: string[];
}

/** How an account came out of the run. */
export type AccountOutcome =
    /** Done (`up`, `destroy`), or nothing pending (`preview`, `status`). */
    | "ok"
    /** `status`: the account differs from the spec (role missing, description or tag drift, not deployed). */
    | "drift"
    /** The operation failed; the error says why. The stack keeps what AWS holds. */
    | "failed"
    /** The account could not be reached (assume-role refused, ...): nothing ran, its stack is kept. */
    | "unreachable"
    /** Unreachable and forgotten on request: its stack was removed from the backend without touching AWS. */
    | "forgotten";

/** The result of one account. */
export interface AccountResult extends AccountTask {
    outcome: AccountOutcome;
    /** Engine step counts (`create`, `update`, `delete`, `same`, ...); for `preview`, what would change. */
    changes?: Record<string, number>;
    /** Whether anything changed (or, for `preview`, would change). */
    changed?: boolean;
    roles?: RoleReport[];
    error?: string;
    durationMs: number;
}

/** A whole run: every account's result and what the run covered. */
export interface RolloutReport {
    operation: RolloutOperation;
    project: string;
    backendUrl: string;
    managementAccountId: string;
    shard?: Shard;
    parallel: number;
    /** Selected ids that are not ACTIVE accounts of the organization, and why. */
    skipped: Array<{ id: string; reason: string }>;
    accounts: AccountResult[];
    /** True when every account ended `ok` (or `forgotten`): the exit code is 0 exactly then. */
    converged: boolean;
    durationMs: number;
}

/** Whether an account's result counts as converged. */
export function isConverged(result: Pick<AccountResult, "outcome">): boolean {
    return result.outcome === "ok" || result.outcome === "forgotten";
}

/** Whether engine step counts hold any change (anything but `same`). */
export function hasChanges(changes: Record<string, number> | undefined): boolean {
    return Object.entries(changes ?? {}).some(([op, n]) => op !== "same" && n > 0);
}
