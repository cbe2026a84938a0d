import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import type { AccountResult, RolloutReport, RolloutSpec } from "../../provider/org";
import { serviceLinkedRoles } from "../harness/iam";
import { watchEngines } from "./concurrency";
import { denyMemberRole, loadOrgApi, useMotoOrganization } from "./support";

// One organization of 20 member accounts in nested OUs (plus the management account), shared by
// the steps below, which run in order: each starts from the state the previous one left.
const layout = {
    ous: { workloads: "root", prod: "workloads", prodEu: "prod", dev: "workloads", sandbox: "root" },
    accounts: {
        w1: "workloads",
        ...Object.fromEntries(["p1", "p2", "p3", "p4", "p5"].map((n) => [n, "prod"])),
        ...Object.fromEntries(["e1", "e2", "e3", "e4"].map((n) => [n, "prodEu"])),
        ...Object.fromEntries(["d1", "d2", "d3", "d4", "d5", "d6"].map((n) => [n, "dev"])),
        ...Object.fromEntries(["s1", "s2", "s3", "s4"].map((n) => [n, "sandbox"])),
    },
};

const CONNECT = "connect.amazonaws.com";

describe("org rollout against moto Organizations", function () {
    this.timeout(900_000);
    const org = useMotoOrganization(layout);
    const api = loadOrgApi();
    const id = (name: string) => org.accountIds[name];
    const byName = (report: RolloutReport) => Object.fromEntries(report.accounts.map((a) => [a.accountName ?? a.accountId, a])) as Record<string, AccountResult>;
    const hasRole = async (name: string, service = CONNECT) => (await serviceLinkedRoles(await org.iamIn(id(name)), service)).length === 1;
    let spec: RolloutSpec;
    let workRoot: string;

    before(async () => {
        spec = {
            project: "org-main",
            roles: [{ awsServiceName: CONNECT, description: "Amazon Connect (rollout)" }],
            accounts: { organizationalUnits: [org.ouIds.workloads], ids: [id("s1")], exclude: [id("d6")], managementAccount: true },
            backend: { url: `file://${path.join(org.tempDir, "state-main")}` },
        };
        workRoot = path.join(org.tempDir, "work");
        org.ouIds.management = org.managementId;
        for (const name of ["p1", "e1"]) await (await org.iamIn(id(name))).send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT }));
        denyMemberRole(org.proxy, [id("d5")]);
    });

    it("up: every reachable account converges, roles that existed are adopted, the denied account is reported, the bound holds", async () => {
        const watch = watchEngines(workRoot);
        const report = await api.runRollout(spec, "up", { ...org.engine, workRoot, parallel: 5 });
        const maxRunning = watch.stop();
        const results = byName(report);
        expect(report.converged, "one account is unreachable").to.equal(false);
        expect(results.d5.outcome).to.equal("unreachable");
        expect(results.d5.error).to.match(/AccessDenied/);
        expect(results.d6, "excluded").to.equal(undefined);
        expect(results.s2, "not selected").to.equal(undefined);
        const management = report.accounts.find((a) => a.accountId === org.managementId);
        expect(management?.outcome).to.equal("ok");
        const reachable = report.accounts.filter((a) => a.outcome !== "unreachable");
        expect(reachable).to.have.length(16); // 16 nested under workloads less d5 (denied) and d6 (excluded), then s1 and management
        for (const a of reachable) expect(a.outcome, `${a.accountName}: ${a.error}`).to.equal("ok");
        expect(results.p1.roles![0].ownership).to.equal("adopted");
        expect(results.e1.roles![0].ownership).to.equal("adopted");
        expect(results.p2.roles![0].ownership).to.equal("created");
        for (const name of ["w1", "p2", "e4", "d1", "s1", "p1"]) expect(await hasRole(name), name).to.equal(true);
        expect(await hasRole("d5"), "nothing ran in the unreachable account").to.equal(false);
        expect(await hasRole("s2"), "nothing ran outside the selection").to.equal(false);
        expect(maxRunning, "stacks running at once").to.be.at.most(5).and.at.least(2);
    });

    it("a second up with nothing changed reports no changes", async () => {
        const report = await api.runRollout(spec, "up", { ...org.engine, workRoot, parallel: 5 });
        for (const a of report.accounts.filter((r) => r.outcome !== "unreachable")) expect(a.changed, `${a.accountName}: ${JSON.stringify(a.changes)} ${a.error}`).to.equal(false);
    });

    it("status shows a role deleted out of band and accounts that left; up brings the role back and cleans up after them", async () => {
        await (await org.iamIn(id("d1"))).send(new DeleteServiceLinkedRoleCommand({ RoleName: "AWSServiceRoleForconnect" }));
        await org.move("e2", "prodEu", "sandbox"); // created by the rollout
        await org.move("p1", "prod", "sandbox"); // adopted by the rollout
        await org.move("d4", "dev", "sandbox");
        denyMemberRole(org.proxy, [id("d5"), id("d4")]); // d4 has a stack and can no longer be reached
        const status = byName(await api.runRollout(spec, "status", { ...org.engine, workRoot, parallel: 5 }));
        expect(status.d1.outcome).to.equal("drift");
        expect(status.d1.roles![0]).to.include({ state: "missing" });
        expect(status.d2.outcome).to.equal("ok");
        expect(status.d2.roles![0].claims).to.have.length(1);
        expect(status[id("e2")].reason).to.equal("leftSelection");

        const report = await api.runRollout(spec, "up", { ...org.engine, workRoot, parallel: 5 });
        const results = byName(report);
        expect(results.d1.changes).to.deep.include({ create: 1 });
        expect(await hasRole("d1")).to.equal(true);
        expect(results[id("e2")]).to.include({ action: "destroy", outcome: "ok" });
        expect(await hasRole("e2"), "created by the rollout, deleted when the account left").to.equal(false);
        expect(results[id("p1")]).to.include({ action: "destroy", outcome: "ok" });
        expect(await hasRole("p1"), "adopted: never deleted").to.equal(true);
        expect(results[id("d4")].outcome, "unreachable, kept").to.equal("unreachable");
        expect(fs.existsSync(path.join(org.tempDir, "state-main", ".pulumi", "stacks", "org-main", `${id("d4")}.json`))).to.equal(true);
        expect(fs.existsSync(path.join(org.tempDir, "state-main", ".pulumi", "stacks", "org-main", `${id("e2")}.json`))).to.equal(false);
    });

    it("the management account is left out unless the spec includes it", async () => {
        const report = await api.runRollout({ ...spec, project: "org-nomgmt", accounts: { ids: [id("s3")] } }, "preview", { ...org.engine, parallel: 2 });
        expect(report.accounts.map((a) => a.accountId)).to.deep.equal([id("s3")]);
        expect(report.accounts[0]).to.include({ outcome: "ok", changed: true });
        expect(await hasRole("s3"), "preview changes nothing").to.equal(false);
    });
});
