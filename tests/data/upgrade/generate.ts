/**
 * Writes the checked-in upgrade fixtures: runs every program of programs.ts with the package as
 * built from the current checkout, against moto and the stand-in aws plugin, and saves
 *
 * - `v<version>-<scenario>.json`: `pulumi stack export` of each stack after `up`;
 * - `v<version>-aws.json`: what AWS held afterwards that the state alone cannot recreate (each
 *   service-linked role's description and tags, who made it, the stand-in's per-instance store,
 *   the Connect instance made out of band);
 * - `v<version>-manifest.json`: the commit and tool versions the files came from.
 *
 * Run it on a clean checkout of the release to capture, after `npm run setup`:
 *
 *   bash scripts/with-node.sh node --import tsx tests/data/upgrade/generate.ts
 *
 * The upgrade test (tests/engine/upgrade.test.ts) reads every manifest it finds, so fixtures of
 * older releases stay covered when a new release adds its own.
 */
import { CreateServiceLinkedRoleCommand, ListRoleTagsCommand } from "@aws-sdk/client-iam";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { createConnectStack, pointThisProcessAt, startMotoForConnect } from "../../harness/awsPlugin";
import { createConnectInstance } from "../../harness/awsStandIn/resources/connectInstance";
import { createStack, exampleRequire, TestStack } from "../../harness/engine";
import { directIamClient, serviceLinkedRoles } from "../../harness/iam";
import { repoRoot } from "../../harness/moto";
import { AwsSide, EXISTING_INSTANCE, fixtureDir, Manifest, providerModulesOf, RecordedRole, serializedProviders } from "./fixtures";
import { Arrangement, SCENARIOS, SUFFIX } from "./programs";

async function main(): Promise<void> {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = git("status", "--porcelain", "--", "provider", "package.json", "package-lock.json", "examples");
    if (dirty !== "") throw new Error(`the package sources differ from the commit, so the fixtures would not be the commit's:\n${dirty}`);
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version as string;
    const connectMoto = await startMotoForConnect();
    const restore = pointThisProcessAt(connectMoto);
    const iam = directIamClient(connectMoto.moto.endpoint);
    const stacks: TestStack[] = [];
    try {
        // Out of band: the role stack `adopted` finds, and the instance stack `connect` changes.
        await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", CustomSuffix: SUFFIX.adopted, Description: "made by the service" }));
        const existingInstanceId = await createConnectInstance(EXISTING_INSTANCE);
        const arrangement: Arrangement = { existingInstanceId };
        for (const scenario of SCENARIOS) {
            const options = { program: scenario.program(arrangement), projectName: scenario.projectName, stackName: scenario.stackName };
            const stack =
                scenario.example === "connect-instance"
                    ? await createConnectStack({ connectMoto, iam }, options)
                    : await createStack({ ...options, example: scenario.example, iamEndpoint: connectMoto.moto.endpoint });
            stacks.push(stack);
            await stack.stack.up();
            write(`v${version}-${scenario.key}.json`, await stack.stack.exportStack());
            console.log(`exported ${scenario.projectName}/${scenario.stackName}`);
        }
        const store = JSON.parse(fs.readFileSync(connectMoto.stateFile, "utf8")) as AwsSide["standInStore"];
        const instanceRoles = new Set(Object.values(store.instances).map((record) => record.roleName));
        const roles: RecordedRole[] = [];
        for (const role of await serviceLinkedRoles(iam)) {
            const { Tags } = await iam.send(new ListRoleTagsCommand({ RoleName: role.RoleName }));
            roles.push({
                roleName: role.RoleName!,
                path: role.Path!,
                roleId: role.RoleId!,
                createDate: role.CreateDate!.toISOString(),
                description: role.Description,
                tags: Object.fromEntries((Tags ?? []).map((t) => [t.Key!, t.Value ?? ""])),
                madeBy: instanceRoles.has(role.RoleName!) ? "connect-instance" : "CreateServiceLinkedRole",
            });
        }
        write(`v${version}-aws.json`, { roles, standInStore: store, existingInstanceId } satisfies AwsSide);
        const providerModules: Record<string, string[]> = {};
        for (const scenario of SCENARIOS) {
            const state = JSON.parse(fs.readFileSync(path.join(fixtureDir, `v${version}-${scenario.key}.json`), "utf8"));
            for (const { serialized } of serializedProviders(state)) {
                for (const spec of providerModulesOf(serialized)) {
                    const exported = exampleRequire(scenario.example)(spec) as Record<string, unknown>;
                    providerModules[spec] = Object.keys(exported).filter((k) => typeof exported[k] === "function").sort();
                }
            }
        }
        if (Object.keys(providerModules).length === 0) throw new Error("no serialized provider requires a package module: the states cannot test an upgrade");
        const versionOf = (pkg: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", pkg, "package.json"), "utf8")).version as string;
        const manifest: Manifest = {
            packageVersion: version,
            commit: git("rev-parse", "HEAD"),
            commitSubject: git("log", "-1", "--format=%s"),
            generatedAt: new Date().toISOString(),
            pulumiCli: execFileSync(path.join(repoRoot, ".tools", "pulumi", "bin", "pulumi"), ["version"], { encoding: "utf8" }).trim(),
            pulumiSdk: versionOf("@pulumi/pulumi"),
            awsSdk: versionOf("@pulumi/aws"),
            moto: execFileSync(path.join(repoRoot, ".tools", "venv", "bin", "pip"), ["show", "moto"], { encoding: "utf8" }).match(/^Version: (.*)$/m)![1],
            scenarios: SCENARIOS.map((s) => s.key),
            providerModules,
        };
        write(`v${version}-manifest.json`, manifest);
    } finally {
        for (const stack of stacks.reverse()) await stack.dispose().catch((error) => console.error(`cleaning up: ${error}`));
        restore();
        iam.destroy();
        await connectMoto.stop();
    }
}

function write(file: string, value: unknown): void {
    fs.writeFileSync(path.join(fixtureDir, file), `${JSON.stringify(value, null, 2)}\n`);
}

main().then(
    () => process.exit(0),
    (error) => {
        console.error(error);
        process.exit(1);
    },
);
