import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { expect } from "chai";
import { exampleDir, exampleRequire } from "./harness/engine";
import { repoRoot } from "./harness/moto";

// What users get from `npm install`: the tarball setup packed and installed into the examples.
const installed = path.join(exampleDir("service-linked-role"), "node_modules", "pulumi-service-linked-role");

describe("package: the packed tarball as users install it", () => {
    it("contains the compiled library, types, CLI, deployer policy, README and licence, and no sources or tests", () => {
        const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent", "--ignore-scripts"], { cwd: repoRoot }).toString());
        const files = (pack.files as Array<{ path: string }>).map((f) => f.path);
        for (const required of [
            "dist/provider/index.js",
            "dist/provider/index.d.ts",
            "dist/provider/iam/index.js",
            "dist/provider/iam/index.d.ts",
            "dist/provider/connect/index.js",
            "dist/provider/policy/index.js",
            "dist/provider/cli/main.js",
            "dist/provider/iam/lifecycle.js",
            "dist/provider/iam/deployer-policy.json",
            "README.md",
            "LICENSE",
            "package.json",
        ]) {
            expect(files, required).to.include(required);
        }
        expect(files.filter((f) => f.startsWith("tests/") || f.startsWith("provider/") || f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal([]);
    });

    it("declares every package its compiled code requires; only the Connect component needs the optional peer @pulumi/aws", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
        const requiredBy = new Map<string, string[]>();
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith(".js")) {
                    for (const [, spec] of fs.readFileSync(full, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
                        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                        if (!builtinModules.includes(name.replace(/^node:/, ""))) requiredBy.set(name, [...(requiredBy.get(name) ?? []), path.relative(installed, full)]);
                    }
                }
            }
        };
        walk(path.join(installed, "dist"));
        expect([...requiredBy.keys()].filter((name) => !declared.has(name))).to.deep.equal([]);
        expect([...requiredBy.keys()]).to.include.members(["@pulumi/pulumi", "@aws-sdk/client-iam"]);
        expect(requiredBy.get("@pulumi/aws")).to.not.be.empty;
        expect(requiredBy.get("@pulumi/aws")!.filter((file) => !file.startsWith("dist/provider/connect/"))).to.deep.equal([]);
        expect(manifest.dependencies).to.not.have.property("@pulumi/aws");
        expect(manifest.peerDependenciesMeta["@pulumi/aws"]).to.deep.equal({ optional: true });
    });

    it("exposes the role at the root and /iam, Connect at /connect, the evaluator at /policy, each with declarations", () => {
        const load = exampleRequire("connect-instance");
        const expected: Record<string, string[]> = {
            "pulumi-service-linked-role": ["ServiceLinkedRole", "DEPLOYER_POLICY", "deployerPolicyFor", "validateInputs", "DEFAULT_AWS_SERVICE_NAME"],
            "pulumi-service-linked-role/iam": ["ServiceLinkedRole", "DEPLOYER_POLICY", "deployerPolicyFor", "validateInputs", "DEFAULT_AWS_SERVICE_NAME"],
            "pulumi-service-linked-role/connect": ["ConnectInstance", "ConnectRolePermissionCheck", "checkRolePermissions", "requiredPolicyDocument", "managedPolicyGaps"],
            "pulumi-service-linked-role/policy": ["evaluatePolicies", "parsePolicy", "combineWithBoundary"],
        };
        for (const [entry, names] of Object.entries(expected)) {
            expect(Object.keys(load(entry)), entry).to.include.members(names);
        }
        expect(load("pulumi-service-linked-role")).to.not.have.property("ConnectInstance");
        expect(load("pulumi-service-linked-role").DEPLOYER_POLICY.Statement.map((s: { Action: string }) => s.Action)).to.include("iam:CreateServiceLinkedRole");
        for (const declarations of ["index", "iam/index", "connect/index", "policy/index"]) {
            expect(fs.existsSync(path.join(installed, "dist/provider", `${declarations}.d.ts`)), declarations).to.equal(true);
        }
        // State written before the exports map holds require("pulumi-service-linked-role/dist/provider/iam/provider.js").
        expect(load("pulumi-service-linked-role/dist/provider/iam/provider.js")).to.have.property("create");
        expect(load("pulumi-service-linked-role/dist/provider/iam/deployer-policy.json")).to.have.property("Statement");
    });

    it("loads no @pulumi/aws module for the root, /iam or /policy, and hundreds for /connect (the probe's control)", () => {
        const cwd = exampleDir("connect-instance");
        expect(fs.existsSync(path.join(cwd, "node_modules", "@pulumi", "aws")), "the probe project has @pulumi/aws").to.equal(true);
        const awsModules = (entry: string) => {
            const probe = `require(${JSON.stringify(entry)}); console.log(Object.keys(require.cache).filter((f) => f.includes("/node_modules/@pulumi/aws/")).length)`;
            return Number(execFileSync(process.execPath, ["-e", probe], { cwd, encoding: "utf8" }).trim());
        };
        for (const entry of ["pulumi-service-linked-role", "pulumi-service-linked-role/iam", "pulumi-service-linked-role/policy"]) {
            expect(awsModules(entry), entry).to.equal(0);
        }
        expect(awsModules("pulumi-service-linked-role/connect")).to.be.above(100);
    });

    it("is ready to publish: Node 22 or later, repository, bugs and homepage, and prepublishOnly tests the tarball", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
        expect(manifest.engines.node).to.equal(">=22");
        expect(manifest.repository.url).to.match(/^git\+https:\/\/.+\.git$/);
        expect(manifest.bugs.url).to.be.a("string");
        expect(manifest.homepage).to.be.a("string");
        expect(manifest.scripts.prepublishOnly).to.equal("npm run test:package");
        expect(manifest.scripts["test:package"]).to.include("tests/package*.test.ts");
        expect(manifest.scripts.prepare, "git installs build through prepare").to.include("tsc");
    });

    it("installs a working CLI binary", () => {
        const bin = path.join(exampleDir("service-linked-role"), "node_modules", ".bin", "pulumi-service-linked-role");
        const help = execFileSync(bin, ["--help"]).toString();
        expect(help).to.include("check-role").and.to.include("required-policy");
    });
});
