import type { BenchResults, EmulatorTime, Goal, UpPhases } from "./types";
import { formatCounts, median } from "./util";

const KB = 1024;
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "–" : `${Math.round(v)} ms`);
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
const bytes = (v: number | undefined) => (v === undefined ? "–" : v >= 10 * KB ? `${(v / KB).toFixed(1)} KiB (${v} B)` : `${v} B`);
const ratio = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(2));
const esc = (text: string) => text.replace(/\|/g, "\\|");

/** Decides each goal from the measurements; `met` is null for a goal whose section did not run. */
export function evaluateGoals(results: BenchResults, maxRatio = 1.3, maxProviderBytes = 4 * KB, maxLatencyMs = 1000): Goal[] {
    const goals: Goal[] = [];
    const rows = results.calls ?? [];

    const nonDelete = rows.filter((r) => !r.operation.startsWith("delete"));
    const over = nonDelete.filter((r) => r.calls !== r.minimum);
    goals.push({
        goal: "IAM calls equal the minimum for every operation except delete",
        target: "calls = minimum",
        measured: nonDelete.length ? nonDelete.map((r) => `${r.operation} ${r.calls}/${r.minimum}`).join("; ") : "not measured",
        met: nonDelete.length ? over.length === 0 : null,
        reason: over.length ? over.map((r) => `${r.operation}: ${formatCounts(r.counts)} (minimum: ${r.minimumCalls.join(" + ") || "none"})`).join("; ") : undefined,
    });

    const polled = [
        ...rows.filter((r) => r.statusPolls).map((r) => ({ what: `engine, ${r.operation}`, taskMs: r.statusPolls!.taskMs, polls: r.statusPolls!.measured, needed: r.statusPolls!.needed })),
        ...(results.deleteLatency?.trials ?? []).map((t) => ({ what: `lifecycle, ${t.label}`, taskMs: t.taskMs, polls: t.polls, needed: t.needed })),
    ];
    const tooMany = polled.filter((p) => p.polls > p.needed + 2);
    goals.push({
        goal: "Delete makes at most 2 status polls more than the task's duration strictly needs",
        target: "polls ≤ max(1, ⌈task / 1 s⌉) + 2",
        measured: polled.length ? polled.map((p) => `${p.what}: ${p.polls} vs ${p.needed}`).join("; ") : "not measured",
        met: polled.length ? tooMany.length === 0 : null,
        reason: tooMany.length
            ? `${tooMany.map((p) => `${p.what} (task ${Math.round(p.taskMs)} ms): ${p.polls} polls, ${p.needed} needed`).join("; ")}. ` +
              "Polls come more often than noticing completion within 1 s requires."
            : undefined,
    });
    if (tooMany.length) goals.at(-1)!.reason += pollScheduleNote(results);

    const overhead = results.overhead;
    const largest = overhead?.points.at(-1);
    goals.push({
        goal: `Engine overhead ratio ≤ ${maxRatio} at ${largest?.roles ?? 50} roles (up)`,
        target: `≤ ${maxRatio}`,
        measured: largest ? `up ${ratio(largest.upRatio)} (${s(largest.upMedian)} vs floor ${s(largest.upFloor)}); destroy ${ratio(largest.destroyRatio)}` : "not measured",
        met: largest ? largest.upRatio <= maxRatio : null,
        reason: largest && largest.upRatio > maxRatio ? overheadReason(results) : undefined,
    });

    const sts = rows.filter((r) => (r.stsCalls ?? 0) > 1);
    goals.push({
        goal: "At most one STS call (the account check) per operation: once per process and connection",
        target: "≤ 1",
        measured: rows.length ? rows.map((r) => `${r.operation} ${r.stsCalls ?? 0}`).join("; ") : "not measured",
        met: rows.length ? sts.length === 0 : null,
        reason: sts.length ? sts.map((r) => `${r.operation}: ${r.stsCalls}`).join("; ") : undefined,
    });

    const judged = (overhead?.points ?? []).filter((p) => p.roles >= 50 && p.upOverNull !== undefined);
    const slow = judged.filter((p) => p.upOverNull! > 1.05 || p.destroyOverNull! > 1.05);
    goals.push({
        goal: "Within 5 %: up and destroy at most 1.05 × the null dynamic provider at 50 and 200 roles",
        target: "≤ 1.05",
        measured: judged.length
            ? judged.map((p) => `${p.roles} roles: up ${ratio(p.upOverNull!)}, destroy ${ratio(p.destroyOverNull!)} (net of moto's service time: ${ratio(p.upOverNullNetOfEmulator ?? Number.NaN)}, ${ratio(p.destroyOverNullNetOfEmulator ?? Number.NaN)})`).join("; ")
            : "not measured",
        met: judged.length ? slow.length === 0 : null,
        reason: slow.length ? "see the null-provider table: the emulator's critical-path service time is estimated apart" : undefined,
    });

    const rss = (overhead?.points ?? []).filter((p) => p.providerPeakRssKiB !== undefined && p.nullProviderPeakRssKiB !== undefined);
    const fat = rss.filter((p) => p.providerPeakRssKiB! - p.nullProviderPeakRssKiB! > 16 * 1024);
    goals.push({
        goal: "Peak RSS of the provider process within 16 MiB of the null provider's at every size",
        target: "≤ +16 MiB",
        measured: rss.length ? rss.map((p) => `${p.roles}: +${((p.providerPeakRssKiB! - p.nullProviderPeakRssKiB!) / 1024).toFixed(0)} MiB`).join("; ") : "not measured",
        met: rss.length ? fat.length === 0 : null,
        reason: fat.length ? `over at ${fat.map((p) => p.roles).join(", ")} roles` : undefined,
    });

    const state = results.state;
    goals.push({
        goal: "Serialized provider ≤ 4 KB per resource",
        target: `≤ ${maxProviderBytes} B`,
        measured: state ? `${state.providerBytes} B per copy; ${state.copiesPerResource} copies (inputs + outputs) = ${state.providerJsonBytesPerResource} B of JSON per resource` : "not measured",
        met: state ? state.providerBytes <= maxProviderBytes : null,
        reason: state && state.providerBytes > maxProviderBytes ? `the __provider string is ${state.providerBytes} B` : undefined,
    });

    const latency = results.deleteLatency;
    goals.push({
        goal: "Delete returns < 1 s after the task is SUCCEEDED",
        target: `< ${maxLatencyMs} ms`,
        measured: latency?.trials.length ? `max ${ms(latency.latencyMax)}, median ${ms(latency.latencyMedian)} (lifecycle level)` : "not measured",
        met: latency?.trials.length ? latency.latencyMax < maxLatencyMs : null,
        reason: latency && latency.latencyMax >= maxLatencyMs ? `slowest trial resolved ${ms(latency.latencyMax)} after SUCCEEDED` : undefined,
    });
    return goals;
}

/** The poll times of the longest lifecycle trial, as measured. */
function pollScheduleNote(results: BenchResults): string {
    const longest = [...(results.deleteLatency?.trials ?? [])].sort((a, b) => b.taskMs - a.taskMs)[0];
    if (!longest?.pollOffsetsMs?.length) return "";
    return ` Polls of the ${longest.label} trial arrived at ${longest.pollOffsetsMs.map((t) => `${Math.round(t)}`).join(", ")} ms after DeleteServiceLinkedRole.`;
}

function overheadReason(results: BenchResults): string {
    const overhead = results.overhead!;
    const largest = overhead.points.at(-1)!;
    const perRole = largest.roles ? Object.values(largest.upCalls).reduce((a, b) => a + b, 0) / largest.roles : 0;
    const p = largest.upPhases;
    const e = overhead.emptyUpPhases;
    const parts = [
        `${perRole.toFixed(1)} IAM calls per role in up where ${overhead.requiredCallsPerRole.up} is required (${formatCounts(largest.upCalls)})`,
    ];
    if (p.firstRoleRegistered !== undefined && p.firstRolePre !== undefined) parts.push(`${ms(p.firstRolePre - p.firstRoleRegistered)} from the first role's registration to its first step (provider process start, Configure, Check, Diff)`);
    if (p.firstRolePre !== undefined && p.lastRoleDone !== undefined) parts.push(`${ms(p.lastRoleDone - p.firstRolePre)} of role steps where the required calls take ${ms(overhead.requiredCallsPerRole.up * overhead.latencyMs * Math.ceil(largest.roles / overhead.parallelism))}`);
    if (p.summary !== undefined && e.summary !== undefined) parts.push(`engine summary at ${ms(p.summary)} vs ${ms(e.summary)} for the empty program`);
    return parts.join("; ");
}

function phaseRow(label: string, p: UpPhases): string {
    const d = (a?: number, b?: number) => (a === undefined || b === undefined ? "–" : ms(b - a));
    return `| ${label} | ${ms(p.prelude)} | ${ms(p.stackPre)} | ${d(p.firstRoleRegistered, p.firstRolePre)} | ${d(p.firstRolePre, p.lastRoleDone)} | ${ms(p.summary)} | ${ms(p.returned)} |`;
}

/** `bench/RESULTS.md`: every table of the run. */
export function renderMarkdown(results: BenchResults): string {
    const m = results.meta;
    const out: string[] = [];
    out.push(`# Benchmark results (${m.mode}${m.partial ? `, ${m.partial}` : ""})`, "");
    out.push(
        `Run of ${m.startedAt}, commit ${m.commit ?? "unknown"}, ${s(m.durationMs)} in all. Pulumi CLI ${m.pulumiCli}, @pulumi/pulumi ${m.pulumiSdk}, ${m.library}${m.libraryInstalledAt ? ` at ${m.libraryInstalledAt}` : ""}, Node ${m.node}, ` +
            `${m.cpus} CPUs, load average ${m.loadAverageStart.map((v) => v.toFixed(2)).join("/")} at start and ${m.loadAverageEnd.map((v) => v.toFixed(2)).join("/")} at end. ` +
            `Generated by \`node --import tsx bench/run.ts${m.mode === "quick" ? " --quick" : ""}\`; see docs/performance.md for how to read it.`,
        "",
    );

    if (results.calls) {
        out.push("## 1. IAM calls per lifecycle operation", "");
        out.push("One-role stack of the example program through the engine; counts are requests the proxy received (no faults, no latency).", "");
        out.push("| Operation | Command | Calls measured | Calls | Minimum | STS (≤ 1 per process) | Minimal because | Status polls (measured / needed) | Meets |");
        out.push("|---|---|---|---|---|---|---|---|---|");
        for (const r of results.calls) {
            const polls = r.statusPolls ? `${r.statusPolls.measured} / ${r.statusPolls.needed} (task ${ms(r.statusPolls.taskMs)})` : "–";
            out.push(`| ${r.operation} | ${r.command} | ${formatCounts(r.counts)} | ${r.calls} | ${r.minimum}${r.minimumCalls.length ? `: ${r.minimumCalls.join(" + ")}` : ""} | ${r.stsCalls ?? "–"} | ${esc(r.why)} | ${polls} | ${r.meetsGoal ? "yes" : "**no**"} |`);
        }
        out.push("");
    }

    const o = results.overhead;
    if (o) {
        out.push("## 2. Engine overhead (`pulumi up` / `pulumi destroy`)", "");
        out.push(
            `${o.latencyMs} ms latency on every IAM call; medians of ${o.runs} run(s); default parallelism ${o.parallelism} (${o.parallelismSource}). ` +
                `Floor = empty program's median (up ${s(o.emptyUpMedian)}, destroy ${s(o.emptyDestroyMedian)}) + required calls per role ` +
                `(up ${o.requiredCallsPerRole.up}, destroy ${o.requiredCallsPerRole.destroy}) × ${o.latencyMs} ms × ⌈roles / ${o.parallelism}⌉.`,
            "",
        );
        out.push("| Roles | up median | up runs | up floor | up ratio | destroy median | destroy runs | destroy floor | destroy ratio | IAM calls in up | IAM calls in destroy |");
        out.push("|---|---|---|---|---|---|---|---|---|---|---|");
        out.push(`| 0 (empty) | ${s(o.emptyUpMedian)} | ${o.emptyUpMs.map((v) => s(v)).join(", ")} | – | – | ${s(o.emptyDestroyMedian)} | ${o.emptyDestroyMs.map((v) => s(v)).join(", ")} | – | – | none | none |`);
        for (const p of o.points) {
            out.push(
                `| ${p.roles} | ${s(p.upMedian)} | ${p.upMs.map((v) => s(v)).join(", ")} | ${s(p.upFloor)} | ${ratio(p.upRatio)} | ${s(p.destroyMedian)} | ${p.destroyMs.map((v) => s(v)).join(", ")} | ${s(p.destroyFloor)} | ${ratio(p.destroyRatio)} | ${formatCounts(p.upCalls)} | ${formatCounts(p.destroyCalls)} |`,
            );
        }
        if (o.whatIfs.length) {
            out.push("", "What-ifs, run in the same rounds as the table above:", "", "| What-if | Roles | up median | up runs | ratio to the same floor | change vs measured up (median of per-round differences) |", "|---|---|---|---|---|---|");
            for (const w of o.whatIfs) out.push(`| ${esc(w.name)}: ${esc(w.description)} | ${w.roles} | ${s(w.upMedian)} | ${w.upMs.map((v) => s(v)).join(", ")} | ${ratio(w.upRatio)} | ${w.pairedDeltaMedian >= 0 ? "+" : "−"}${s(Math.abs(w.pairedDeltaMedian))} |`);
        }
        out.push(...nullFloorTable(o));
        const coldStart = median(results.coldStart?.engineFirstStepMs ?? []);
        if (!Number.isNaN(coldStart)) {
            out.push(
                "",
                `The floor has no dynamic-provider process (the empty program starts none). Adding the engine-level provider start measured in section 5 ` +
                    `(median ${ms(coldStart)}) to the floor gives ratios of ${o.points.map((p) => `${ratio(p.upMedian / (p.upFloor + coldStart))} at ${p.roles}`).join(", ")} role(s) for up.`,
            );
        }
        out.push("", "Where `up` spends its time (medians, ms after `up` started; the role columns are durations):", "");
        out.push("| Stack | engine prelude | stack step begins | first role registered → its step begins | first role step begins → last role done | summary | `up()` returned |");
        out.push("|---|---|---|---|---|---|---|");
        out.push(phaseRow("empty", o.emptyUpPhases));
        for (const p of o.points) out.push(phaseRow(`${p.roles} role(s)`, p.upPhases));
        out.push("");
    }

    const st = results.state;
    if (st) {
        out.push("## 3. State size", "");
        out.push(`Serialized provider (\`__provider\`): **${st.providerBytes} B** per copy; each role resource holds ${st.copiesPerResource} copies (inputs and outputs), ${st.providerJsonBytesPerResource} B of JSON in the export; one whole role resource is ${st.resourceJsonBytes} B of JSON.`);
        if (st.moduleCaptureBytes !== undefined) out.push(`For comparison, Pulumi serializes a capture of one installed module (a provider whose methods are a module's exports) in ${st.moduleCaptureBytes} B.`);
        out.push("", "| Roles | exported state | checkpoint file | `__provider` share of the export |", "|---|---|---|---|");
        for (const z of st.sizes) out.push(`| ${z.roles} | ${bytes(z.exportedBytes)} | ${bytes(z.checkpointFileBytes)} | ${bytes(z.providerJsonBytes)} (${((100 * z.providerJsonBytes) / z.exportedBytes).toFixed(0)} %) |`);
        out.push("");
    }

    const d = results.deleteLatency;
    if (d) {
        out.push("## 4. Delete latency", "");
        if (d.trials.length) {
            out.push(`Level: ${d.level}. Latency = from the proxy flipping the task to SUCCEEDED to \`remove()\` resolving. Needed polls = max(1, ⌈task / 1 s⌉).`, "");
            out.push("| Trial | Task duration | Status polls | Needed | Latency after SUCCEEDED | Polls arrived at (ms after DeleteServiceLinkedRole) |", "|---|---|---|---|---|---|");
            for (const t of d.trials) out.push(`| ${t.label} | ${ms(t.taskMs)} | ${t.polls} | ${t.needed} | ${ms(t.latencyMs)} | ${(t.pollOffsetsMs ?? []).map((v) => Math.round(v)).join(", ")} |`);
            out.push("", `Median ${ms(d.latencyMedian)}, max ${ms(d.latencyMax)}.`);
        }
        if (d.engine) {
            const e = d.engine;
            out.push(`Engine level (one-role \`destroy\`, task held ${ms(e.taskMs)}, ${e.polls} polls): the engine reported the role deleted ${ms(e.toDeleteEventMs)} after SUCCEEDED, and \`destroy()\` returned after ${ms(e.toDestroyReturnedMs)}.`);
        }
        out.push("");
    }

    const c = results.coldStart;
    if (c) {
        out.push("## 5. Cold start of the dynamic-provider process", "");
        out.push(`Medians of ${c.samples}; every time is from spawn, except the warm Read.`, "");
        out.push("| Process | port printed | first answered request (GetPluginInfo) | first Check (provider deserialized) | first Read (AWS SDK loaded, 1 GetRole) | warm Read |", "|---|---|---|---|---|---|");
        for (const [label, v] of [["launcher `pulumi-resource-pulumi-nodejs`", c.launcher], ["`node` + dynamic-provider script directly", c.direct]] as const) {
            const med = (xs: number[]) => ms([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN);
            out.push(`| ${label} | ${med(v.portMs)} | ${med(v.firstRpcMs)} | ${med(v.firstCheckMs)} | ${med(v.firstReadMs)} | ${med(v.warmReadMs)} |`);
        }
        if (c.engineFirstStepMs?.length) out.push("", `Engine level (1-role \`up\`): first role registered → its step begins: ${c.engineFirstStepMs.map((v) => ms(v)).join(", ")}.`);
        out.push("");
    }

    out.push("## Goals", "", "| Goal | Target | Measured | Met | Reason when not met |", "|---|---|---|---|---|");
    for (const g of results.goals) out.push(`| ${esc(g.goal)} | ${esc(g.target)} | ${esc(g.measured)} | ${g.met === null ? "not measured" : g.met ? "yes" : "**no**"} | ${esc(g.reason ?? "")} |`);
    if (results.errors.length) out.push("", "## Errors", "", ...results.errors.map((e) => `- ${e}`));
    out.push("");
    return out.join("\n");
}

/**
 * `bench/up-time.svg`: a grouped bar chart of `up` time per number of roles: the measured median
 * (runs as a whisker) next to its floor, with the ratio above each pair.
 */
export function renderSvg(results: BenchResults): string {
    const o = results.overhead;
    const width = 720;
    const height = 420;
    const margin = { left: 70, right: 20, top: 60, bottom: 70 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const parts: string[] = [];
    const fmt = (v: number) => v.toFixed(1);
    parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
    parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
    parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">pulumi up: wall time against the number of roles</text>`);
    if (!o || o.points.length === 0) {
        parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle">the overhead section did not run</text>`, "</svg>");
        return parts.join("\n") + "\n";
    }
    parts.push(`<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">${o.latencyMs} ms added to every IAM call, default parallelism ${o.parallelism}, median of ${o.runs} run(s); whiskers span the runs</text>`);
    const groups = [
        { label: "empty program", up: o.emptyUpMedian, runs: o.emptyUpMs, floor: undefined as number | undefined, ratio: undefined as number | undefined },
        ...o.points.map((p) => ({ label: `${p.roles} role${p.roles === 1 ? "" : "s"}`, up: p.upMedian, runs: p.upMs, floor: p.upFloor, ratio: p.upRatio })),
    ];
    const maxY = niceCeil(Math.max(...groups.flatMap((g) => [...g.runs, g.floor ?? 0])) / 1000);
    const y = (msValue: number) => margin.top + plotH - (msValue / 1000 / maxY) * plotH;

    for (let i = 0; i <= 5; i++) {
        const v = (maxY * i) / 5;
        const py = y(v * 1000);
        parts.push(`<line x1="${margin.left}" y1="${fmt(py)}" x2="${margin.left + plotW}" y2="${fmt(py)}" stroke="#e5e5e5"/>`);
        parts.push(`<text x="${margin.left - 8}" y="${fmt(py + 4)}" text-anchor="end">${Number(v.toFixed(2))} s</text>`);
    }
    parts.push(`<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="#333"/>`);
    parts.push(`<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="#333"/>`);
    parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">wall time of up</text>`);

    const colors = { up: "#1f77b4", floor: "#9fd49f" };
    const slot = plotW / groups.length;
    const barW = Math.min(56, slot / 3);
    groups.forEach((g, i) => {
        const center = margin.left + slot * (i + 0.5);
        const upX = g.floor === undefined ? center - barW / 2 : center - barW - 3;
        const bar = (x: number, v: number, color: string) =>
            parts.push(`<rect x="${fmt(x)}" y="${fmt(y(v))}" width="${fmt(barW)}" height="${fmt(margin.top + plotH - y(v))}" fill="${color}"/>`);
        bar(upX, g.up, colors.up);
        const lo = Math.min(...g.runs);
        const hi = Math.max(...g.runs);
        const wx = upX + barW / 2;
        parts.push(`<line x1="${fmt(wx)}" y1="${fmt(y(lo))}" x2="${fmt(wx)}" y2="${fmt(y(hi))}" stroke="#333"/>`);
        for (const v of [lo, hi]) parts.push(`<line x1="${fmt(wx - 5)}" y1="${fmt(y(v))}" x2="${fmt(wx + 5)}" y2="${fmt(y(v))}" stroke="#333"/>`);
        parts.push(`<text x="${fmt(wx)}" y="${fmt(Math.min(y(hi), y(g.up)) - 6)}" text-anchor="middle">${(g.up / 1000).toFixed(2)} s</text>`);
        if (g.floor !== undefined) {
            bar(center + 3, g.floor, colors.floor);
            parts.push(`<text x="${fmt(center + 3 + barW / 2)}" y="${fmt(y(g.floor) - 6)}" text-anchor="middle">${(g.floor / 1000).toFixed(2)} s</text>`);
        }
        parts.push(`<text x="${fmt(center)}" y="${margin.top + plotH + 18}" text-anchor="middle">${g.label}</text>`);
        if (g.ratio !== undefined) parts.push(`<text x="${fmt(center)}" y="${margin.top + plotH + 34}" text-anchor="middle" font-weight="bold">×${g.ratio.toFixed(2)} of floor</text>`);
    });
    const legendY = height - 16;
    parts.push(`<rect x="${margin.left}" y="${legendY - 10}" width="14" height="12" fill="${colors.up}"/>`);
    parts.push(`<text x="${margin.left + 20}" y="${legendY}">measured up (median)</text>`);
    parts.push(`<rect x="${margin.left + 180}" y="${legendY - 10}" width="14" height="12" fill="${colors.floor}"/>`);
    parts.push(`<text x="${margin.left + 200}" y="${legendY}">floor: empty program's up + required calls × latency × ⌈roles / ${o.parallelism}⌉</text>`);
    parts.push("</svg>");
    return parts.join("\n") + "\n";
}

/** A round axis maximum at or above `v` (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 × 10^k). */
function niceCeil(v: number): number {
    if (!(v > 0)) return 1;
    const base = 10 ** Math.floor(Math.log10(v));
    for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (v <= m * base * 1.0001) return m * base;
    return 10 * base;
}

/**
 * The floor every dynamic provider shares: the same roles through a provider that only waits the
 * IAM latency (bench/nullProvider.ts), in the same rounds; real/null is what our provider adds.
 */
function nullFloorTable(o: NonNullable<BenchResults["overhead"]>): string[] {
    const emu = (e?: EmulatorTime) => (e ? `${ms(e.criticalPathEstimateMs)} / ${ms(e.totalMs)}` : "–");
    const rows = o.points.filter((p) => p.nullUpMedian !== undefined);
    if (!rows.length) return [];
    const kib = (v?: number) => (v === undefined ? "–" : `${(v / 1024).toFixed(0)} MiB`);
    const out = [
        "",
        "Null dynamic provider floor: the same roles (same inputs and 14 declared outputs) through a dynamic provider that only sleeps the minimum calls' latency " +
            `(${o.requiredCallsPerProcess ?? 0} × ${o.latencyMs} ms once per process for the account check, then ${o.requiredCallsPerRole.up} × ${o.latencyMs} ms in create, ` +
            `${o.requiredCallsPerRole.destroy} × ${o.latencyMs} ms in delete), run in the same rounds. moto's own service time is measured at the proxy and reported apart: ` +
            "its critical-path estimate (the STS call + the median role's chain × waves) is subtracted for the net ratio. " +
            "Peak RSS is the dynamic-provider process's VmHWM, largest over the runs.",
        "",
        "| Roles | up: ours | up: null | ours / null | net of moto | moto in up (critical path / total) | destroy: ours / null | net of moto | old floor ratio | provider peak RSS: ours / null |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ];
    for (const p of rows) {
        out.push(
            `| ${p.roles} | ${s(p.upMedian)} | ${s(p.nullUpMedian!)} | **${ratio(p.upOverNull!)}** | ${ratio(p.upOverNullNetOfEmulator ?? Number.NaN)} | ${emu(p.upEmulator)} | **${ratio(p.destroyOverNull!)}** | ${ratio(p.destroyOverNullNetOfEmulator ?? Number.NaN)} | ${ratio(p.upRatio)} | ${kib(p.providerPeakRssKiB)} / ${kib(p.nullProviderPeakRssKiB)} |`,
        );
    }
    return out;
}
