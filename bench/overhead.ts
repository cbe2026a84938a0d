import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type * as automation from "@pulumi/pulumi/automation";
import { createStack, exampleRequire, TestStack } from "../tests/harness/engine";
import type { FaultProxy, FaultRule } from "../tests/harness/faultProxy";
import { nullRolesProgram } from "./nullProvider";
import { EXAMPLE, emptyProgram, rolesProgram } from "./program";
import { withPeakProviderRss } from "./rss";
import { emulatorTime, medianEmulatorTime } from "./emulator";
import type { CallCounts, EmulatorTime, OverheadPoint, OverheadResult, StateResult, StateSize, UpPhases, WhatIf } from "./types";
import { discard, log, median, now, receivedCounts } from "./util";

export interface OverheadOptions {
    roleCounts: number[];
    runs: number;
    latencyMs: number;
    parallelism: number;
    parallelismSource: string;
    /** Also time the largest stack's `up` with GetRole exempt from the latency. */
    whatIf: boolean;
}

export interface OverheadOutput {
    overhead: OverheadResult;
    state: StateResult;
    /** Engine-level cold start: first role registered → its step begins, from the 1-role ups. */
    engineFirstStepMs: number[];
}

/**
 * Required sequential calls per role (the minimums of bench/calls.ts): `up` needs
 * CreateServiceLinkedRole and the TagRole of this resource's claim (retried while IAM cannot read the
 * role yet, which is the readability wait); `destroy` needs the TagRole of the deletion mark, the
 * GetRole that checks identity and claims, DeleteServiceLinkedRole and one status poll. Once per
 * provider process (and connection) comes the STS account check, which every operation awaits.
 */
export const REQUIRED_CALLS = { up: 2, destroy: 4, perProcess: 1 };

/**
 * Engine overhead and state size: `up` and `destroy` of stacks with 0 (the floor), and each of
 * `roleCounts`, roles, with `latencyMs` added to every IAM call. Runs are interleaved (every stack
 * once per round) so that the floor is measured under the same machine load as the stacks.
 */
export async function measureOverhead(proxy: FaultProxy, options: OverheadOptions): Promise<OverheadOutput> {
    const latency: FaultRule[] = [{ action: "*", fault: { kind: "latency", ms: options.latencyMs } }];
    const stacks = new Map<number, TestStack>();
    const ups = new Map<number, number[]>();
    const destroys = new Map<number, number[]>();
    const phases = new Map<number, UpPhases[]>();
    const upCalls = new Map<number, CallCounts>();
    const destroyCalls = new Map<number, CallCounts>();
    const sizes: StateSize[] = [];
    const engineFirstStepMs: number[] = [];
    let state: Omit<StateResult, "sizes"> | undefined;
    const counts = [0, ...options.roleCounts];
    const nullStacks = new Map<number, TestStack>();
    const nullUps = new Map<number, number[]>();
    const nullDestroys = new Map<number, number[]>();
    const peakRss = new Map<string, number>();
    const upEmulator = new Map<number, EmulatorTime[]>();
    const destroyEmulator = new Map<number, EmulatorTime[]>();
    const waves = (roles: number) => Math.ceil(roles / options.parallelism);
    const notePeak = (key: string, kib: number | undefined) => kib !== undefined && peakRss.set(key, Math.max(peakRss.get(key) ?? 0, kib));

    const largest = Math.max(...options.roleCounts);
    const whatIfs: WhatIfPlan[] = options.whatIf
        ? [
              {
                  name: "GetRole without latency",
                  description: "the latency is removed from GetRole only: the time `up` would take if the provider made no GetRole after create",
                  rules: [{ action: "GetRole", fault: { kind: "latency", ms: 0 } }, ...latency],
              },
              {
                  name: "no intermediate checkpoints",
                  description: "PULUMI_SKIP_CHECKPOINTS=true: the engine writes state once at the end instead of after every step, which bounds what a smaller state could save",
                  rules: latency,
                  extraEnv: { PULUMI_SKIP_CHECKPOINTS: "true" },
              },
          ]
        : [];
    const whatIfStacks: TestStack[] = [];
    const whatIfUps = whatIfs.map(() => [] as number[]);

    try {
        for (const roles of counts) {
            stacks.set(roles, await createStack({ example: EXAMPLE, program: roles ? rolesProgram(roles) : emptyProgram, projectName: "bench", stackName: `roles-${roles}`, iamEndpoint: proxy.endpoint }));
            if (roles === 0) continue;
            const nullProgram = nullRolesProgram(roles, REQUIRED_CALLS.up * options.latencyMs, REQUIRED_CALLS.destroy * options.latencyMs, REQUIRED_CALLS.perProcess * options.latencyMs);
            nullStacks.set(roles, await createStack({ example: EXAMPLE, program: nullProgram, projectName: "bench", stackName: `null-${roles}`, iamEndpoint: proxy.endpoint }));
        }
        for (const [i, plan] of whatIfs.entries()) {
            whatIfStacks.push(
                plan.extraEnv
                    ? await createStack({ example: EXAMPLE, program: rolesProgram(largest), projectName: "bench", stackName: `what-if-${i}`, iamEndpoint: proxy.endpoint, extraEnv: plan.extraEnv })
                    : stacks.get(largest)!,
            );
        }
        for (let run = 1; run <= options.runs; run++) {
            for (const roles of counts) {
                const { stack, env } = stacks.get(roles)!;
                proxy.reset();
                proxy.setRules(latency);
                const { result: up, peakKiB } = await withPeakProviderRss(() => timedUp(stack));
                notePeak(`real-${roles}`, peakKiB);
                push(ups, roles, up.ms);
                push(upEmulator, roles, emulatorTime(proxy, waves(roles)));
                push(phases, roles, up.phases);
                if (roles === 1 && up.phases.firstRoleRegistered !== undefined && up.phases.firstRolePre !== undefined) {
                    engineFirstStepMs.push(up.phases.firstRolePre - up.phases.firstRoleRegistered);
                }
                if (run === 1) {
                    upCalls.set(roles, receivedCounts(proxy));
                    if (roles > 0) {
                        const measured = await stateSize(stack, env, roles);
                        sizes.push(measured.size);
                        state ??= measured.perResource;
                    }
                }
                proxy.reset();
                proxy.setRules(latency);
                const started = now();
                await stack.destroy();
                push(destroys, roles, now() - started);
                push(destroyEmulator, roles, emulatorTime(proxy, waves(roles)));
                if (run === 1) destroyCalls.set(roles, receivedCounts(proxy));
                if (roles > 0) await timeNull(roles, run);
                log(`overhead: run ${run}/${options.runs}, ${roles} role(s): up ${Math.round(up.ms)} ms, destroy ${Math.round(destroys.get(roles)!.at(-1)!)} ms`);

                if (roles !== largest) continue;
                // What-ifs right after the largest stack, in the same round, so they meet the same load.
                for (const [i, plan] of whatIfs.entries()) {
                    proxy.reset();
                    proxy.setRules(plan.rules);
                    whatIfUps[i].push((await timedUp(whatIfStacks[i].stack)).ms);
                    proxy.reset();
                    await whatIfStacks[i].stack.destroy();
                    log(`overhead: run ${run}/${options.runs}, what-if "${plan.name}", ${largest} roles: up ${Math.round(whatIfUps[i].at(-1)!)} ms`);
                }
            }
        }

        async function timeNull(roles: number, run: number): Promise<void> {
            const nullStack = nullStacks.get(roles)!.stack;
            proxy.reset();
            const { result: up, peakKiB } = await withPeakProviderRss(() => timedUp(nullStack));
            notePeak(`null-${roles}`, peakKiB);
            push(nullUps, roles, up.ms);
            const started = now();
            await nullStack.destroy();
            push(nullDestroys, roles, now() - started);
            log(`overhead: run ${run}/${options.runs}, ${roles} null role(s): up ${Math.round(up.ms)} ms, destroy ${Math.round(nullDestroys.get(roles)!.at(-1)!)} ms`);
        }

        const emptyUpMedian = median(ups.get(0)!);
        const emptyDestroyMedian = median(destroys.get(0)!);
        const points: OverheadPoint[] = options.roleCounts.map((roles) => {
            const perProcess = REQUIRED_CALLS.perProcess * options.latencyMs;
            const upFloor = emptyUpMedian + perProcess + REQUIRED_CALLS.up * options.latencyMs * waves(roles);
            const destroyFloor = emptyDestroyMedian + perProcess + REQUIRED_CALLS.destroy * options.latencyMs * waves(roles);
            const upMedian = median(ups.get(roles)!);
            const destroyMedian = median(destroys.get(roles)!);
            return {
                roles,
                upMs: ups.get(roles)!,
                destroyMs: destroys.get(roles)!,
                upMedian,
                destroyMedian,
                upFloor,
                destroyFloor,
                upRatio: upMedian / upFloor,
                destroyRatio: destroyMedian / destroyFloor,
                upCalls: upCalls.get(roles) ?? {},
                destroyCalls: destroyCalls.get(roles) ?? {},
                upPhases: medianPhases(phases.get(roles)!),
                ...nullPoint(roles, upMedian, destroyMedian),
            };
        });
        function nullPoint(roles: number, upMedian: number, destroyMedian: number): Partial<OverheadPoint> {
            const nullUpMedian = median(nullUps.get(roles) ?? []);
            const nullDestroyMedian = median(nullDestroys.get(roles) ?? []);
            const upEmu = medianEmulatorTime(upEmulator.get(roles) ?? []);
            const destroyEmu = medianEmulatorTime(destroyEmulator.get(roles) ?? []);
            return {
                upEmulator: upEmu,
                destroyEmulator: destroyEmu,
                upOverNullNetOfEmulator: upEmu && (upMedian - upEmu.criticalPathEstimateMs) / nullUpMedian,
                destroyOverNullNetOfEmulator: destroyEmu && (destroyMedian - destroyEmu.criticalPathEstimateMs) / nullDestroyMedian,
                nullUpMs: nullUps.get(roles),
                nullDestroyMs: nullDestroys.get(roles),
                nullUpMedian,
                nullDestroyMedian,
                upOverNull: upMedian / nullUpMedian,
                destroyOverNull: destroyMedian / nullDestroyMedian,
                providerPeakRssKiB: peakRss.get(`real-${roles}`),
                nullProviderPeakRssKiB: peakRss.get(`null-${roles}`),
            };
        }
        const largestPoint = points.find((p) => p.roles === largest)!;
        const whatIfResults: WhatIf[] = whatIfs.map((plan, i) => {
            const upMedian = median(whatIfUps[i]);
            const paired = whatIfUps[i].map((v, run) => v - largestPoint.upMs[run]);
            return { name: plan.name, description: plan.description, roles: largest, upMs: whatIfUps[i], upMedian, upRatio: upMedian / largestPoint.upFloor, pairedDeltaMedian: median(paired) };
        });

        return {
            overhead: {
                parallelism: options.parallelism,
                parallelismSource: options.parallelismSource,
                latencyMs: options.latencyMs,
                runs: options.runs,
                requiredCallsPerRole: { up: REQUIRED_CALLS.up, destroy: REQUIRED_CALLS.destroy },
                requiredCallsPerProcess: REQUIRED_CALLS.perProcess,
                emptyUpMs: ups.get(0)!,
                emptyDestroyMs: destroys.get(0)!,
                emptyUpMedian,
                emptyDestroyMedian,
                emptyUpPhases: medianPhases(phases.get(0)!),
                points,
                whatIfs: whatIfResults,
            },
            state: { ...state!, sizes, moduleCaptureBytes: await moduleCaptureBytes() },
            engineFirstStepMs,
        };
    } finally {
        proxy.reset();
        new Set([...stacks.values(), ...nullStacks.values(), ...whatIfStacks]).forEach(discard);
    }
}

interface WhatIfPlan {
    name: string;
    description: string;
    rules: FaultRule[];
    extraEnv?: Record<string, string>;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
    map.set(key, [...(map.get(key) ?? []), value]);
}

/** `stack.up()` timed, with the time stamps of the engine events that mark its phases. */
async function timedUp(stack: automation.Stack): Promise<{ ms: number; phases: UpPhases }> {
    const started = now();
    const at = () => now() - started;
    const marks: Partial<UpPhases> = {};
    const onEvent = (event: automation.EngineEvent) => {
        const t = at();
        if (event.preludeEvent) marks.prelude ??= t;
        if (event.summaryEvent) marks.summary ??= t;
        const pre = event.resourcePreEvent?.metadata;
        if (pre?.type === "pulumi:pulumi:Stack") marks.stackPre ??= t;
        if (pre?.type.endsWith(":ServiceLinkedRole")) marks.firstRolePre ??= t;
        if (event.resOutputsEvent?.metadata.type.endsWith(":ServiceLinkedRole")) marks.lastRoleDone = t;
        // The program's debug log, which the engine forwards as diagnostics, marks registrations.
        const message = event.diagnosticEvent?.message ?? "";
        if (message.startsWith("RegisterResource RPC prepared") && message.includes(":ServiceLinkedRole")) marks.firstRoleRegistered ??= t;
    };
    await stack.up({ onEvent });
    return { ms: at(), phases: { ...marks, returned: at() } };
}

function medianPhases(all: UpPhases[]): UpPhases {
    const keys: Array<keyof UpPhases> = ["prelude", "stackPre", "firstRoleRegistered", "firstRolePre", "lastRoleDone", "summary", "returned"];
    const result: Partial<UpPhases> = {};
    for (const key of keys) {
        const values = all.map((p) => p[key]).filter((v): v is number => v !== undefined);
        if (values.length) result[key] = median(values);
    }
    return result as UpPhases;
}

/** Sizes of the exported state and of the `__provider` values in it. */
async function stateSize(stack: automation.Stack, env: Record<string, string>, roles: number) {
    const exported = await stack.exportStack();
    const json = JSON.stringify(exported);
    const resources = (exported.deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
    if (resources.length !== roles) throw new Error(`state holds ${resources.length} roles, expected ${roles}`);
    const copies = (r: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }) =>
        [r.inputs?.__provider, r.outputs?.__provider].filter((v): v is string => typeof v === "string");
    const providerJsonBytes = resources.reduce((sum: number, r: Parameters<typeof copies>[0]) => sum + copies(r).reduce((s, v) => s + Buffer.byteLength(JSON.stringify(v)), 0), 0);
    const first = resources[0];
    const provider = copies(first)[0] ?? "";
    return {
        size: { roles, exportedBytes: Buffer.byteLength(json), checkpointFileBytes: checkpointFileBytes(env), providerJsonBytes },
        perResource: {
            providerBytes: Buffer.byteLength(provider),
            copiesPerResource: copies(first).length,
            providerJsonBytesPerResource: copies(first).reduce((s, v) => s + Buffer.byteLength(JSON.stringify(v)), 0),
            resourceJsonBytes: Buffer.byteLength(JSON.stringify(first)),
        },
    };
}

/** Size of the stack's checkpoint file in the file backend (the one stack file under `.pulumi/stacks`). */
function checkpointFileBytes(env: Record<string, string>): number | undefined {
    const backend = env.PULUMI_BACKEND_URL?.startsWith("file://") ? fileURLToPath(env.PULUMI_BACKEND_URL) : undefined;
    if (!backend) return undefined;
    const files: string[] = [];
    const walk = (dir: string) => {
        if (!fs.existsSync(dir)) return;
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (/\.json(\.gz)?$/.test(entry.name)) files.push(full);
        }
    };
    walk(path.join(backend, ".pulumi", "stacks"));
    return files.length === 1 ? fs.statSync(files[0]).size : undefined;
}

/**
 * What Pulumi serializes for a provider that is a module of the installed package (its exports
 * being the methods): measured on a capture of the installed lifecycle module, which Pulumi also
 * turns into a `require()`.
 */
async function moduleCaptureBytes(): Promise<number | undefined> {
    try {
        const load = exampleRequire(EXAMPLE);
        const pulumi = load("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
        const lifecycleModule = load("pulumi-service-linked-role/dist/provider/iam/lifecycle.js");
        const serialized = await pulumi.runtime.serializeFunction(() => lifecycleModule, { allowSecrets: true });
        return Buffer.byteLength(serialized.text);
    } catch (err) {
        log(`state: module-capture size not measured: ${(err as Error).message}`);
        return undefined;
    }
}
