import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { repoRoot, testCredentials } from "./moto";

/** Where setup puts the Pulumi CLI and the dynamic-provider launcher. */
export const pulumiBinDir = path.join(repoRoot, ".tools", "pulumi", "bin");

/** Path of an example project under examples/. */
export function exampleDir(example: string): string {
    return path.join(repoRoot, "examples", example);
}

/**
 * Loads modules from an example's own node_modules, where setup installed the packed library.
 * The program and the Automation API must share that one copy of @pulumi/pulumi.
 */
export function exampleRequire(example: string): NodeJS.Require {
    return createRequire(path.join(exampleDir(example), "package.json"));
}

/** Options for {@link createStack}. */
export interface StackOptions {
    example: string;
    /** Function that declares the resources (an inline program). */
    program: automation.PulumiFn;
    projectName?: string;
    stackName?: string;
    /** IAM endpoint the provider talks to (moto, or the fault proxy in front of it). */
    iamEndpoint: string;
    config?: Record<string, string>;
    extraEnv?: Record<string, string>;
}

/** A stack in a throw-away file backend, with its temp folders. */
export interface TestStack {
    stack: automation.Stack;
    auto: typeof automation;
    workDir: string;
    env: Record<string, string>;
    /** Sets stack config from plain strings (objects are JSON-encoded). */
    setConfig(values: Record<string, string | object | undefined>): Promise<void>;
    /** Destroys what is left, removes the stack and the temp folders. */
    dispose(): Promise<void>;
}

/**
 * Creates a stack for an example's inline program against the CLI that setup built, with a local
 * `file://` backend and its own PULUMI_HOME, so nothing leaves this machine.
 */
export async function createStack(options: StackOptions): Promise<TestStack> {
    const auto = exampleRequire(options.example)("@pulumi/pulumi/automation") as typeof automation;
    const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "slr-engine-"));
    const workDir = path.join(tempRoot, "work");
    const backendDir = path.join(tempRoot, "backend");
    fs.mkdirSync(workDir);
    fs.mkdirSync(backendDir);
    // The dynamic-provider launcher resolves @pulumi/pulumi from its working directory.
    fs.symlinkSync(path.join(exampleDir(options.example), "node_modules"), path.join(workDir, "node_modules"));
    const env = engineEnv(tempRoot, backendDir, options.iamEndpoint, options.extraEnv);
    const pulumiCommand = await auto.PulumiCommand.get({ root: path.dirname(pulumiBinDir), skipVersionCheck: true });
    const projectName = options.projectName ?? "slr-test";
    const stack = await auto.LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName ?? "test", projectName, program: options.program },
        {
            workDir,
            pulumiHome: path.join(tempRoot, "home"),
            envVars: env,
            pulumiCommand,
            projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backendDir}` } },
        },
    );
    const setConfig = async (values: Record<string, string | object | undefined>) => {
        for (const [key, value] of Object.entries(values)) {
            if (value === undefined) await stack.removeConfig(key);
            else await stack.setConfig(key, { value: typeof value === "string" ? value : JSON.stringify(value) });
        }
    };
    if (options.config) await setConfig(options.config);
    // Idempotent: a test may dispose a stack itself before the fixture's afterEach does.
    let disposed: Promise<void> | undefined;
    return {
        stack,
        auto,
        workDir,
        env,
        setConfig,
        dispose: () => (disposed ??= disposeStack()),
    };
    async function disposeStack(): Promise<void> {
        try {
            // Every engine scenario ends here, so every one is scanned for leaked credentials.
            const state = await stack.exportStack();
            assertNoPlantedCredentials("exported state", JSON.stringify(state));
            // A stack that holds nothing but itself has nothing to destroy; skipping saves an engine run.
            const resources = (state.deployment?.resources ?? []).filter((r: { type: string }) => r.type !== "pulumi:pulumi:Stack");
            if (resources.length > 0 || (state.deployment?.pending_operations ?? []).length > 0) {
                const destroyed = await stack.destroy();
                assertNoPlantedCredentials("destroy output", destroyed.stdout + destroyed.stderr);
            }
            await stack.workspace.removeStack(stack.name);
        } finally {
            fs.rmSync(tempRoot, { recursive: true, force: true });
        }
    }
}

/** Fails when any planted test credential appears in `text`. */
export function assertNoPlantedCredentials(where: string, text: string): void {
    for (const [name, value] of Object.entries(testCredentials)) {
        if (text.includes(value)) throw new Error(`planted ${name} found in ${where}`);
    }
}

/** Environment for the CLI and everything it spawns: offline, hermetic, pointed at the test endpoint. */
export function engineEnv(tempRoot: string, backendDir: string, iamEndpoint: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        PATH: `${pulumiBinDir}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: path.join(tempRoot, "home"),
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "test-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        AWS_ENDPOINT_URL_IAM: iamEndpoint,
        // The provider asks STS which account its credentials act in; moto serves STS on the same port.
        AWS_ENDPOINT_URL_STS: iamEndpoint,
        AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
        AWS_SESSION_TOKEN: testCredentials.sessionToken,
        AWS_REGION: "us-east-1",
        ...extra,
    };
}

/** Engine events of one operation, reduced to what tests assert on. */
export interface StepRecord {
    op: string;
    urn: string;
    type: string;
    phase: "pre" | "outputs" | "failed";
    diffs?: string[];
    keys?: string[];
}

/** Collects resource steps from the engine's event stream. */
export function stepRecorder(): { steps: StepRecord[]; onEvent: (event: automation.EngineEvent) => void; diagnostics: string[] } {
    const steps: StepRecord[] = [];
    const diagnostics: string[] = [];
    const onEvent = (event: automation.EngineEvent) => {
        const record = (phase: StepRecord["phase"], metadata: automation.StepEventMetadata) =>
            steps.push({ op: metadata.op, urn: metadata.urn, type: metadata.type, phase, diffs: metadata.diffs, keys: metadata.keys });
        if (event.resourcePreEvent) record("pre", event.resourcePreEvent.metadata);
        if (event.resOutputsEvent) record("outputs", event.resOutputsEvent.metadata);
        if (event.resOpFailedEvent) record("failed", event.resOpFailedEvent.metadata);
        if (event.diagnosticEvent) diagnostics.push(event.diagnosticEvent.message);
    };
    return { steps, onEvent, diagnostics };
}

/** The steps that touched ServiceLinkedRole resources. */
export function roleSteps(steps: StepRecord[], phase: StepRecord["phase"] = "outputs"): StepRecord[] {
    return steps.filter((s) => s.type.endsWith(":ServiceLinkedRole") && s.phase === phase && s.op !== "same");
}

/**
 * An inline program that runs an example's entry module (e.g. `index.ts`) as `pulumi up` would:
 * its top-level code declares the resources and its exports become the stack outputs. The module
 * is evicted from the require cache first, so every operation runs it afresh.
 */
export function exampleModuleProgram(example: string, entry = "index.ts"): automation.PulumiFn {
    const load = exampleRequire(example);
    return async () => {
        const resolved = load.resolve(`./${entry}`);
        delete load.cache[resolved];
        return { ...(load(resolved) as Record<string, unknown>) };
    };
}
