import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deployerPolicyFor } from "../../provider/iam/deployerPolicy";
import { managementPolicyFor, memberPolicyFor } from "../../provider/org/permissions";
import { parseShard, planTasks } from "../../provider/org/plan";
import { loadSpecFile } from "../../provider/org/specFile";
import { RolloutSpecError, validateSpec } from "../../provider/org/specValidation";

const problemsOf = (raw: unknown): string[] => {
    try {
        validateSpec(raw);
    } catch (err) {
        if (err instanceof RolloutSpecError) return err.problems;
        throw err;
    }
    return [];
};

describe("org rollout spec", () => {
    it("fills the defaults", () => {
        const spec = validateSpec({ roles: [{ awsServiceName: "connect.amazonaws.com" }], accounts: { organization: true } });
        expect(spec).to.deep.include({ project: "service-linked-roles", memberRole: { name: "OrganizationAccountAccessRole", sessionName: "pulumi-slr-rollout" } });
        expect(spec.accounts).to.deep.equal({ organization: true, managementAccount: false, organizationalUnits: [], ids: [], exclude: [] });
    });

    it("refuses a bad spec naming every field, with the role rules of ServiceLinkedRole", () => {
        const problems = problemsOf({
            roles: [{ awsServiceName: "connect.amazonaws.com", deletionPolicy: "sometimes" }, { awsServiceName: "connect.amazonaws.com", colour: "red" }],
            accounts: { ids: ["12345"], organizationalUnits: ["ou-bad"] },
            memberRole: { sessionName: "x" },
            backnd: {},
        });
        expect(problems.join("\n")).to.match(/roles\[0\]\.deletionPolicy must be one of/);
        expect(problems.join("\n")).to.match(/roles\[1\]\.colour is not a known field/);
        expect(problems.join("\n")).to.match(/roles\[1\] repeats roles\[0\]/);
        expect(problems.join("\n")).to.match(/accounts\.ids\[0\] must be 12-digit account ids/);
        expect(problems.join("\n")).to.match(/accounts\.organizationalUnits\[0\] must be OU ids/);
        expect(problems.join("\n")).to.match(/memberRole\.sessionName must be 2 to 64/);
        expect(problems.join("\n")).to.match(/^backnd is not a known field/m);
        expect(problemsOf({ roles: [], accounts: {} })).to.have.length(2);
    });

    it("reads YAML (unquoted ids too) and JSON files, and resolves the default backend next to the file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "slr-spec-"));
        try {
            fs.writeFileSync(path.join(dir, "s.yaml"), "roles:\n  - awsServiceName: connect.amazonaws.com\naccounts:\n  ids: [111111111111]\n");
            expect(loadSpecFile(path.join(dir, "s.yaml"))).to.deep.include({ backendUrl: `file://${path.join(dir, ".pulumi-rollout")}` });
            expect(loadSpecFile(path.join(dir, "s.yaml")).accounts.ids).to.deep.equal(["111111111111"]);
            fs.writeFileSync(path.join(dir, "s.json"), JSON.stringify({ roles: [{ awsServiceName: "x" }], accounts: { organization: true }, backend: { url: "file://state" } }));
            expect(() => loadSpecFile(path.join(dir, "s.json"))).to.throw(RolloutSpecError, /roles\[0\]\.awsServiceName/);
            fs.writeFileSync(path.join(dir, "bad.yaml"), "roles: [\n");
            expect(() => loadSpecFile(path.join(dir, "bad.yaml"))).to.throw(RolloutSpecError, /not valid YAML/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("org rollout plan", () => {
    const accounts = Array.from({ length: 40 }, (_, i) => ({ id: String(100000000000 + i * 7919) }));
    it("destroys the stacks of accounts that left the selection on up, previews them on preview", () => {
        const tasks = planTasks("up", accounts.slice(0, 2), [accounts[1].id, "999999999999"]);
        expect(tasks.map((t) => [t.accountId, t.action, t.reason, t.hasStack])).to.deep.equal([
            [accounts[0].id, "up", "selected", false],
            [accounts[1].id, "up", "selected", true],
            ["999999999999", "destroy", "leftSelection", true],
        ]);
        expect(planTasks("preview", [], ["999999999999"])[0].action).to.equal("previewDestroy");
    });

    it("shards split every account (selected or stale) into disjoint sets, independent of the rest", () => {
        const stale = ["999999999999"];
        const shards = [1, 2, 3].map((index) => planTasks("up", accounts, stale, { index, count: 3 }).map((t) => t.accountId));
        expect(shards.flat().sort()).to.deep.equal([...accounts.map((a) => a.id), ...stale].sort());
        for (const s of shards) expect(s.length).to.be.greaterThan(5);
        expect(() => parseShard("3/2")).to.throw(/--shard must be k\/n/);
        expect(parseShard("2/4")).to.deep.equal({ index: 2, count: 4 });
    });
});

describe("org rollout permissions", () => {
    it("management: Organizations reads and sts:AssumeRole on the member role; member: the deployer policy of each service", () => {
        const spec = { roles: [{ awsServiceName: "connect.amazonaws.com" }, { awsServiceName: "elasticbeanstalk.amazonaws.com" }], accounts: {} };
        const management = managementPolicyFor(spec, { partition: "aws-us-gov" });
        expect(management.Statement.map((s) => s.Action)).to.deep.include("sts:AssumeRole");
        expect(management.Statement.find((s) => s.Action === "sts:AssumeRole")!.Resource).to.equal("arn:aws-us-gov:iam::*:role/OrganizationAccountAccessRole");
        expect(management.Statement[0].Action).to.include("organizations:ListChildren");
        expect(managementPolicyFor({ ...spec, accounts: { managementAccount: true } }).Statement.length).to.be.greaterThan(management.Statement.length);
        const member = memberPolicyFor(spec);
        const connect = deployerPolicyFor("connect.amazonaws.com").Statement.length;
        expect(member.Statement.length, "iam:ListRoles on * appears once").to.equal(connect * 2 - 1);
        expect(new Set(member.Statement.map((s) => s.Sid)).size).to.equal(member.Statement.length);
    });
});
