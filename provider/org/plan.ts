import { createHash } from "node:crypto";
import type { OrgAccount } from "./discovery";

/** The rollout commands. */
export type RolloutOperation = "preview" | "up" | "status" | "destroy";

/** One shard of a split rollout: `index` of `count`, from 1. */
export interface Shard {
    index: number;
    count: number;
}

/** What one account gets in this run, and why. */
export interface AccountTask {
    accountId: string;
    accountName?: string;
    /** `selected`: the spec selects it; `leftSelection`: only its stack remains in the backend. */
    reason: "selected" | "leftSelection";
    /** What runs: an account that left the selection is destroyed by `up` and `destroy`. */
    action: "preview" | "up" | "status" | "destroy" | "previewDestroy";
    /** Whether the account's stack exists in the backend. */
    hasStack: boolean;
}

/** Parses `k/n` (1 <= k <= n). */
export function parseShard(text: string): Shard {
    const match = /^(\d+)\/(\d+)$/.exec(text.trim());
    const shard = match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
    if (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
        throw new Error(`--shard must be k/n with 1 <= k <= n, such as 2/4; got "${text}"`);
    }
    return shard;
}

/**
 * The shard (from 1) an account belongs to: a hash of its id alone, so the assignment does not
 * depend on which other accounts are selected or still have stacks, and every account (selected or
 * stale) is handled by exactly one shard of `count`.
 */
export function shardOf(accountId: string, count: number): number {
    return (createHash("sha256").update(accountId).digest().readUInt32BE(0) % count) + 1;
}

/**
 * Plans the run: each selected account gets the operation; each account that has a stack but is no
 * longer selected is destroyed by `up` and `destroy`, previewed as a destroy by `preview` and
 * reported by `status`. With a shard, only that shard's accounts. Sorted by account id.
 */
export function planTasks(operation: RolloutOperation, selected: readonly OrgAccount[], existingStacks: readonly string[], shard?: Shard): AccountTask[] {
    const inShard = (id: string) => !shard || shardOf(id, shard.count) === shard.index;
    const selectedIds = new Set(selected.map((a) => a.id));
    const stacks = new Set(existingStacks);
    const tasks: AccountTask[] = selected.map((a) => ({
        accountId: a.id,
        ...(a.name ? { accountName: a.name } : {}),
        reason: "selected",
        action: operation,
        hasStack: stacks.has(a.id),
    }));
    const staleAction = operation === "preview" ? "previewDestroy" : operation === "status" ? "status" : "destroy";
    for (const id of stacks) if (!selectedIds.has(id)) tasks.push({ accountId: id, reason: "leftSelection", action: staleAction, hasStack: true });
    return tasks.filter((t) => inShard(t.accountId)).sort((a, b) => a.accountId.localeCompare(b.accountId));
}

/** Runs `work` over `items` with at most `limit` at once, in order of start; results keep the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
