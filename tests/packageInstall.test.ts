/**
 * What a new user gets: the packed tarball installed with `npm install` into an empty project that
 * has no `@pulumi/aws`, on the Node that runs this suite (24 in `npm test`, 22 in CI's package run).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { engineEnv, pulumiBinDir } from "./harness/engine";
import { MotoFixture, useMoto } from "./harness/fixtures";
import { serviceLinkedRoles } from "./harness/iam";
import { repoRoot } from "./harness/moto";

const TARBALL = path.join(repoRoot, ".tools", "pack", "pulumi-service-linked-role.tgz");
const TSC = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");

/** The @pulumi/pulumi the repository pins: the Pulumi CLI that setup provides is at least this version. */
function pinnedPulumiVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
}

/** A role-only program, as a user would write it against the package's declarations. */
const ROLE_PROGRAM = `import { ServiceLinkedRole } from "pulumi-service-linked-role/iam";
import * as root from "pulumi-service-linked-role";

const role = new ServiceLinkedRole("connect", { description: "Used by our Connect instances", tags: { team: "cc" } });
const existing = ServiceLinkedRole.get("existing", "AWSServiceRoleForAmazonConnect", { deletionPolicy: "neverDelete" });
const thing: unknown = role;
export const isRole: boolean = root.ServiceLinkedRole.isInstance(thing) && ServiceLinkedRole.isInstance(existing);
export const arn = role.arn;
`;

describe("package: the tarball installed into an empty project, without and then with @pulumi/aws", function () {
    this.timeout(600_000);
    const fx = useMoto();
    let project: string;
    let installLog: string;

    before(function () {
        project = fs.mkdtempSync(path.join(os.tmpdir(), "slr-empty-project-"));
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "empty-project", private: true }, null, 2));
        const install = spawnSync(
            "npm",
            ["install", "--no-audit", "--no-fund", `@pulumi/pulumi@${pinnedPulumiVersion()}`, TARBALL],
            { cwd: project, encoding: "utf8" },
        );
        installLog = install.stdout + install.stderr;
        expect(install.status, installLog).to.equal(0);
    });

    after(() => fs.rmSync(project, { recursive: true, force: true }));

    it("installs without @pulumi/aws, with no engine or peer-dependency warning", () => {
        expect(fs.existsSync(path.join(project, "node_modules", "@pulumi", "aws"))).to.equal(false);
        expect(fs.existsSync(path.join(project, "node_modules", "pulumi-service-linked-role", "package.json"))).to.equal(true);
        expect(installLog).to.not.match(/EBADENGINE|ERESOLVE|peer dep/i);
    });

    it("loads the root, /iam and /policy, and the CLI; /connect names the missing @pulumi/aws", () => {
        const load = (entry: string) => spawnSync(process.execPath, ["-e", `const m = require(${JSON.stringify(entry)}); console.log(Object.keys(m).sort().join(","))`], { cwd: project, encoding: "utf8" });
        for (const entry of ["pulumi-service-linked-role", "pulumi-service-linked-role/iam"]) {
            const run = load(entry);
            expect(run.status, run.stderr).to.equal(0);
            expect(run.stdout.trim().split(",")).to.include.members(["ServiceLinkedRole", "DEPLOYER_POLICY", "deployerPolicyFor", "validateInputs"]);
        }
        const policy = load("pulumi-service-linked-role/policy");
        expect(policy.status, policy.stderr).to.equal(0);
        expect(policy.stdout).to.include("evaluatePolicies");
        const connect = load("pulumi-service-linked-role/connect");
        expect(connect.status).to.not.equal(0);
        expect(connect.stderr).to.include("Cannot find module '@pulumi/aws'");
        const cli = path.join(project, "node_modules", ".bin", "pulumi-service-linked-role");
        expect(execFileSync(cli, ["--version"], { encoding: "utf8" }).trim()).to.equal(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
        const policyJson = execFileSync(cli, ["required-policy", "--region", "us-east-1", "--account", "123456789012"], { encoding: "utf8" });
        expect(JSON.parse(policyJson).Statement[0].Sid).to.equal("ConnectActions");
    });

    it("type-checks a role-only program against the installed declarations, reading no @pulumi/aws file", () => {
        fs.writeFileSync(path.join(project, "index.ts"), ROLE_PROGRAM);
        const tsconfig = { compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", noEmit: true, skipLibCheck: false, types: [] }, files: ["index.ts"] };
        fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(tsconfig));
        const run = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json", "--listFiles"], { cwd: project, encoding: "utf8" });
        expect(run.status, run.stdout + run.stderr).to.equal(0);
        const files = run.stdout.split("\n").filter(Boolean);
        expect(files.filter((f) => f.includes("/@pulumi/aws/"))).to.deep.equal([]);
        expect(files.some((f) => f.endsWith("pulumi-service-linked-role/dist/provider/iam/index.d.ts"))).to.equal(true);
    });

    it("creates and destroys a role with the real engine, on Node 22 or later, with no AWS SDK Node warning", async () => {
        expect(Number(process.versions.node.split(".")[0])).to.be.at.least(22);
        const output = await deployAndDestroy(project, fx);
        expect(output).to.not.include("NodeVersionSupportWarning");
    });

    it("with @pulumi/aws added, /connect loads the Connect component and type-checks", () => {
        const awsVersion = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", "@pulumi", "aws", "package.json"), "utf8")).version;
        const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", `@pulumi/aws@${awsVersion}`], { cwd: project, encoding: "utf8" });
        expect(install.status, install.stdout + install.stderr).to.equal(0);
        expect(install.stdout + install.stderr).to.not.match(/EBADENGINE|ERESOLVE|peer dep/i);
        const probe = `const c = require("pulumi-service-linked-role/connect"); console.log(typeof c.ConnectInstance, typeof c.checkRolePermissions)`;
        const run = spawnSync(process.execPath, ["-e", probe], { cwd: project, encoding: "utf8" });
        expect(run.stdout.trim(), run.stderr).to.equal("function function");
        fs.writeFileSync(path.join(project, "connect.ts"), `import { ConnectInstance } from "pulumi-service-linked-role/connect";\nexport const instance = new ConnectInstance("support", { instanceAlias: "acme-support" });\n`);
        const tsconfig = { compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", noEmit: true, skipLibCheck: true, types: [] }, files: ["connect.ts"] };
        fs.writeFileSync(path.join(project, "tsconfig.connect.json"), JSON.stringify(tsconfig));
        const tsc = spawnSync(process.execPath, [TSC, "-p", "tsconfig.connect.json"], { cwd: project, encoding: "utf8" });
        expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
    });

    it("(control) the same deployment with the dynamic provider on a Node older than 22 shows the SDK's warning", async function () {
        const older = olderNode();
        if (!older) this.skip();
        const output = await deployAndDestroy(project, fx, path.dirname(older!));
        expect(output).to.include("NodeVersionSupportWarning");
    });
});

/** A `node` older than 22 on this machine's PATH outside .tools (the machine's own node), if any. */
function olderNode(): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, "node");
        if (dir.includes(`${path.sep}.tools${path.sep}`) || !fs.existsSync(candidate)) continue;
        const major = Number(spawnSync(candidate, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout.trim());
        if (major > 0 && major < 22) return candidate;
    }
    return undefined;
}

/**
 * Deploys one role from the project with the real engine and destroys it, checking IAM after each,
 * and returns everything the engine printed. `nodeDir` puts another Node first for the provider.
 */
async function deployAndDestroy(project: string, fx: MotoFixture, nodeDir?: string): Promise<string> {
    const local = createRequire(path.join(project, "package.json"));
    const auto = local("@pulumi/pulumi/automation") as typeof automation;
    const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "slr-empty-stack-"));
    fs.mkdirSync(path.join(tempRoot, "backend"));
    const env = engineEnv(tempRoot, path.join(tempRoot, "backend"), fx.moto.endpoint);
    if (nodeDir) env.PATH = `${pulumiBinDir}${path.delimiter}${nodeDir}${path.delimiter}${process.env.PATH}`;
    // The warning is what this checks for: make sure nothing in this process's environment hides it.
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const program = async () => {
        const { ServiceLinkedRole } = local("pulumi-service-linked-role");
        const role = new ServiceLinkedRole("connect", { description: "from an empty project" });
        return { roleName: role.roleName, ownership: role.ownership, isInstance: ServiceLinkedRole.isInstance(role) };
    };
    const stack = await auto.LocalWorkspace.createOrSelectStack(
        { stackName: "empty", projectName: "empty-project", program },
        {
            workDir: project,
            pulumiHome: path.join(tempRoot, "home"),
            envVars: env,
            pulumiCommand: await auto.PulumiCommand.get({ root: path.dirname(pulumiBinDir), skipVersionCheck: true }),
            projectSettings: { name: "empty-project", runtime: "nodejs", backend: { url: `file://${path.join(tempRoot, "backend")}` } },
        },
    );
    try {
        const diagnostics: string[] = [];
        const onEvent = (e: automation.EngineEvent) => e.diagnosticEvent && diagnostics.push(e.diagnosticEvent.message);
        const up = await stack.up({ onEvent });
        expect(up.outputs.ownership.value).to.equal("created");
        expect(up.outputs.isInstance.value).to.equal(true);
        expect((await serviceLinkedRoles(fx.iam)).map((r) => r.RoleName)).to.deep.equal([up.outputs.roleName.value]);
        const destroy = await stack.destroy({ onEvent });
        expect(destroy.summary.resourceChanges).to.deep.equal({ delete: 2 });
        expect(await serviceLinkedRoles(fx.iam)).to.deep.equal([]);
        return [up.stdout, up.stderr, destroy.stdout, destroy.stderr, ...diagnostics].join("\n");
    } finally {
        await stack.workspace.removeStack("empty").catch(() => undefined);
        fs.rmSync(tempRoot, { recursive: true, force: true });
    }
}
