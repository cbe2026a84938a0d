// The AWS resource plugin for engine-level tests of the Connect components: the stand-in in
// tests/harness/awsStandIn (a TypeScript plugin backed by moto), or a real pulumi-resource-aws
// pointed at moto when one is installed. See docs/development.md, "Amazon Connect runs against an emulator".
import type { IAMClient } from "@aws-sdk/client-iam";
import type * as automation from "@pulumi/pulumi/automation";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resetClients } from "./awsStandIn/clients";
import { startConnectApiFront } from "./awsStandIn/connectApi";
import { createStack, pulumiBinDir, TestStack } from "./engine";
import { directIamClient } from "./iam";
import { MotoServer, repoRoot, startMoto, useAwsEndpoint } from "./moto";

/** Folder holding the stand-in's `pulumi-resource-aws` launcher. */
export const standInBinDir = path.join(repoRoot, "tests", "harness", "awsStandIn", "bin");

/** Which plugin serves the `aws` package. */
export type AwsPluginMode = "stand-in" | "real";

/**
 * The plugin in use: `AWS_PLUGIN=real` or `AWS_PLUGIN=stand-in` decide; otherwise a real
 * `pulumi-resource-aws` found on PATH wins, and the stand-in is the fallback.
 */
export function awsPluginMode(): AwsPluginMode {
    const chosen = process.env.AWS_PLUGIN;
    if (chosen === "real" || chosen === "stand-in") return chosen;
    if (chosen !== undefined) throw new Error(`AWS_PLUGIN must be "real" or "stand-in"; got ${JSON.stringify(chosen)}`);
    return realPluginOnPath() ? "real" : "stand-in";
}

function realPluginOnPath(): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, "pulumi-resource-aws");
        if (dir !== "" && path.resolve(dir) !== standInBinDir && fs.existsSync(candidate)) return candidate;
    }
    return undefined;
}

/** moto with what the Connect emulation needs, and the stand-in's store beside it. */
export interface ConnectMoto {
    readonly moto: MotoServer;
    /** Connect's endpoint: moto behind a front that answers the instance-attribute calls moto lacks. */
    readonly connectEndpoint: string;
    /** The stand-in's store file (what moto lacks), cleared with moto. */
    readonly stateFile: string;
    /** Resets moto and clears the stand-in's store. */
    reset(): Promise<void>;
    stop(): Promise<void>;
}

/**
 * Starts moto with AWS's managed policies loaded (the emulated CreateInstance attaches
 * AmazonConnectServiceLinkedRolePolicy to each instance's role).
 */
export async function startMotoForConnect(): Promise<ConnectMoto> {
    const moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: "true" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-stand-in-"));
    const stateFile = path.join(dir, "store.json");
    const front = await startConnectApiFront(moto.endpoint, stateFile);
    return {
        moto,
        connectEndpoint: front.endpoint,
        stateFile,
        reset: async () => {
            await moto.reset();
            fs.rmSync(stateFile, { force: true });
        },
        stop: async () => {
            await front.close();
            await moto.stop();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** Environment for createStack's `extraEnv`: the plugin on PATH, every AWS SDK pointed at moto. */
export function awsPluginEnv(connectMoto: ConnectMoto, mode: AwsPluginMode = awsPluginMode()): Record<string, string> {
    const pluginDirs = mode === "stand-in" ? [standInBinDir] : [];
    return {
        PATH: [...pluginDirs, pulumiBinDir, process.env.PATH ?? ""].join(path.delimiter),
        AWS_ENDPOINT_URL: connectMoto.moto.endpoint,
        AWS_ENDPOINT_URL_CONNECT: connectMoto.connectEndpoint,
        AWS_STAND_IN_STATE: connectMoto.stateFile,
    };
}

/** Services the Connect components reach, by the `aws:endpoints` key of each. */
const ENDPOINT_KEYS = ["cloudcontrolapi", "cloudwatchlogs", "connect", "firehose", "iam", "kinesis", "lambda", "lexv2models", "s3", "sts"];

/**
 * Stack config for a real pulumi-resource-aws against moto (`aws:endpoints` and the skip settings a
 * local endpoint needs). The stand-in ignores it: it reads AWS_ENDPOINT_URL.
 */
export function awsPluginConfig(connectMoto: ConnectMoto, region = "us-east-1"): Record<string, string> {
    const endpoints = [{ ...Object.fromEntries(ENDPOINT_KEYS.map((key) => [key, connectMoto.moto.endpoint])), connect: connectMoto.connectEndpoint }];
    return {
        "aws:region": region,
        "aws:endpoints": JSON.stringify(endpoints),
        "aws:skipCredentialsValidation": "true",
        "aws:skipMetadataApiCheck": "true",
        "aws:skipRegionValidation": "true",
        "aws:s3UsePathStyle": "true",
    };
}

/** The real plugin's version, for test titles and the demo; undefined in stand-in mode. */
export function realPluginVersion(): string | undefined {
    const plugin = realPluginOnPath();
    if (!plugin) return undefined;
    try {
        return execFileSync(plugin, ["-version"], { encoding: "utf8", timeout: 10_000 }).trim();
    } catch {
        return "unknown version";
    }
}

/** moto for Connect with this process's AWS SDK (and the stand-in's clients) pointed at it. */
export interface ConnectFixture {
    readonly connectMoto: ConnectMoto;
    /** Reads IAM straight from moto, for assertions. */
    readonly iam: IAMClient;
}

/**
 * Registers mocha hooks: moto for Connect before the suite, a reset before each test, teardown
 * after. The environment points the stand-in's own modules at moto too, so tests can use them to
 * arrange (an instance made "out of band") and to read what moto and the stand-in hold.
 */
export function useConnectMoto(): ConnectFixture {
    const fixture = {} as { connectMoto: ConnectMoto; iam: IAMClient };
    let restore: (() => void) | undefined;
    before(async function () {
        this.timeout(60_000);
        fixture.connectMoto = await startMotoForConnect();
        restore = pointThisProcessAt(fixture.connectMoto);
        fixture.iam = directIamClient(fixture.connectMoto.moto.endpoint);
    });
    beforeEach(async function () {
        this.timeout(60_000);
        await fixture.connectMoto.reset();
    });
    after(async () => {
        restore?.();
        fixture.iam?.destroy();
        await fixture.connectMoto?.stop();
    });
    return fixture;
}

/**
 * Points this process's AWS SDK settings, and the stand-in's modules loaded in it, at moto and
 * the store; returns a function that restores the previous environment.
 */
export function pointThisProcessAt(connectMoto: ConnectMoto): () => void {
    const keys = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CONNECT", "AWS_STAND_IN_STATE"] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    const restoreSdk = useAwsEndpoint(connectMoto.moto.endpoint);
    process.env.AWS_ENDPOINT_URL = connectMoto.moto.endpoint;
    process.env.AWS_ENDPOINT_URL_CONNECT = connectMoto.connectEndpoint;
    process.env.AWS_STAND_IN_STATE = connectMoto.stateFile;
    resetClients();
    return () => {
        restoreSdk();
        for (const k of keys) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        resetClients();
    };
}

/** Options for {@link createConnectStack}. */
export interface ConnectStackOptions {
    program: automation.PulumiFn;
    projectName?: string;
    stackName?: string;
    config?: Record<string, string>;
    /** IAM endpoint of the package's own provider. @default moto's */
    iamEndpoint?: string;
    /** More environment for the engine, over the plugin's. @default {} */
    extraEnv?: Record<string, string>;
}

/**
 * A stack of the connect-instance example's project against moto, with the AWS plugin of
 * {@link awsPluginMode} (a real plugin also gets `aws:endpoints` pointing at moto).
 */
export function createConnectStack(fixture: ConnectFixture, options: ConnectStackOptions): Promise<TestStack> {
    const mode = awsPluginMode();
    return createStack({
        example: "connect-instance",
        program: options.program,
        projectName: options.projectName ?? "connect-instance-example",
        stackName: options.stackName,
        iamEndpoint: options.iamEndpoint ?? fixture.connectMoto.moto.endpoint,
        extraEnv: { ...awsPluginEnv(fixture.connectMoto, mode), ...options.extraEnv },
        config: { ...(mode === "real" ? awsPluginConfig(fixture.connectMoto) : {}), ...options.config },
    });
}
