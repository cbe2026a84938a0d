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
        const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent"], { cwd: repoRoot }).toString());
        const files = (pack.files as Array<{ path: string }>).map((f) => f.path);
        for (const required of [
            "dist/provider/index.js",
            "dist/provider/index.d.ts",
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

    it("declares every package its compiled code requires as a dependency", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
        const declared = new Set(Object.keys(manifest.dependencies ?? {}));
        const required = new Set<string>();
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith(".js")) {
                    for (const [, spec] of fs.readFileSync(full, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
                        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
                        if (!builtinModules.includes(name.replace(/^node:/, ""))) required.add(name);
                    }
                }
            }
        };
        walk(path.join(installed, "dist"));
        expect([...required].filter((name) => !declared.has(name))).to.deep.equal([]);
        expect([...required]).to.include.members(["@pulumi/pulumi", "@aws-sdk/client-iam"]);
    });

    it("exposes the public API from the package root, with type declarations", () => {
        const api = exampleRequire("service-linked-role")("pulumi-service-linked-role");
        for (const name of ["ServiceLinkedRole", "ConnectInstance", "ConnectRolePermissionCheck", "checkRolePermissions", "requiredPolicyDocument", "evaluatePolicies", "DEPLOYER_POLICY"]) {
            expect(api, name).to.have.property(name);
        }
        expect(api.DEPLOYER_POLICY.Statement.map((s: { Action: string }) => s.Action)).to.include("iam:CreateServiceLinkedRole");
        const declarations = fs.readFileSync(path.join(installed, "dist/provider/index.d.ts"), "utf8");
        expect(declarations).to.include("ServiceLinkedRole").and.to.include("ConnectInstance");
    });

    it("installs a working CLI binary", () => {
        const bin = path.join(exampleDir("service-linked-role"), "node_modules", ".bin", "pulumi-service-linked-role");
        const help = execFileSync(bin, ["--help"]).toString();
        expect(help).to.include("check-role");
    });
});
