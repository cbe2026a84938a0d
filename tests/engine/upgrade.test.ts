/**
 * State written by an earlier release (tests/data/upgrade, see generate.ts), loaded by the package
 * as built now: the AWS side is recreated in a fresh moto, the state imported with its ids
 * rewritten to what moto holds, and preview, refresh and destroy run through the real engine. The
 * serialized providers in the old state require() package paths, which resolve to the current
 * build installed in the example's node_modules, as after `npm update`.
 */
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { releases, StackExport } from "../data/upgrade/fixtures";
import { SCENARIOS } from "../data/upgrade/programs";
import { useConnectMoto } from "../harness/awsPlugin";
import { createStack, TestStack } from "../harness/engine";
import { roleInIam } from "../harness/iam";
import { recreateAwsSide } from "../harness/recreateAws";

const ROLE = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";

for (const release of releases()) {
    describe(`engine: upgrade from v${release.manifest.packageVersion} (state of ${release.manifest.commit.slice(0, 7)})`, function () {
        this.timeout(600_000);
        const fx = useConnectMoto();
        let stacks: TestStack[] = [];
        afterEach(async () => {
            for (const s of stacks) await s.dispose().catch(() => undefined);
            stacks = [];
        });

        /** Recreates the AWS side of `keys` and imports each rewritten state into a new stack. */
        async function imported(...keys: string[]): Promise<Array<{ stack: automation.Stack; state: StackExport }>> {
            const rewrites = await recreateAwsSide(fx.iam, release.aws, keys.map((k) => release.states[k]));
            const out = [];
            for (const key of keys) {
                const scenario = SCENARIOS.find((s) => s.key === key)!;
                const program = scenario.program({ existingInstanceId: rewrites.get(release.aws.existingInstanceId) });
                const s = await createStack({ example: scenario.example, program, projectName: scenario.projectName, stackName: scenario.stackName, iamEndpoint: fx.connectMoto.moto.endpoint });
                stacks.push(s);
                const state = rewrites.state(release.states[key]);
                await s.stack.importStack(state as unknown as automation.Deployment);
                out.push({ stack: s.stack, state });
            }
            return out;
        }

        const roleOf = (state: StackExport, name = "connect-role") => state.deployment.resources.find((r) => r.type === ROLE && r.urn.endsWith(`::${name}`))!;

        async function previewsAndRefreshesUnchanged(stack: automation.Stack, state: StackExport): Promise<void> {
            const preview = await stack.preview();
            expect(Object.keys(preview.changeSummary).filter((op) => op !== "same"), JSON.stringify(preview.changeSummary)).to.deep.equal([]);
            const refresh = await stack.refresh();
            expect(Object.keys(refresh.summary.resourceChanges ?? {}).filter((op) => op !== "same"), JSON.stringify(refresh.summary.resourceChanges)).to.deep.equal([]);
            const after = (await stack.exportStack()) as unknown as StackExport;
            const role = roleOf(after);
            expect(role.outputs!.roleId).to.equal(roleOf(state).outputs!.roleId);
            expect(role.outputs!.previousRoleId).to.equal(undefined);
        }

        it("(a) a created role: no change at preview and refresh; destroy deletes it", async () => {
            const [{ stack, state }] = await imported("created");
            const roleName = roleOf(state).outputs!.roleName as string;
            expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleOf(state).outputs!.roleId);
            await previewsAndRefreshesUnchanged(stack, state);
            await stack.destroy();
            expect(await roleInIam(fx.iam, roleName)).to.equal(undefined);
        });

        it("(b) an adopted role: no change at preview and refresh; destroy leaves it", async () => {
            const [{ stack, state }] = await imported("adopted");
            const roleName = roleOf(state).outputs!.roleName as string;
            await previewsAndRefreshesUnchanged(stack, state);
            await stack.destroy();
            expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleOf(state).outputs!.roleId);
        });

        it("(c) a shared role: the creator's destroy leaves it for the adopter; adopter first, the creator's destroy deletes it", async () => {
            const [a, b] = await imported("shared-a", "shared-b");
            const roleName = roleOf(a.state).outputs!.roleName as string;
            await previewsAndRefreshesUnchanged(a.stack, a.state);
            await previewsAndRefreshesUnchanged(b.stack, b.state);
            await b.stack.destroy();
            expect(await roleInIam(fx.iam, roleName), "left while the creator claims it").to.not.equal(undefined);
            await a.stack.destroy();
            expect(await roleInIam(fx.iam, roleName), "deleted by its creator, the last claimant").to.equal(undefined);
        });
    });
}
