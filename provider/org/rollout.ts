import { AccountRunContext, runAccountTask } from "./accountRun";
import { discoverAccounts, organizationsClient } from "./discovery";
import { existingAccountStacks, openEngine, RolloutEngineOptions } from "./engine";
import { AccountTask, mapBounded, planTasks, RolloutOperation, Shard } from "./plan";
import { AccountResult, isConverged, RolloutReport } from "./results";
import { ResolvedSpec, RolloutSpec } from "./spec";
import { withBackendFrom } from "./specFile";
import { isValidated, validateSpec } from "./specValidation";

/** Options of {@link runRollout}. */
export interface RolloutOptions extends RolloutEngineOptions {
    /** Accounts worked on at once (each is one engine run). @default 4 */
    parallel?: number;
    /** Only this shard of the accounts, for a CI matrix over one shared backend. @default every account */
    shard?: Shard;
    /** Remove the stacks of unreachable accounts that left the selection (or are destroyed) from the backend. @default false */
    forgetUnreachable?: boolean;
    /** Called once the accounts are planned, with every task of the run. */
    onPlan?: (tasks: readonly AccountTask[]) => void;
    /** Called when an account starts and when it finishes, for progress output. */
    onAccountStart?: (task: AccountTask) => void;
    onAccountDone?: (result: AccountResult) => void;
    /** Aborts the engine operations in flight. */
    signal?: AbortSignal;
}

/** Default of {@link RolloutOptions.parallel}. */
export const DEFAULT_PARALLEL = 4;

/**
 * Runs `preview`, `up`, `status` or `destroy` over the accounts a spec selects, one stack
 * `<project>/<account-id>` per account. The spec is validated before anything runs; accounts are
 * discovered with the caller's credentials through AWS Organizations; each account's failure is
 * its own. Resolves to the report; it throws only when the run cannot start (bad spec,
 * Organizations or the backend unreachable).
 *
 * @example
 * ```ts
 * import { runRollout } from "pulumi-service-linked-role/org";
 * const report = await runRollout({ roles: [{ awsServiceName: "connect.amazonaws.com" }], accounts: { organization: true } }, "up", { parallel: 8 });
 * if (!report.converged) process.exitCode = 1;
 * ```
 */
export async function runRollout(spec: RolloutSpec | ResolvedSpec, operation: RolloutOperation, options: RolloutOptions = {}): Promise<RolloutReport> {
    const started = Date.now();
    const resolved = withBackendFrom(isValidated(spec) ? spec : validateSpec(spec), process.cwd()) as ResolvedSpec & { backendUrl: string };
    const parallel = options.parallel ?? DEFAULT_PARALLEL;
    if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`parallel must be a whole number of at least 1; got ${parallel}`);
    const orgs = await organizationsClient(resolved.region);
    const engine = await openEngine(options);
    try {
        const [discovery, stacks] = await Promise.all([
            discoverAccounts(orgs, resolved),
            existingAccountStacks(engine, resolved.project, resolved.backendUrl),
        ]);
        const tasks = planTasks(operation, discovery.selected, stacks, options.shard);
        options.onPlan?.(tasks);
        const context: AccountRunContext = { spec: resolved, discovery, engine, forgetUnreachable: options.forgetUnreachable ?? false, signal: options.signal };
        const accounts = await mapBounded(tasks, parallel, async (task) => {
            options.onAccountStart?.(task);
            const result = await runAccountTask(context, task);
            options.onAccountDone?.(result);
            return result;
        });
        return {
            operation,
            project: resolved.project,
            backendUrl: resolved.backendUrl,
            managementAccountId: discovery.managementAccountId,
            ...(options.shard ? { shard: options.shard } : {}),
            parallel,
            skipped: discovery.skipped,
            accounts,
            converged: accounts.every(isConverged),
            durationMs: Date.now() - started,
        };
    } finally {
        orgs.destroy();
        engine.close();
    }
}
