import type { BenchResults, Goal, UpPhases } from "./types";
import { formatCounts } from "./util";

const KB = 1024;
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "–" : `${Math.round(v)} ms`);
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
const bytes = (v: number | undefined) => (v === undefined ? "–" : v >= 10 * KB ? `${(v / KB).toFixed(1)} KiB (${v} B)` : `${v} B`);
const ratio = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(2));
const esc = (text: string) => text.replace(/\|/g, "\\|");

/** Decides each goal from the measurements; a goal whose data is missing counts as not met. */
export function evaluateGoals(results: BenchResults, maxRatio = 1.3, maxProviderBytes = 4 * KB, maxLatencyMs = 1000): Goal[] {
    const goals: Goal[] = [];
    const rows = results.calls ?? [];

    const nonDelete = rows.filter((r) => !r.operation.startsWith("delete"));
    const over = nonDelete.filter((r) => r.calls !== r.minimum);
    goals.push({
        goal: "IAM calls equal the minimum for every operation except delete",
        target: "calls = minimum",
        measured: nonDelete.length ? nonDelete.map((r) => `${r.operation} ${r.calls}/${r.minimum}`).join("; ") : "not measured",
        met: nonDelete.length > 0 && over.length === 0,
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
        met: polled.length > 0 && tooMany.length === 0,
        reason: tooMany.length
            ? `${tooMany.map((p) => `${p.what} (task ${Math.round(p.taskMs)} ms): ${p.polls} polls, ${p.needed} needed`).join("; ")}. ` +
              "The poll schedule (at once, then 200 ms doubling to an 800 ms cap) spends three polls in the first 0.6 s and then polls every 0.8 s, " +
              "more often than the 1 s latency bound requires."
            : undefined,
    });

    const overhead = results.overhead;
    const largest = overhead?.points.at(-1);
    goals.push({
        goal: `Engine overhead ratio ≤ ${maxRatio} at ${largest?.roles ?? 50} roles (up)`,
        target: `≤ ${maxRatio}`,
        measured: largest ? `up ${ratio(largest.upRatio)} (${s(largest.upMedian)} vs floor ${s(largest.upFloor)}); destroy ${ratio(largest.destroyRatio)}` : "not measured",
        met: !!largest && largest.upRatio <= maxRatio,
        reason: largest && largest.upRatio > maxRatio ? overheadReason(results) : undefined,
    });

    const state = results.state;
    goals.push({
        goal: "Serialized provider ≤ 4 KB per resource",
        target: `≤ ${maxProviderBytes} B`,
        measured: state ? `${state.providerBytes} B per copy; ${state.copiesPerResource} copies (inputs + outputs) = ${state.providerJsonBytesPerResource} B of JSON per resource` : "not measured",
        met: !!state && state.providerBytes <= maxProviderBytes,
        reason: state && state.providerBytes > maxProviderBytes ? `the __provider string is ${state.providerBytes} B` : undefined,
    });

    const latency = results.deleteLatency;
    goals.push({
        goal: "Delete returns < 1 s after the task is SUCCEEDED",
        target: `< ${maxLatencyMs} ms`,
        measured: latency ? `max ${ms(latency.latencyMax)}, median ${ms(latency.latencyMedian)} (lifecycle level)` : "not measured",
        met: !!latency && latency.latencyMax < maxLatencyMs,
        reason: latency && latency.latencyMax >= maxLatencyMs ? `slowest trial resolved ${ms(latency.latencyMax)} after SUCCEEDED` : undefined,
    });
    return goals;
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
    out.push(`# Benchmark results (${m.mode})`, "");
    out.push(
        `Run of ${m.startedAt}, ${s(m.durationMs)} in all. Pulumi CLI ${m.pulumiCli}, @pulumi/pulumi ${m.pulumiSdk}, ${m.library}, Node ${m.node}, ` +
            `${m.cpus} CPUs, load average ${m.loadAverageStart.map((v) => v.toFixed(2)).join("/")} at start and ${m.loadAverageEnd.map((v) => v.toFixed(2)).join("/")} at end. ` +
            `Generated by \`node --import tsx bench/run.ts${m.mode === "quick" ? " --quick" : ""}\`; see docs/performance.md for how to read it.`,
        "",
    );

    if (results.calls) {
        out.push("## 1. IAM calls per lifecycle operation", "");
        out.push("One-role stack of the example program through the engine; counts are requests the proxy received (no faults, no latency).", "");
        out.push("| Operation | Command | IAM calls measured | Calls | Minimum | Minimal because | Status polls (measured / needed) | Meets |");
        out.push("|---|---|---|---|---|---|---|---|");
        for (const r of results.calls) {
            const polls = r.statusPolls ? `${r.statusPolls.measured} / ${r.statusPolls.needed} (task ${ms(r.statusPolls.taskMs)})` : "–";
            out.push(`| ${r.operation} | ${r.command} | ${formatCounts(r.counts)} | ${r.calls} | ${r.minimum}${r.minimumCalls.length ? `: ${r.minimumCalls.join(" + ")}` : ""} | ${esc(r.why)} | ${polls} | ${r.meetsGoal ? "yes" : "**no**"} |`);
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
        if (o.whatIfNoGetRoleLatency) {
            const w = o.whatIfNoGetRoleLatency;
            out.push("", `What-if: ${w.roles} roles with the latency removed from GetRole only (as if the provider made no GetRole after create): up median ${s(w.upMedian)} (${w.upMs.map((v) => s(v)).join(", ")}), ratio ${ratio(w.upRatio)}.`);
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
        out.push(`Level: ${d.level}. Latency = from the proxy flipping the task to SUCCEEDED to \`remove()\` resolving. Needed polls = max(1, ⌈task / 1 s⌉).`, "");
        out.push("| Trial | Task duration | Status polls | Needed | Latency after SUCCEEDED |", "|---|---|---|---|---|");
        for (const t of d.trials) out.push(`| ${t.label} | ${ms(t.taskMs)} | ${t.polls} | ${t.needed} | ${ms(t.latencyMs)} |`);
        out.push("", `Median ${ms(d.latencyMedian)}, max ${ms(d.latencyMax)}.`);
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
    for (const g of results.goals) out.push(`| ${esc(g.goal)} | ${esc(g.target)} | ${esc(g.measured)} | ${g.met ? "yes" : "**no**"} | ${esc(g.reason ?? "")} |`);
    if (results.errors.length) out.push("", "## Errors", "", ...results.errors.map((e) => `- ${e}`));
    out.push("");
    return out.join("\n");
}

/** `bench/up-time.svg`: `up` time against the number of roles, with the floor and `destroy` for reference. */
export function renderSvg(results: BenchResults): string {
    const o = results.overhead;
    const width = 720;
    const height = 420;
    const margin = { left: 70, right: 190, top: 50, bottom: 60 };
    const plotW = width - margin.left - margin.right;
    const plotH = height - margin.top - margin.bottom;
    const parts: string[] = [];
    parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
    parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
    parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">pulumi up time vs number of roles (${o ? `${o.latencyMs} ms per IAM call, parallel ${o.parallelism}, median of ${o.runs}` : "no data"})</text>`);
    if (!o || o.points.length === 0) {
        parts.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle">overhead section did not run</text></svg>`);
        return parts.join("\n");
    }
    const xs = [0, ...o.points.map((p) => p.roles)];
    const maxX = Math.max(...xs);
    const allY = [o.emptyUpMedian, ...o.points.flatMap((p) => [...p.upMs, ...p.destroyMs, p.upFloor])];
    const maxY = niceCeil(Math.max(...allY) / 1000);
    const x = (roles: number) => margin.left + (roles / maxX) * plotW;
    const y = (msValue: number) => margin.top + plotH - (msValue / 1000 / maxY) * plotH;

    // Axes, grid, ticks.
    const yStep = maxY / 5;
    for (let i = 0; i <= 5; i++) {
        const v = i * yStep;
        const py = y(v * 1000);
        parts.push(`<line x1="${margin.left}" y1="${py.toFixed(1)}" x2="${margin.left + plotW}" y2="${py.toFixed(1)}" stroke="#e5e5e5"/>`);
        parts.push(`<text x="${margin.left - 8}" y="${(py + 4).toFixed(1)}" text-anchor="end">${Number(v.toFixed(1))} s</text>`);
    }
    for (const roles of xs) {
        parts.push(`<line x1="${x(roles).toFixed(1)}" y1="${margin.top + plotH}" x2="${x(roles).toFixed(1)}" y2="${margin.top + plotH + 5}" stroke="#333"/>`);
        parts.push(`<text x="${x(roles).toFixed(1)}" y="${margin.top + plotH + 20}" text-anchor="middle">${roles}</text>`);
    }
    parts.push(`<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="#333"/>`);
    parts.push(`<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="#333"/>`);
    parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 18}" text-anchor="middle">roles in the stack (0 = empty program)</text>`);
    parts.push(`<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">wall time</text>`);

    const series = [
        { name: "up (median, runs as whiskers)", color: "#1f77b4", dash: "", points: [[0, o.emptyUpMedian], ...o.points.map((p) => [p.roles, p.upMedian])], runs: o.points.map((p) => [p.roles, p.upMs] as const) },
        { name: "up floor", color: "#2ca02c", dash: "6 4", points: [[0, o.emptyUpMedian], ...o.points.map((p) => [p.roles, p.upFloor])] },
        { name: "destroy (median)", color: "#d62728", dash: "2 3", points: [[0, o.emptyDestroyMedian], ...o.points.map((p) => [p.roles, p.destroyMedian])] },
    ];
    for (const line of series) {
        const d = line.points.map(([r, v], i) => `${i ? "L" : "M"}${x(r).toFixed(1)} ${y(v).toFixed(1)}`).join(" ");
        parts.push(`<path d="${d}" fill="none" stroke="${line.color}" stroke-width="2"${line.dash ? ` stroke-dasharray="${line.dash}"` : ""}/>`);
        for (const [r, v] of line.points) parts.push(`<circle cx="${x(r).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${line.color}"/>`);
        for (const [r, runs] of line.runs ?? []) {
            const lo = Math.min(...runs);
            const hi = Math.max(...runs);
            parts.push(`<line x1="${x(r).toFixed(1)}" y1="${y(lo).toFixed(1)}" x2="${x(r).toFixed(1)}" y2="${y(hi).toFixed(1)}" stroke="${line.color}" stroke-width="1"/>`);
            for (const v of [lo, hi]) parts.push(`<line x1="${(x(r) - 4).toFixed(1)}" y1="${y(v).toFixed(1)}" x2="${(x(r) + 4).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${line.color}"/>`);
        }
    }
    for (const p of o.points) {
        parts.push(`<text x="${(x(p.roles) - 6).toFixed(1)}" y="${(y(p.upMedian) - 8).toFixed(1)}" text-anchor="end" fill="#1f77b4">${(p.upMedian / 1000).toFixed(1)} s (×${p.upRatio.toFixed(2)})</text>`);
    }
    series.forEach((line, i) => {
        const ly = margin.top + 10 + i * 22;
        const lx = margin.left + plotW + 15;
        parts.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${line.color}" stroke-width="2"${line.dash ? ` stroke-dasharray="${line.dash}"` : ""}/>`);
        parts.push(`<text x="${lx + 34}" y="${ly + 4}">${line.name}</text>`);
    });
    parts.push(`<text x="${margin.left + plotW + 15}" y="${margin.top + 90}" font-size="11" fill="#555">×ratio = up / floor</text>`);
    parts.push("</svg>");
    return parts.join("\n") + "\n";
}

/** The smallest of 1, 2, 5 × 10^k at or above `v`. */
function niceCeil(v: number): number {
    if (!(v > 0)) return 1;
    const base = 10 ** Math.floor(Math.log10(v));
    for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * base) return m * base;
    return 10 * base;
}
