import { ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { exampleDir, exampleRequire, pulumiBinDir } from "../tests/harness/engine";
import type { FaultProxy } from "../tests/harness/faultProxy";
import { testCredentials } from "../tests/harness/moto";
import { BENCH_SERVICE, EXAMPLE } from "./program";
import type { ColdStartResult, ColdStartSamples } from "./types";
import { log, now } from "./util";

/** The launcher the engine runs for dynamic providers (setup links it next to the CLI). */
export const LAUNCHER = path.join(pulumiBinDir, "pulumi-resource-pulumi-nodejs");

/* eslint-disable @typescript-eslint/no-explicit-any -- generated gRPC stubs without usable typings here */
interface Rpc {
    grpc: any;
    ProviderClient: any;
    pb: any;
    Struct: any;
    Empty: any;
}

/** gRPC stubs from the example's @pulumi/pulumi, with the protobuf runtime that those stubs use. */
function loadRpc(): Rpc {
    const fromPulumi = createRequire(exampleRequire(EXAMPLE).resolve("@pulumi/pulumi/proto/provider_pb.js"));
    return {
        grpc: fromPulumi("@grpc/grpc-js"),
        ProviderClient: fromPulumi("./provider_grpc_pb.js").ResourceProviderClient,
        pb: fromPulumi("./provider_pb.js"),
        Struct: fromPulumi("google-protobuf/google/protobuf/struct_pb.js").Struct,
        Empty: fromPulumi("google-protobuf/google/protobuf/empty_pb.js").Empty,
    };
}

/**
 * Cold start of the dynamic-provider process, `samples` times: spawn the launcher (and, to separate
 * its cost, the dynamic-provider script directly), wait for the gRPC port on stdout, then send what
 * the engine sends first (GetPluginInfo, Configure), a Check carrying the stored `__provider`, and two
 * Reads of a role that does not exist (the first loads the AWS SDK; each makes one GetRole).
 */
export async function measureColdStart(proxy: FaultProxy, serializedProvider: string, samples: number): Promise<ColdStartResult> {
    const rpc = loadRpc();
    const script = exampleRequire(EXAMPLE).resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        PATH: `${pulumiBinDir}${path.delimiter}${process.env.PATH ?? ""}`,
        AWS_ENDPOINT_URL_IAM: proxy.endpoint,
        AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
        AWS_SESSION_TOKEN: testCredentials.sessionToken,
        AWS_REGION: "us-east-1",
    };
    const launcher = emptySamples();
    const direct = emptySamples();
    proxy.reset();
    for (let i = 0; i < samples; i++) {
        // Alternate which variant goes first, so neither always meets a warmer page cache.
        const order: Array<[ColdStartSamples, string, string[]]> = [
            [launcher, LAUNCHER, []],
            [direct, process.execPath, [script]],
        ];
        if (i % 2) order.reverse();
        for (const [into, command, args] of order) {
            const sample = await oneColdStart(rpc, command, args, env, serializedProvider, `cold-${i}`);
            for (const key of Object.keys(into) as Array<keyof ColdStartSamples>) into[key].push(sample[key]);
        }
        log(`cold start ${i + 1}/${samples}: launcher port ${Math.round(launcher.portMs.at(-1)!)} ms, first Read ${Math.round(launcher.firstReadMs.at(-1)!)} ms`);
    }
    proxy.reset();
    return { samples, launcher, direct };
}

function emptySamples(): ColdStartSamples {
    return { portMs: [], firstRpcMs: [], firstCheckMs: [], firstReadMs: [], warmReadMs: [] };
}

async function oneColdStart(rpc: Rpc, command: string, args: string[], env: Record<string, string>, serializedProvider: string, suffix: string) {
    const started = now();
    // The provider only checks that an engine address is given; it never dials it for these calls.
    const child = spawn(command, [...args, "127.0.0.1:1"], { cwd: exampleDir(EXAMPLE), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    try {
        const port = await firstLine(child, () => stderr);
        const portMs = now() - started;
        const client = new rpc.ProviderClient(`127.0.0.1:${port}`, rpc.grpc.credentials.createInsecure());
        const call = <T>(method: string, request: unknown) =>
            new Promise<T>((resolve, reject) => client[method](request, (err: Error | null, response: T) => (err ? reject(err) : resolve(response))));
        try {
            await call("getPluginInfo", new rpc.Empty());
            const firstRpcMs = now() - started;

            const configure = new rpc.pb.ConfigureRequest();
            configure.setArgs(rpc.Struct.fromJavaScript({}));
            await call("configure", configure);

            const urn = `urn:pulumi:bench::bench::pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole::${suffix}`;
            const news = { __provider: serializedProvider, awsServiceName: BENCH_SERVICE, customSuffix: suffix };
            const check = new rpc.pb.CheckRequest();
            check.setUrn(urn);
            check.setOlds(rpc.Struct.fromJavaScript({}));
            check.setNews(rpc.Struct.fromJavaScript(news));
            await call("check", check);
            const firstCheckMs = now() - started;

            const read = () => {
                const request = new rpc.pb.ReadRequest();
                request.setId(`AWSServiceRoleForconnect_${suffix}`);
                request.setUrn(urn);
                request.setProperties(rpc.Struct.fromJavaScript(news));
                return call<{ getId(): string }>("read", request);
            };
            const answer = await read();
            if (answer.getId() !== "") throw new Error(`Read of a missing role answered id ${answer.getId()}`);
            const firstReadMs = now() - started;
            const warmStarted = now();
            await read();
            const warmReadMs = now() - warmStarted;
            return { portMs, firstRpcMs, firstCheckMs, firstReadMs, warmReadMs };
        } finally {
            client.close();
        }
    } finally {
        await stopGroup(child);
    }
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`no port within 30 s; stderr: ${stderr()}`)), 30_000);
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const newline = out.indexOf("\n");
            if (newline >= 0) {
                clearTimeout(timer);
                resolve(out.slice(0, newline).trim());
            }
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`provider exited with ${code} before printing its port; stderr: ${stderr()}`));
        });
    });
}

/** Stops the process group this bench started (the launcher is a shell that runs node as its child). */
function stopGroup(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = (signal: NodeJS.Signals) => {
            try {
                process.kill(-child.pid!, signal);
            } catch {
                // already gone
            }
        };
        const timer = setTimeout(() => kill("SIGKILL"), 3000);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve();
        });
        kill("SIGTERM");
    });
}
