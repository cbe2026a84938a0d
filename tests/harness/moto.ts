import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/** A running moto server on loopback. */
export interface MotoServer {
    /** Base URL, e.g. `http://127.0.0.1:40123`. */
    readonly endpoint: string;
    readonly port: number;
    /** Wipes every emulated resource (moto's reset API), so tests start from an empty account. */
    reset(): Promise<void>;
    stop(): Promise<void>;
}

/** Repository root, independent of the caller's working directory. */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** The moto_server entry point that `scripts/setup.sh` installs into the project-local venv. */
export const motoServerBin = path.join(repoRoot, ".tools", "venv", "bin", "moto_server");

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const { port } = srv.address() as net.AddressInfo;
            srv.close(() => resolve(port));
        });
    });
}

/**
 * Starts moto on a free 127.0.0.1 port and waits until it answers.
 * `extraEnv` passes settings such as `INITIAL_NO_AUTH_ACTION_COUNT` to moto.
 */
export async function startMoto(extraEnv: Record<string, string> = {}): Promise<MotoServer> {
    if (!fs.existsSync(motoServerBin)) {
        throw new Error(`moto_server not found at ${motoServerBin}; run 'bash scripts/setup.sh' first`);
    }
    // Test files run in parallel workers, each asking the OS for a free port and binding it a moment
    // later: another worker may take the port in between, so a moto that exits at start tries again.
    for (let attempt = 1; ; attempt++) {
        try {
            return await startMotoOnce(await freePort(), extraEnv);
        } catch (err) {
            if (attempt >= 3 || !(err instanceof MotoExitedError)) throw err;
        }
    }
}

class MotoExitedError extends Error {}

async function startMotoOnce(port: number, extraEnv: Record<string, string>): Promise<MotoServer> {
    const child = spawn(motoServerBin, ["-H", "127.0.0.1", "-p", String(port)], {
        env: { ...process.env, ...extraEnv },
        stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilAnswering(endpoint, child, () => stderr);
    return {
        endpoint,
        port,
        reset: async () => {
            const res = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
            if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
        },
        stop: () => stopProcess(child),
    };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, stderr: () => string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new MotoExitedError(`moto_server exited with code ${child.exitCode}: ${stderr()}`);
        }
        try {
            const res = await fetch(`${endpoint}/moto-api/`);
            if (res.status < 500) return;
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 150));
    }
    child.kill("SIGKILL");
    throw new Error(`moto_server did not answer within 30 s: ${stderr()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve();
        });
        child.kill("SIGTERM");
    });
}

/**
 * Points the AWS SDK of this process at an endpoint with fake, recognisable credentials,
 * and returns a function that restores the previous environment.
 */
export function useAwsEndpoint(endpoint: string, credentials = testCredentials): () => void {
    const keys = ["AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"] as const;
    const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
    process.env.AWS_ENDPOINT_URL_IAM = endpoint;
    process.env.AWS_ENDPOINT_URL_STS = endpoint;
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
    process.env.AWS_REGION = "us-east-1";
    return () => {
        for (const k of keys) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    };
}

/** Planted credential values: tests assert that none of them ever shows up in state or output. */
export const testCredentials = {
    accessKeyId: "AKIAPLANTEDTESTKEY01",
    secretAccessKey: "planted-secret-access-key-7c1e9f3a5b",
    sessionToken: "planted-session-token-4d2b8e6f0a",
};
