import type { FaultProxy } from "../tests/harness/faultProxy";
import { useAwsEndpoint } from "../tests/harness/moto";
import { configureConnection, create, remove } from "../provider/iam/lifecycle";
import type { RoleState } from "../provider/iam/inputs";
import { BENCH_SERVICE } from "./program";
import type { DeleteLatencyResult, DeleteTrial } from "./types";
import { log, median, neededPolls, sleep, STATUS_ACTION } from "./util";

export interface DeleteLatencyOptions {
    /** Task durations to hold IAM's deletion task IN_PROGRESS for, from DeleteServiceLinkedRole. */
    taskMs: number[];
    /** Trials that flip the task right after the n-th status poll is answered, the worst phase. */
    afterPolls: number[];
}

/**
 * Delete latency at the provider-lifecycle level: `remove()` from provider/iam/lifecycle.ts, called
 * in this process against the proxy, while the proxy keeps the deletion task IN_PROGRESS; then the
 * task succeeds (`completeDeletions()`), and the time until `remove()` resolves is the latency.
 */
export async function measureDeleteLatency(proxy: FaultProxy, options: DeleteLatencyOptions): Promise<DeleteLatencyResult> {
    const restoreEnv = useAwsEndpoint(proxy.endpoint);
    configureConnection({});
    const trials: DeleteTrial[] = [];
    let serial = 0;
    const createRole = async () => {
        proxy.reset();
        const { id, outs } = await create({ awsServiceName: BENCH_SERVICE, customSuffix: `lat-${serial++}` });
        return { id, outs };
    };
    const trial = async (label: string, release: (deleteAt: number) => Promise<void>) => {
        const role = await createRole();
        proxy.reset();
        proxy.setRules([{ action: STATUS_ACTION, fault: { kind: "deletionInProgress" } }]);
        const resolved = remove(role.id, role.outs as RoleState).then(() => Date.now());
        await proxy.waitForCalls("DeleteServiceLinkedRole", 1, 30_000);
        const deleteAt = proxy.requestLog().find((e) => e.action === "DeleteServiceLinkedRole")!.at;
        await release(deleteAt);
        const flippedAt = await proxy.completeDeletions();
        const resolvedAt = await resolved;
        const pollTimes = proxy.requestLog().filter((e) => e.action === STATUS_ACTION).map((e) => e.at - deleteAt);
        const taskMs = flippedAt - deleteAt;
        const result = { label, taskMs, polls: pollTimes.length, needed: neededPolls(taskMs), latencyMs: resolvedAt - flippedAt, pollOffsetsMs: pollTimes };
        trials.push(result);
        log(`delete latency: ${label}: task ${taskMs} ms, ${result.polls} poll(s) (needed ${result.needed}), resolved ${result.latencyMs} ms after SUCCEEDED`);
    };
    try {
        for (const n of options.afterPolls) {
            await trial(`flip right after poll ${n}`, () => proxy.waitForCalls(STATUS_ACTION, n, 60_000));
        }
        for (const hold of options.taskMs) {
            await trial(`task held ${(hold / 1000).toFixed(1)} s`, (deleteAt) => sleep(Math.max(0, deleteAt + hold - Date.now())));
        }
    } finally {
        proxy.reset();
        restoreEnv();
        configureConnection({});
    }
    const latencies = trials.map((t) => t.latencyMs);
    return { level: "provider lifecycle: remove() from provider/iam/lifecycle.ts, in process, against the proxy", trials, latencyMedian: median(latencies), latencyMax: Math.max(...latencies) };
}
