// The stand-in's replacement table against the installed @pulumi/aws: every input property of
// every implemented type must have a rule, and the provider's diff must follow the table.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { RESOURCES } from "../harness/awsStandIn/main";
import { StandInProvider } from "../harness/awsStandIn/provider";
import { REPLACEMENT_RULES, TypeRules } from "../harness/awsStandIn/replacement";
import { repoRoot } from "../harness/moto";

const AWS_SDK = path.join(repoRoot, "node_modules", "@pulumi", "aws");

/** `aws:connect/instanceStorageConfig:InstanceStorageConfig` → its .d.ts file and Args interface. */
function argsLocation(token: string): { file: string; iface: string; className: string } {
    const match = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
    if (!match) throw new Error(`unexpected token ${token}`);
    return { file: path.join(AWS_SDK, match[1], `${match[2]}.d.ts`), iface: `${match[3]}Args`, className: match[3] };
}

/** The property names of an exported interface in a declaration file, read with the TypeScript parser. */
export function interfaceProperties(file: string, iface: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const found = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === iface);
    if (!found) throw new Error(`${iface} not found in ${file}`);
    return found.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
}

/** Differences between one type's rules and the SDK's Args properties. */
export function tableProblems(token: string, rules: TypeRules, sdkProperties: string[]): string[] {
    const missing = sdkProperties.filter((p) => !(p in rules.properties)).map((p) => `${token}: @pulumi/aws has ${p}, the table has no rule for it`);
    const stale = Object.keys(rules.properties).filter((p) => !sdkProperties.includes(p)).map((p) => `${token}: the table has ${p}, which @pulumi/aws does not`);
    return [...missing, ...stale];
}

describe("stand-in replacement table", () => {
    it("covers exactly the types the stand-in implements", () => {
        expect(Object.keys(REPLACEMENT_RULES).sort()).to.deep.equal(Object.keys(RESOURCES).sort());
    });

    for (const [token, rules] of Object.entries(REPLACEMENT_RULES)) {
        it(`${token}: a rule for every property of the SDK's Args, with its source`, () => {
            const { file, iface, className } = argsLocation(token);
            // The file really declares this type token (catches a token mapped to the wrong file).
            expect(fs.readFileSync(file.replace(/\.d\.ts$/, ".js"), "utf8")).to.include(`__pulumiType = '${token}'`);
            expect(tableProblems(token, rules, interfaceProperties(file, iface))).to.deep.equal([]);
            expect(rules.source).to.match(/^hashicorp\/terraform-provider-aws internal\/service\/[a-z0-9]+\/[a-z0-9_]+\.go$/);
            expect(className).to.equal(token.split(":").pop());
        });

        it(`${token}: the stand-in implements no input the table lacks`, () => {
            const unknown = RESOURCES[token].inputs.filter((p) => !(p in rules.properties));
            expect(unknown).to.deep.equal([]);
        });
    }

    it("reports a property the SDK has and the table lacks (the check can fail)", () => {
        const token = "aws:connect/instance:Instance";
        const { file, iface } = argsLocation(token);
        const trimmed = { ...REPLACEMENT_RULES[token], properties: { ...REPLACEMENT_RULES[token].properties } };
        delete trimmed.properties.instanceAlias;
        expect(tableProblems(token, trimmed, interfaceProperties(file, iface))).to.deep.equal([`${token}: @pulumi/aws has instanceAlias, the table has no rule for it`]);
    });

    it("drives the provider's diff: a change to a replace property replaces, any other change updates", async () => {
        const provider = new StandInProvider(RESOURCES, {});
        for (const [token, rules] of Object.entries(REPLACEMENT_RULES)) {
            const urn = `urn:pulumi:test::project::${token}::r`;
            for (const [property, change] of Object.entries(rules.properties)) {
                const diff = await provider.diff("id", urn, { [property]: "before" }, { [property]: "after" });
                expect(diff.changes, `${token} ${property}`).to.equal(true);
                if (change === "replace") expect(diff.replaces, `${token} ${property}`).to.include(property);
                else expect(diff.replaces ?? [], `${token} ${property}`).to.not.include(property);
            }
            const same = await provider.diff("id", urn, { tags: { a: "1" } }, { tags: { a: "1" } });
            expect(same.changes, `${token} no change`).to.equal(false);
        }
    });
});
