/**
 * The module paths serialized dynamic providers load are public API: state written by any release
 * holds `require("pulumi-service-linked-role/dist/provider/...")`, and refresh and destroy load that
 * path from whichever version is installed. Every path in the checked-in states, and every provider
 * module the sources use today, must ship in the tarball and export what the closure calls.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { releases } from "../data/upgrade/fixtures";
import { exampleRequire } from "../harness/engine";
import { repoRoot } from "../harness/moto";

/** The provider modules the sources pass to `pulumi.dynamic.Resource`, as package paths. */
function providerModulesInSources(): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith(".ts")) {
                const text = fs.readFileSync(full, "utf8");
                for (const [, name] of text.matchAll(/(\w+) as pulumi\.dynamic\.ResourceProvider/g)) {
                    const imported = new RegExp(`import \\* as ${name} from "([^"]+)"`).exec(text);
                    if (!imported) throw new Error(`${full}: provider ${name} is not a module import`);
                    const rel = path.relative(path.join(repoRoot, "provider"), path.resolve(path.dirname(full), imported[1]));
                    found.push(`pulumi-service-linked-role/dist/provider/${rel}.js`);
                }
            }
        }
    };
    walk(path.join(repoRoot, "provider"));
    return [...new Set(found)].sort();
}

describe("package: dynamic provider module paths are public API", () => {
    const packed = (JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--silent", "--ignore-scripts"], { cwd: repoRoot }).toString())[0].files as Array<{ path: string }>).map((f) => f.path);
    const load = exampleRequire("connect-instance");

    it("the sources use exactly the four provider modules, each kept at its path", () => {
        expect(providerModulesInSources()).to.deep.equal([
            "pulumi-service-linked-role/dist/provider/connect/instanceAttributesProvider.js",
            "pulumi-service-linked-role/dist/provider/connect/instanceGuardProvider.js",
            "pulumi-service-linked-role/dist/provider/connect/roleCheckProvider.js",
            "pulumi-service-linked-role/dist/provider/iam/provider.js",
        ]);
    });

    for (const release of releases()) {
        it(`every module the state of v${release.manifest.packageVersion} requires ships and exports the methods it exported then`, () => {
            const modules = Object.entries(release.manifest.providerModules);
            expect(modules).to.have.length.at.least(4);
            for (const [spec, methods] of modules) {
                expect(packed, spec).to.include(spec.replace(/^pulumi-service-linked-role\//, ""));
                const exported = load(spec) as Record<string, unknown>;
                for (const method of methods) expect(typeof exported[method], `${spec} ${method}`).to.equal("function");
            }
        });
    }

    it("every module the sources use today ships in the tarball and loads from the installed package", () => {
        for (const spec of providerModulesInSources()) {
            expect(packed, spec).to.include(spec.replace(/^pulumi-service-linked-role\//, ""));
            expect(load(spec), spec).to.have.property("create").that.is.a("function");
        }
    });
});
