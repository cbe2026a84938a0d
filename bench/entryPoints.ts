/**
 * What a role-only user pays, per entry point: install size, `require` time and the files a
 * 20-line role-only program makes `tsc` read. Compares the packed tarball setup made with a baseline
 * built from an older commit (the root before the entry points were split).
 *
 *   node --import tsx bench/entryPoints.ts [--baseline <git rev>] [--runs N]
 *
 * Each variant is installed with npm into its own empty project (the npm cache makes this quick after
 * the first run). Prints a Markdown table and writes bench/.work/entry-points.json.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../tests/harness/moto";

interface Variant {
    label: string;
    tarball: string;
    /** Module the program imports the role from. */
    entry: string;
}

interface Measure {
    label: string;
    entry: string;
    installBytes: number;
    packages: number;
    requireMs: number;
    modulesLoaded: number;
    awsModulesLoaded: number;
    typeCheckFiles: number;
    typeCheckMs: number;
}

const TSC = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");

function pinnedPulumi(): string {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
}

/** Packs the package as it was at `rev` (built with this checkout's node_modules). */
function packBaseline(rev: string, work: string): string {
    const src = path.join(work, "baseline-src");
    fs.mkdirSync(src, { recursive: true });
    execFileSync("sh", ["-c", `git -C "${repoRoot}" archive ${rev} | tar -x -C "${src}"`]);
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(src, "node_modules"));
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: src });
    const name = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: src, encoding: "utf8" }).trim().split("\n").pop()!;
    return path.join(work, name);
}

function duBytes(dir: string): number {
    return Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0]);
}

function install(tarball: string, dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "probe", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `@pulumi/pulumi@${pinnedPulumi()}`, tarball], { cwd: dir });
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/** Time of `require(entry)` in a fresh process, and the modules it loaded. */
function requireOnce(dir: string, entry: string): { ms: number; modules: number; aws: number } {
    const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(entry)}); const ms = Number(process.hrtime.bigint() - t) / 1e6;
const files = Object.keys(require.cache); console.log(JSON.stringify({ ms, modules: files.length, aws: files.filter((f) => f.includes("/node_modules/@pulumi/aws/")).length }));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", probe], { cwd: dir, encoding: "utf8" }));
}

/** Files tsc reads for a role-only program importing from `entry`, and its wall time. */
function typeCheck(dir: string, entry: string): { files: number; ms: number } {
    const program = `import { ServiceLinkedRole } from ${JSON.stringify(entry)};

const connect = new ServiceLinkedRole("connect", {
    description: "Used by our Amazon Connect instances",
    tags: { team: "contact-center" },
});
const beanstalk = new ServiceLinkedRole("beanstalk", { awsServiceName: "elasticbeanstalk.amazonaws.com" });

export const connectRoleArn = connect.arn;
export const connectRoleOwnership = connect.ownership;
export const beanstalkRoleName = beanstalk.roleName;
`;
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    const tsconfig = { compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true, noEmit: true }, files: ["index.ts"] };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const started = process.hrtime.bigint();
    const check = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json", "--listFiles"], { cwd: dir, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (check.status !== 0) throw new Error(`tsc failed for ${entry}: ${check.stdout}${check.stderr}`);
    const listed = check.stdout.split("\n").filter(Boolean).length;
    return { files: listed, ms };
}

function measure(variant: Variant, dir: string, runs: number): Measure {
    const requires = Array.from({ length: runs }, () => requireOnce(dir, variant.entry));
    const checked = typeCheck(dir, variant.entry);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8"));
    return {
        label: variant.label,
        entry: variant.entry,
        installBytes: duBytes(path.join(dir, "node_modules")),
        packages: Object.keys(lock.packages).filter((k) => k.startsWith("node_modules/")).length,
        requireMs: Math.round(median(requires.map((r) => r.ms))),
        modulesLoaded: requires[0].modules,
        awsModulesLoaded: requires[0].aws,
        typeCheckFiles: checked.files,
        typeCheckMs: Math.round(checked.ms),
    };
}

function main(argv: string[]): void {
    const baselineRev = argv.includes("--baseline") ? argv[argv.indexOf("--baseline") + 1] : undefined;
    const runs = argv.includes("--runs") ? Number(argv[argv.indexOf("--runs") + 1]) : 5;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "slr-entry-points-"));
    try {
        const current = path.join(repoRoot, ".tools", "pack", "pulumi-service-linked-role.tgz");
        const variants: Variant[] = [];
        if (baselineRev) variants.push({ label: `root at ${baselineRev}`, tarball: packBaseline(baselineRev, work), entry: "pulumi-service-linked-role" });
        variants.push({ label: "root (this build)", tarball: current, entry: "pulumi-service-linked-role" });
        variants.push({ label: "/iam (this build)", tarball: current, entry: "pulumi-service-linked-role/iam" });
        const results: Measure[] = [];
        const installed = new Map<string, string>();
        for (const variant of variants) {
            let dir = installed.get(variant.tarball);
            if (!dir) {
                dir = path.join(work, `project-${installed.size}`);
                install(variant.tarball, dir);
                installed.set(variant.tarball, dir);
            }
            results.push(measure(variant, dir, runs));
            console.error(`measured ${variant.label}`);
        }
        const rows = results.map((r) =>
            `| ${r.label} | ${(r.installBytes / 1e6).toFixed(1)} MB, ${r.packages} packages | ${r.requireMs} ms (${r.modulesLoaded} modules, ${r.awsModulesLoaded} from @pulumi/aws) | ${r.typeCheckFiles} files, ${(r.typeCheckMs / 1000).toFixed(1)} s |`,
        );
        console.log(`Node ${process.version}, median of ${runs} fresh processes for require\n`);
        console.log("| Role-only program importing | Install (node_modules) | require | tsc (files read, wall time) |\n| --- | --- | --- | --- |");
        console.log(rows.join("\n"));
        const out = path.join(repoRoot, "bench", ".work");
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, "entry-points.json"), JSON.stringify({ node: process.version, runs, results }, null, 2));
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main(process.argv.slice(2));
