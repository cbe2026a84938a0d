import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { TestStack } from "../tests/harness/engine";
import type { FaultProxy } from "../tests/harness/faultProxy";
import type { CallCounts } from "./types";

/** Median; the mean of the two middle values for an even count. NaN for no values. */
export function median(values: readonly number[]): number {
    if (values.length === 0) return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds on the monotonic clock. */
export const now = () => performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` and returns its value with its wall time. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = now();
    const value = await fn();
    return { value, ms: now() - started };
}

/** The proxy's per-action counts reduced to requests received, sorted by action. */
export function receivedCounts(proxy: FaultProxy): CallCounts {
    return Object.fromEntries(
        Object.entries(proxy.counts())
            .map(([action, count]) => [action, count.received] as const)
            .sort(([a], [b]) => a.localeCompare(b)),
    );
}

export const STATUS_ACTION = "GetServiceLinkedRoleDeletionStatus";
/** The account check: once per provider process and connection. */
export const STS_ACTION = "GetCallerIdentity";

/** Requests other than deletion-status polls and the account check. */
export function nonPollCalls(counts: CallCounts): number {
    return Object.entries(counts).reduce((sum, [action, n]) => (action === STATUS_ACTION || action === STS_ACTION ? sum : sum + n), 0);
}

/** `CreateServiceLinkedRole ×1, GetRole ×1`, or `none`. */
export function formatCounts(counts: CallCounts): string {
    const entries = Object.entries(counts).filter(([, n]) => n > 0);
    return entries.length ? entries.map(([action, n]) => `${action} ×${n}`).join(", ") : "none";
}

/** Progress on stderr, so stdout stays free for whoever runs the bench. */
export function log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
}

/** The polls a poller that must notice completion within 1 s needs for a task of `taskMs`. */
export function neededPolls(taskMs: number): number {
    return Math.max(1, Math.ceil(taskMs / 1000));
}

/**
 * Drops a bench stack by removing its temp folder (backend, PULUMI_HOME and work dir live there).
 * Cheaper than `dispose()`, which runs two more CLI commands: whatever the stack still holds exists
 * only in the bench's own moto, which is stopped at the end of the run.
 */
export function discard(stack: TestStack): void {
    fs.rmSync(path.dirname(stack.workDir), { recursive: true, force: true });
}
