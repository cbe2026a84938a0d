/**
 * Rollout bench: wall time and peak memory of `runRollout` over N accounts at parallelism P,
 * against the same accounts done as ONE stack with a per-resource `connection` each, on a moto
 * organization. Run alone: `node --import tsx bench/rollout.ts --accounts 10,50,200 --parallel 1,4,8`
 * (or through `bench/run.ts --rollout`). Peak memory is the sum of the RSS of this process and
 * every process under it, sampled every 100 ms from /proc.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import type * as org from "../provider/org";
import { createStack, exampleRequire, pulumiBinDir } from "../tests/harness/engine";
import { startMoto, testCredentials } from "../tests/harness/moto";

interface Measure {
    kind: "rollout" | "oneStack";
    accounts: number;
    parallel?: number;
    wallSeconds: number;
    accountsPerMinute: number;
    peakRssMiB: number;
}

function treeRssMiB(): number {
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
        try {
            const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            const parent = Number(fields[1]);
            rss.set(Number(pid), (Number(fields[21]) * 4096) / 2 ** 20);
            children.set(parent, [...(children.get(parent) ?? []), Number(pid)]);
        } catch {
            // ended
        }
    }
    let total = 0;
    const walk = (pid: number) => {
        total += rss.get(pid) ?? 0;
        for (const c of children.get(pid) ?? []) walk(c);
    };
    walk(process.pid);
    return total;
}

async function measured<T>(work: () => Promise<T>): Promise<{ seconds: number; peak: number; value: T }> {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssMiB())), 100);
    const start = Date.now();
    try {
        const value = await work();
        return { seconds: (Date.now() - start) / 1000, peak, value };
    } finally {
        clearInterval(timer);
    }
}

export async function measureRollout(accountCounts: number[], parallels: number[]): Promise<Measure[]> {
    const moto = await startMoto();
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "slr-bench-rollout-"));
    const saved = { ...process.env };
    Object.assign(process.env, {
        AWS_ENDPOINT_URL_IAM: moto.endpoint,
        AWS_ENDPOINT_URL_STS: moto.endpoint,
        AWS_ENDPOINT_URL_ORGANIZATIONS: moto.endpoint,
        AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
        AWS_REGION: "us-east-1",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    });
    const results: Measure[] = [];
    try {
        const api = exampleRequire("service-linked-role")("pulumi-service-linked-role/org") as typeof org;
        const orgs = new OrganizationsClient({ endpoint: moto.endpoint, region: "us-east-1" });
        await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
        const ids: string[] = [];
        const engine = { pulumiRoot: path.dirname(pulumiBinDir), pulumiHome: path.join(temp, "home") };
        let run = 0;
        for (const count of accountCounts) {
            while (ids.length < count) ids.push((await orgs.send(new CreateAccountCommand({ AccountName: `b${ids.length}`, Email: `b${ids.length}@example.com` }))).CreateAccountStatus!.AccountId!);
            for (const parallel of parallels) {
                // A fresh project per run, so each run creates (or adopts) in every account.
                const spec = { project: `bench-${run++}`, roles: [{ awsServiceName: "connect.amazonaws.com", deletionPolicy: "neverDelete" as const }], accounts: { ids: ids.slice(0, count) }, backend: { url: `file://${path.join(temp, "state")}` } };
                const m = await measured(() => api.runRollout(spec, "up", { ...engine, parallel }));
                if (!m.value.converged) throw new Error(`rollout of ${count} at ${parallel} did not converge: ${JSON.stringify(m.value.accounts.find((a) => a.outcome !== "ok"))}`);
                results.push({ kind: "rollout", accounts: count, parallel, wallSeconds: m.seconds, accountsPerMinute: (count * 60) / m.seconds, peakRssMiB: Math.round(m.peak) });
                console.log(JSON.stringify(results.at(-1)));
            }
            const { ServiceLinkedRole } = exampleRequire("service-linked-role")("pulumi-service-linked-role") as typeof import("../provider/iam");
            const stack = await createStack({
                example: "service-linked-role",
                projectName: `bench-one-${run++}`,
                iamEndpoint: moto.endpoint,
                program: async () => {
                    for (const id of ids.slice(0, count)) {
                        new ServiceLinkedRole(`role-${id}`, { deletionPolicy: "neverDelete", connection: { assumeRoles: [{ roleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole` }] }, expectedAccountId: id });
                    }
                },
            });
            const m = await measured(() => stack.stack.up());
            results.push({ kind: "oneStack", accounts: count, wallSeconds: m.seconds, accountsPerMinute: (count * 60) / m.seconds, peakRssMiB: Math.round(m.peak) });
            console.log(JSON.stringify(results.at(-1)));
            await stack.dispose();
        }
        orgs.destroy();
    } finally {
        process.env = saved;
        await moto.stop();
        fs.rmSync(temp, { recursive: true, force: true });
    }
    return results;
}

function listArg(argv: string[], flag: string, fallback: number[]): number[] {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1].split(",").map(Number) : fallback;
}

if (require.main === module) {
    const argv = process.argv.slice(2);
    measureRollout(listArg(argv, "--accounts", [10, 50, 200]), listArg(argv, "--parallel", [1, 4, 8])).then(
        (results) => {
            const out = argv.includes("--out") ? argv[argv.indexOf("--out") + 1] : path.join(__dirname, ".work", "rollout.json");
            fs.mkdirSync(path.dirname(out), { recursive: true });
            fs.writeFileSync(out, JSON.stringify(results, null, 2));
            console.log(`wrote ${out}`);
        },
        (err) => {
            console.error(err);
            process.exit(1);
        },
    );
}
