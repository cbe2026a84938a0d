/**
 * scripts/setup.sh is idempotent: a second run installs, builds and links nothing, and an installed
 * Pulumi CLI is used (and kept) without Go.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { pulumiBinDir } from "./harness/engine";
import { repoRoot } from "./harness/moto";

/** PATH without any directory that holds `go` (so a rebuild would fail loudly) or another `pulumi`, plus `extra` first. */
function pathWithoutGo(extra: string[] = []): string {
    const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir && !["go", "pulumi"].some((b) => fs.existsSync(path.join(dir, b))));
    return [...extra, ...dirs].join(path.delimiter);
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
    const result = spawnSync("bash", [script, ...args], { cwd: repoRoot, env, encoding: "utf8" });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("setup: idempotent, with or without Go", function () {
    this.timeout(600_000);
    const realCli = fs.realpathSync(path.join(pulumiBinDir, "pulumi"));
    const scratch = path.join(repoRoot, ".tools", "setup-test");
    const minVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;

    beforeEach(() => fs.rmSync(scratch, { recursive: true, force: true }));
    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("runs twice; the second run installs, builds, packs and links nothing, and needs no Go", () => {
        const env = { ...process.env, PATH: pathWithoutGo() };
        const first = run("scripts/setup.sh", [], env);
        expect(first.code, first.output).to.equal(0);
        const tarball = path.join(repoRoot, ".tools", "pack", "pulumi-service-linked-role.tgz");
        const before = [fs.statSync(tarball).mtimeMs, fs.statSync(path.join(repoRoot, "dist", "provider", "index.js")).mtimeMs, fs.lstatSync(path.join(pulumiBinDir, "pulumi")).mtimeMs];
        const second = run("scripts/setup.sh", [], env);
        expect(second.code, second.output).to.equal(0);
        expect(second.output.trim().split("\n")).to.have.length(1);
        expect(second.output).to.match(/^\[setup\] ready: node v(2[2-9]|[3-9]\d)\./);
        expect(second.output).to.not.include("command not found");
        const after = [fs.statSync(tarball).mtimeMs, fs.statSync(path.join(repoRoot, "dist", "provider", "index.js")).mtimeMs, fs.lstatSync(path.join(pulumiBinDir, "pulumi")).mtimeMs];
        expect(after).to.deep.equal(before);
    });

    it("links an installed CLI from PATH once, then keeps the link, even once that CLI leaves PATH, without Go", () => {
        const installedDir = path.join(scratch, "installed");
        const bin = path.join(scratch, "bin");
        fs.mkdirSync(installedDir, { recursive: true });
        fs.symlinkSync(realCli, path.join(installedDir, "pulumi"));
        const env = { ...process.env, PATH: pathWithoutGo([installedDir]) };
        const first = run("scripts/setup-pulumi.sh", [bin, minVersion], env);
        expect(first.code, first.output).to.equal(0);
        expect(first.output).to.include(`using installed pulumi ${realCli}`);
        expect(fs.readlinkSync(path.join(bin, "pulumi"))).to.equal(realCli);
        const linkTime = fs.lstatSync(path.join(bin, "pulumi")).mtimeMs;
        const second = run("scripts/setup-pulumi.sh", [bin, minVersion], env);
        expect(second).to.deep.equal({ code: 0, output: "" });
        const third = run("scripts/setup-pulumi.sh", [bin, minVersion], { ...process.env, PATH: pathWithoutGo() });
        expect(third.code, third.output).to.equal(0);
        expect(third.output).to.not.include("command not found");
        expect(fs.lstatSync(path.join(bin, "pulumi")).mtimeMs).to.equal(linkTime);
    });

    it("keeps a CLI it built when Go is absent; with neither a CLI nor Go it says what to install", () => {
        const bin = path.join(scratch, "built", "bin");
        fs.mkdirSync(bin, { recursive: true });
        fs.linkSync(realCli, path.join(bin, "pulumi"));
        const env = { ...process.env, PATH: pathWithoutGo() };
        expect(run("scripts/setup-pulumi.sh", [bin, minVersion], env)).to.deep.equal({ code: 0, output: "" });
        const empty = path.join(scratch, "empty", "bin");
        const missing = run("scripts/setup-pulumi.sh", [empty, minVersion], env);
        expect(missing.code).to.equal(1);
        expect(missing.output).to.include(`no pulumi >= ${minVersion} on PATH and no Go to build one`);
        expect(missing.output).to.not.include("command not found");
    });
});
