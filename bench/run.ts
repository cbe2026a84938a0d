/**
 * `npm run bench`: IAM calls per operation, engine overhead, state size, delete latency and the
 * dynamic provider's cold start, measured with the real Pulumi CLI, moto and the counting proxy.
 *
 *   node --import tsx bench/run.ts            full run (~4-5 min on 2 cores): writes bench/results.json,
 *                                             bench/RESULTS.md and bench/up-time.svg
 *   node --import tsx bench/run.ts --quick    smoke run (~1 min): 1 run, 1 and 10 roles; writes to
 *                                             bench/.work/quick/ so the committed results stay intact
 *   --out DIR                                 write the three files to DIR instead
 *   --only calls,overhead,delete,cold         run some sections only
 *   --what-if                                 also run the what-ifs in a quick run
 *   --roles 1,10,50                           role counts of the overhead section (default: quick 1,10;
 *                                             full 1,10,50,200)
 *
 *   --rollout [--accounts 10,50,200] [--parallel 1,4,8]
 *                                             only the organization rollout bench (bench/rollout.ts):
 *                                             writes bench/.work/rollout.json
 *
 * Exit code 1 when a section failed to measure; goals that are not met do not fail the run (they
 * are reported in the files).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exampleRequire, pulumiBinDir } from "../tests/harness/engine";
import { FaultProxy, startFaultProxy } from "../tests/harness/faultProxy";
import { MotoServer, repoRoot, startMoto } from "../tests/harness/moto";
import { measureCalls } from "./calls";
import { measureColdStart } from "./coldStart";
import { measureDeleteLatency } from "./deleteLatency";
import { measureOverhead } from "./overhead";
import { EXAMPLE } from "./program";
import { updateReadmeTable } from "./readmeTable";
import { evaluateGoals, renderMarkdown, renderSvg } from "./report";
import type { BenchResults } from "./types";
import { log, now } from "./util";

const SECTIONS = ["calls", "overhead", "delete", "cold"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
    quick: boolean;
    whatIf: boolean;
    roleCounts?: number[];
    outDir: string;
    sections: Set<Section>;
}

/** Settings of the two modes. */
function settings(quick: boolean) {
    return quick
        ? { runs: 1, roleCounts: [1, 10], deleteHoldMs: 1500, taskMs: [1500], afterPolls: [5], coldSamples: 1, whatIf: false }
        : { runs: 5, roleCounts: [1, 10, 50, 200], deleteHoldMs: 2500, taskMs: [500, 1500, 2500, 5500, 9500], afterPolls: [5, 5, 5], coldSamples: 5, whatIf: true };
}

const LATENCY_MS = 100;

function parseArgs(argv: string[]): Options {
    const quick = argv.includes("--quick");
    const outIndex = argv.indexOf("--out");
    const onlyIndex = argv.indexOf("--only");
    const rolesIndex = argv.indexOf("--roles");
    const roleCounts = rolesIndex >= 0 ? (argv[rolesIndex + 1] ?? "").split(",").map(Number) : undefined;
    if (roleCounts?.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--roles takes positive integers separated by commas; got ${argv[rolesIndex + 1]}`);
    const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? "").split(",").filter(Boolean) : [...SECTIONS];
    for (const name of only) if (!SECTIONS.includes(name as Section)) throw new Error(`unknown section ${name}; choose from ${SECTIONS.join(", ")}`);
    return {
        quick,
        whatIf: argv.includes("--what-if"),
        roleCounts,
        outDir: outIndex >= 0 ? path.resolve(argv[outIndex + 1]) : quick ? path.join(repoRoot, "bench", ".work", "quick") : path.join(repoRoot, "bench"),
        sections: new Set(only as Section[]),
    };
}

/** The CLI's default `--parallel`, read from `pulumi up --help` in the environment the engine gets. */
function defaultParallelism(): { value: number; source: string } {
    const help = execFileSync(path.join(pulumiBinDir, "pulumi"), ["up", "--help"], {
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_HOME: path.join(os.tmpdir(), "slr-bench-help-home") },
    }).toString();
    const match = /--parallel int32.*\(default (\d+)\)/.exec(help);
    if (!match) throw new Error("could not find the default of --parallel in `pulumi up --help`");
    return { value: Number(match[1]), source: "`pulumi up --help`: default of --parallel (GOMAXPROCS × 4 unless PULUMI_PARALLEL is set)" };
}

/** The commit measured, `+dirty` when tracked files differ from it (the bench measures the work tree). */
function measuredCommit(): string | undefined {
    try {
        const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
        const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot, encoding: "utf8" }).trim() !== "";
        return dirty ? `${head}+dirty` : head;
    } catch {
        return undefined;
    }
}

function versions() {
    const load = exampleRequire(EXAMPLE);
    const cli = execFileSync(path.join(pulumiBinDir, "pulumi"), ["version"], { env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).toString().trim();
    const libraryJson = load.resolve("pulumi-service-linked-role/package.json");
    const library = JSON.parse(fs.readFileSync(libraryJson, "utf8")) as { name: string; version: string };
    return {
        cli,
        sdk: (load("@pulumi/pulumi/package.json") as { version: string }).version,
        library: `${library.name} ${library.version} (installed in examples/${EXAMPLE})`,
        libraryInstalledAt: fs.statSync(libraryJson).mtime.toISOString(),
    };
}

export async function main(argv: string[]): Promise<number> {
    if (argv.includes("--rollout")) {
        const { measureRollout } = await import("./rollout");
        const pick = (flag: string, fallback: number[]) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1].split(",").map(Number) : fallback);
        const results = await measureRollout(pick("--accounts", [10, 50, 200]), pick("--parallel", [1, 4, 8]));
        fs.mkdirSync(path.join(repoRoot, "bench", ".work"), { recursive: true });
        fs.writeFileSync(path.join(repoRoot, "bench", ".work", "rollout.json"), JSON.stringify(results, null, 2));
        return 0;
    }
    const options = parseArgs(argv);
    const mode = { ...settings(options.quick), ...(options.roleCounts ? { roleCounts: options.roleCounts } : {}), ...(options.whatIf ? { whatIf: true } : {}) };
    const started = now();
    const v = versions();
    const results: BenchResults = {
        meta: {
            mode: options.quick ? "quick" : "full",
            startedAt: new Date().toISOString(),
            durationMs: 0,
            runs: mode.runs,
            roleCounts: mode.roleCounts,
            latencyMs: LATENCY_MS,
            pulumiCli: v.cli,
            pulumiSdk: v.sdk,
            library: v.library,
            libraryInstalledAt: v.libraryInstalledAt,
            node: process.version,
            commit: measuredCommit(),
            cpus: os.cpus().length,
            loadAverageStart: os.loadavg(),
            loadAverageEnd: [],
        },
        goals: [],
        errors: [],
    };
    log(`${results.meta.mode} run, sections ${[...options.sections].join(", ")}; output to ${path.relative(process.cwd(), options.outDir) || "."}`);

    /** Writes the three files (and the README table); `partial` names what is missing, so a stopped run leaves its sections. */
    const done: string[] = [];
    const save = (partial: string | undefined) => {
        results.meta.partial = partial;
        results.meta.durationMs = now() - started;
        results.meta.loadAverageEnd = os.loadavg();
        results.goals = evaluateGoals(results);
        fs.mkdirSync(options.outDir, { recursive: true });
        fs.writeFileSync(path.join(options.outDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
        fs.writeFileSync(path.join(options.outDir, "RESULTS.md"), renderMarkdown(results));
        fs.writeFileSync(path.join(options.outDir, "up-time.svg"), renderSvg(results));
        // The README's performance table is generated from the committed results, never typed by hand.
        if (options.outDir === path.join(repoRoot, "bench")) updateReadmeTable(results, path.join(repoRoot, "README.md"));
    };
    let moto: MotoServer | undefined;
    let proxy: FaultProxy | undefined;
    const section = async (name: Section, body: () => Promise<void>) => {
        if (!options.sections.has(name)) return;
        const t = now();
        try {
            await body();
        } catch (err) {
            const message = `${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
            results.errors.push(message.split("\n").slice(0, 6).join(" / "));
            log(`section failed: ${message}`);
        }
        log(`section ${name} took ${((now() - t) / 1000).toFixed(1)} s`);
        done.push(name);
        const missing = [...options.sections].filter((s) => !done.includes(s));
        if (missing.length) save(`partial: stopped before or during ${missing.join(", ")}`);
    };

    let serializedProvider: string | undefined;
    let engineFirstStepMs: number[] | undefined;
    try {
        moto = await startMoto();
        proxy = await startFaultProxy(moto.endpoint);
        const p = proxy;
        const m = moto;

        await section("calls", async () => {
            const out = await measureCalls(m, p, mode.deleteHoldMs);
            results.calls = out.rows;
            serializedProvider = out.serializedProvider;
            if (out.engineDelete) results.deleteLatency = { level: "", trials: [], latencyMedian: Number.NaN, latencyMax: Number.NaN, engine: out.engineDelete };
        });

        await section("overhead", async () => {
            await m.reset();
            const parallel = defaultParallelism();
            const out = await measureOverhead(p, {
                roleCounts: mode.roleCounts,
                runs: mode.runs,
                latencyMs: LATENCY_MS,
                parallelism: parallel.value,
                parallelismSource: parallel.source,
                whatIf: mode.whatIf,
            });
            results.overhead = out.overhead;
            results.state = out.state;
            engineFirstStepMs = out.engineFirstStepMs;
        });

        await section("delete", async () => {
            await m.reset();
            const engine = results.deleteLatency?.engine;
            results.deleteLatency = { ...(await measureDeleteLatency(p, { taskMs: mode.taskMs, afterPolls: mode.afterPolls })), engine };
        });

        await section("cold", async () => {
            serializedProvider ??= await installedProviderText();
            results.coldStart = { ...(await measureColdStart(p, serializedProvider, mode.coldSamples)), engineFirstStepMs };
        });
    } finally {
        await proxy?.close();
        await moto?.stop();
    }

    save(undefined);
    for (const g of results.goals) log(`goal ${g.met === null ? "skipped" : g.met ? "met    " : "NOT met"}: ${g.goal}: ${g.measured}`);
    log(`done in ${(results.meta.durationMs / 1000).toFixed(0)} s; wrote ${["results.json", "RESULTS.md", "up-time.svg"].map((f) => path.relative(process.cwd(), path.join(options.outDir, f))).join(", ")}`);
    return results.errors.length ? 1 : 0;
}

/**
 * The serialized provider when the calls section did not run: what Pulumi serializes for the
 * installed package's provider object, the way a dynamic resource does.
 */
async function installedProviderText(): Promise<string> {
    const load = exampleRequire(EXAMPLE);
    const pulumi = load("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const provider = load("pulumi-service-linked-role/dist/provider/iam/provider.js").serviceLinkedRoleProvider;
    return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err: unknown) => {
            log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
            process.exit(1);
        },
    );
}
