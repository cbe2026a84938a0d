import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import type * as pulumi from "@pulumi/pulumi";
import type { RolloutReport, RolloutSpec } from "../../provider/org";
import { createStack, exampleRequire, TestStack } from "../harness/engine";
import { serviceLinkedRoles } from "../harness/iam";
import { loadOrgApi, useMotoOrganization } from "./support";

const layout = { ous: { team: "root" }, accounts: { t1: "team", t2: "team", t3: "team", t4: "team", t5: "team" } };
const BEANSTALK = "elasticbeanstalk.amazonaws.com";

describe("org rollout: shards, an s3:// backend, and a hand-written stack in the same account", function () {
    this.timeout(900_000);
    const org = useMotoOrganization(layout);
    const api = loadOrgApi();
    const id = (name: string) => org.accountIds[name];
    const roleCount = async (name: string, service: string) => (await serviceLinkedRoles(await org.iamIn(id(name)), service)).length;

    it("two shards sharing a backend end where one run would: a full preview finds nothing to do", async () => {
        const spec: RolloutSpec = {
            project: "org-shards",
            roles: [{ awsServiceName: "connect.amazonaws.com" }],
            accounts: { organizationalUnits: [org.ouIds.team] },
            backend: { url: `file://${path.join(org.tempDir, "state-shards")}` },
        };
        const shards = await Promise.all([1, 2].map((index) => api.runRollout(spec, "up", { ...org.engine, parallel: 2, shard: { index, count: 2 } })));
        const ids = shards.flatMap((r) => r.accounts.map((a) => a.accountId)).sort();
        expect(ids, "disjoint shards that cover every account").to.deep.equal(Object.values(org.accountIds).sort());
        for (const r of shards) expect(r.converged).to.equal(true);
        const full = await api.runRollout(spec, "preview", { ...org.engine, parallel: 3 });
        expect(full.accounts).to.have.length(5);
        for (const a of full.accounts) expect(a, a.accountId).to.include({ outcome: "ok", changed: false, hasStack: true });
        for (const name of Object.keys(layout.accounts)) expect(await roleCount(name, "connect.amazonaws.com"), name).to.equal(1);
    });

    it("state in an s3:// backend on moto's S3, written by the CLI, is read by a second run", async () => {
        // The stand-in plugin's package carries the S3 client; this project itself needs none.
        const { S3Client, CreateBucketCommand } = createRequire(path.join(__dirname, "..", "harness", "awsStandIn", "package.json"))("@aws-sdk/client-s3");
        const s3 = new S3Client({ endpoint: org.moto.endpoint, region: "us-east-1", forcePathStyle: true });
        await s3.send(new CreateBucketCommand({ Bucket: "rollout-state" }));
        s3.destroy();
        const backend = `s3://rollout-state?endpoint=${org.moto.endpoint}&s3ForcePathStyle=true&region=us-east-1`;
        const specFile = path.join(org.tempDir, "s3-spec.yaml");
        fs.writeFileSync(specFile, [
            "project: org-s3",
            "roles:",
            `  - awsServiceName: ${BEANSTALK}`,
            "    tags: { owner: platform }",
            "accounts:",
            `  ids: ["${id("t1")}", "${id("t2")}"]`,
        ].join("\n"));
        const markdown = path.join(org.tempDir, "summary.md");
        const run = async (...args: string[]) => {
            const out: string[] = [];
            const err: string[] = [];
            const { runCli } = await import("../../provider/cli/main");
            process.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "true";
            const code = await runCli(["rollout", ...args, "--spec", specFile, "--backend", backend, "--pulumi-root", org.engine.pulumiRoot, "--pulumi-home", org.engine.pulumiHome], {
                out: (t) => out.push(t),
                err: (t) => err.push(t),
                env: process.env,
            });
            return { code, out: out.join(""), err: err.join("") };
        };
        const up = await run("up", "--json", "--markdown", markdown);
        expect(up.code, up.err).to.equal(0);
        expect((JSON.parse(up.out) as RolloutReport).accounts.map((a) => a.outcome)).to.deep.equal(["ok", "ok"]);
        expect(fs.readFileSync(markdown, "utf8")).to.match(/\| `\d{12}` \| t\d \| up \| ok \|/);
        const status = await run("status");
        expect(status.code, status.out + status.err).to.equal(0);
        expect(status.out).to.match(/AWSServiceRoleForElasticBeanstalk present \(created\), 1 claim/);
        const again = await run("up", "--json");
        for (const a of (JSON.parse(again.out) as RolloutReport).accounts) expect(a, a.accountId).to.include({ hasStack: true, changed: false });
    });

    it("the rollout and a hand-written stack claim the same role, and neither's destroy deletes it under the other", async () => {
        const { ServiceLinkedRole } = exampleRequire("service-linked-role")("pulumi-service-linked-role") as typeof import("../../provider/iam");
        const handWritten = (account: string) =>
            createStack({
                example: "service-linked-role",
                projectName: "hand-written",
                stackName: `in-${account}`,
                iamEndpoint: org.moto.endpoint,
                extraEnv: { AWS_ENDPOINT_URL_STS: org.moto.endpoint },
                program: async () => {
                    const role = new ServiceLinkedRole("beanstalk", {
                        awsServiceName: BEANSTALK,
                        connection: { assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole` }] },
                        expectedAccountId: account,
                    });
                    return { ownership: role.ownership as pulumi.Output<string> };
                },
            });
        const spec: RolloutSpec = {
            project: "org-shared",
            roles: [{ awsServiceName: BEANSTALK }],
            accounts: { ids: [id("t3"), id("t4")] },
            backend: { url: `file://${path.join(org.tempDir, "state-shared")}` },
        };
        let hand3: TestStack | undefined;
        let hand4: TestStack | undefined;
        try {
            hand4 = await handWritten(id("t4"));
            expect((await hand4.stack.up()).outputs.ownership.value).to.equal("created");
            const up = await api.runRollout(spec, "up", { ...org.engine, parallel: 2 });
            expect(up.accounts.map((a) => a.roles![0].ownership)).to.deep.equal(["created", "adopted"]);
            hand3 = await handWritten(id("t3"));
            expect((await hand3.stack.up()).outputs.ownership.value).to.equal("adopted");

            await hand4.stack.destroy();
            expect(await roleCount("t4", BEANSTALK), "the hand-written stack created it, but the rollout still claims it").to.equal(1);
            const destroyed = await api.runRollout(spec, "destroy", { ...org.engine, parallel: 2 });
            expect(destroyed.converged).to.equal(true);
            expect(await roleCount("t3", BEANSTALK), "the rollout created it, but the hand-written stack still claims it").to.equal(1);
        } finally {
            await hand3?.dispose();
            await hand4?.dispose();
        }
    });
});
