import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";

/** Where the Pulumi engine comes from and what it gets, for every stack of a rollout. */
export interface RolloutEngineOptions {
    /**
     * Directory of a Pulumi CLI installation (`<root>/bin/pulumi`), passed to `PulumiCommand.get`.
     * Its `bin` goes first on PATH, so the dynamic-provider launcher next to it is found too.
     * @default the `pulumi` on PATH
     */
    pulumiRoot?: string;
    /** PULUMI_HOME of the engine (plugins, credentials). @default Pulumi's own (~/.pulumi) */
    pulumiHome?: string;
    /**
     * The node_modules that holds `@pulumi/pulumi` and this package: the dynamic-provider host
     * loads the role provider from it. @default the one this package was loaded from
     */
    nodeModulesDir?: string;
    /** Extra environment for the engine and the providers it starts (e.g. AWS endpoints). @default none */
    env?: Record<string, string>;
    /** Folder for the per-account work directories. @default a temporary folder, removed after the run */
    workRoot?: string;
}

/** The engine shared by one rollout run: the CLI, the environment, and a work directory per account. */
export interface RolloutEngine {
    auto: typeof automation;
    command: automation.PulumiCommand;
    env: Record<string, string>;
    /** A fresh work directory (own Pulumi.yaml and stack files) for one account's stack. */
    workDirFor(accountId: string): string;
    workRoot: string;
    close(): void;
}

/** The node_modules folder that `@pulumi/pulumi` was resolved from, as seen from this module. */
function defaultNodeModules(): string {
    const manifest = require.resolve("@pulumi/pulumi/package.json");
    return path.resolve(path.dirname(manifest), "..", "..");
}

/** Opens the engine: resolves the CLI and prepares the environment every stack gets. */
export async function openEngine(options: RolloutEngineOptions): Promise<RolloutEngine> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const auto = require("@pulumi/pulumi/automation") as typeof automation;
    const command = await auto.PulumiCommand.get({ ...(options.pulumiRoot ? { root: options.pulumiRoot } : {}), skipVersionCheck: true });
    const ownRoot = options.workRoot === undefined;
    const workRoot = options.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "slr-rollout-"));
    fs.mkdirSync(workRoot, { recursive: true });
    const nodeModules = options.nodeModulesDir ?? defaultNodeModules();
    const env: Record<string, string> = {
        PULUMI_SKIP_UPDATE_CHECK: "true",
        ...(options.pulumiHome ? { PULUMI_HOME: options.pulumiHome } : {}),
        ...(options.pulumiRoot ? { PATH: `${path.join(options.pulumiRoot, "bin")}${path.delimiter}${process.env.PATH ?? ""}` } : {}),
        // The stacks hold no secrets; an empty passphrase lets every machine of a sharded run open them.
        ...(process.env.PULUMI_CONFIG_PASSPHRASE === undefined && process.env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined ? { PULUMI_CONFIG_PASSPHRASE: "" } : {}),
        ...options.env,
    };
    return {
        auto,
        command,
        env,
        workRoot,
        workDirFor(accountId) {
            const dir = fs.mkdtempSync(path.join(workRoot, `${accountId}-`));
            // The engine starts the dynamic-provider host in the work directory; it resolves
            // @pulumi/pulumi, and through it this package, from there.
            fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
            return dir;
        },
        close() {
            if (ownRoot) fs.rmSync(workRoot, { recursive: true, force: true });
        },
    };
}

/** Options of a workspace of the rollout's project on its backend. */
export function workspaceOptions(engine: RolloutEngine, project: string, backendUrl: string, workDir: string): automation.LocalWorkspaceOptions {
    return {
        workDir,
        envVars: engine.env,
        pulumiCommand: engine.command,
        ...(engine.env.PULUMI_HOME ? { pulumiHome: engine.env.PULUMI_HOME } : {}),
        projectSettings: { name: project, runtime: "nodejs", backend: { url: backendUrl } },
    };
}

/** The account ids that have a stack of `project` in the backend. */
export async function existingAccountStacks(engine: RolloutEngine, project: string, backendUrl: string): Promise<string[]> {
    // A file backend starts as an empty folder; the CLI will not create it.
    if (backendUrl.startsWith("file://")) fs.mkdirSync(backendUrl.slice("file://".length).split("?")[0], { recursive: true });
    const workspace = await engine.auto.LocalWorkspace.create(workspaceOptions(engine, project, backendUrl, engine.workDirFor("list")));
    const stacks = await workspace.listStacks();
    return stacks.map((s) => s.name.split("/").pop()!).filter((name) => /^\d{12}$/.test(name));
}

/** The engine's own words from a failed operation: its `error:` lines, without the command dump. */
export function engineErrorSummary(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    const lines = text.split("\n").map((l) => l.trim());
    const errors = lines.filter((l) => /^error:/i.test(l) && !/^error: update failed$/i.test(l)).map((l) => l.replace(/^error:\s*/i, ""));
    const picked = errors.length > 0 ? [...new Set(errors)] : lines.filter(Boolean).slice(0, 3);
    return picked.join("; ").slice(0, 2000);
}
