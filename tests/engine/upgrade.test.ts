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
import { clearClaim, isLegacyClaimKey } from "../../provider/iam/claims";
import { createStack, roleSteps, stepRecorder, TestStack } from "../harness/engine";
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

        /**
         * Version 0.1 state has no claimId: preview plans exactly one update per role, changing only the
         * claim (claimId/claims) and replacing or deleting nothing; `up` applies it (same role, the new
         * claim written next to the legacy key); then refresh finds nothing to change.
         */
        async function upgradesClaimInPlace(stack: automation.Stack, state: StackExport): Promise<StackExport> {
            const preview = await stack.preview();
            expect(preview.changeSummary.update, `one update: ${JSON.stringify(preview.changeSummary)}`).to.equal(1);
            // "read" is the program's get of an existing resource, not a change.
            expect(Object.keys(preview.changeSummary).filter((op) => !["same", "read", "update"].includes(op)), JSON.stringify(preview.changeSummary)).to.deep.equal([]);
            const rec = stepRecorder();
            const up = await stack.up({ onEvent: rec.onEvent });
            // A "read" step is ServiceLinkedRole.get in the program (no change); the declared role is updated once.
            const updates = roleSteps(rec.steps, "pre").filter((st) => st.op !== "read");
            expect(updates.map((st) => st.op), "one in-place update of the role").to.deep.equal(["update"]);
            expect(Object.keys(up.summary.resourceChanges ?? {}).filter((op) => !["same", "read", "update"].includes(op)), JSON.stringify(up.summary.resourceChanges)).to.deep.equal([]);
            const refresh = await stack.refresh();
            expect(Object.keys(refresh.summary.resourceChanges ?? {}).filter((op) => op !== "same"), JSON.stringify(refresh.summary.resourceChanges)).to.deep.equal([]);
            const after = (await stack.exportStack()) as unknown as StackExport;
            const role = roleOf(after);
            expect(role.outputs!.roleId).to.equal(roleOf(state).outputs!.roleId);
            expect(role.outputs!.previousRoleId).to.equal(undefined);
            const before = roleOf(state).outputs!;
            const changed = [...new Set([...Object.keys(before), ...Object.keys(role.outputs!)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(role.outputs![k]));
            expect(changed.sort(), "only the claim changed").to.include("claimId");
            for (const k of changed) expect(["claimId", "claims"], `changed output ${k}`).to.include(k);
            expect(role.outputs!.claimId, "claim id minted").to.be.a("string").with.length(32);
            const tags = (await roleInIam(fx.iam, role.outputs!.roleName as string))?.Tags?.map((t) => t.Key) ?? [];
            expect(tags, "new claim written").to.include(`pulumi-slr-claim:${role.outputs!.claimId as string}`);
            expect(tags.filter((k) => k !== undefined && isLegacyClaimKey(k)), "the legacy key is kept").to.have.length.at.least(1);
            const again = await stack.preview();
            expect(Object.keys(again.changeSummary).filter((op) => op !== "same"), "no change after the upgrade up").to.deep.equal([]);
            return after;
        }

        async function legacyKeysOn(roleName: string): Promise<string[]> {
            return ((await roleInIam(fx.iam, roleName))?.Tags ?? []).map((t) => t.Key!).filter(isLegacyClaimKey);
        }

        it("(a) a created role: one claimId update at preview and up; destroy leaves it while the legacy key remains, deletes it once cleared", async () => {
            const [{ stack, state }] = await imported("created");
            const roleName = roleOf(state).outputs!.roleName as string;
            expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleOf(state).outputs!.roleId);
            const upgraded = await upgradesClaimInPlace(stack, state);
            const legacy = await legacyKeysOn(roleName);
            expect(legacy, "exactly the creator's legacy key").to.have.length(1);

            const rec = stepRecorder();
            await stack.destroy({ onEvent: rec.onEvent });
            expect((await roleInIam(fx.iam, roleName))?.RoleId, "left while the legacy key remains").to.equal(roleOf(state).outputs!.roleId);
            expect(rec.diagnostics.join("\n"), "says how to clear the legacy key").to.include(`--clear ${legacy[0]}`);

            expect(await clearClaim(fx.iam, roleName, legacy[0])).to.deep.equal([legacy[0]]);
            await stack.importStack(upgraded as unknown as automation.Deployment);
            await stack.destroy();
            expect(await roleInIam(fx.iam, roleName), "deleted once the legacy key is cleared").to.equal(undefined);
        });

        it("(b) an adopted role: one claimId update at preview and up; destroy leaves it", async () => {
            const [{ stack, state }] = await imported("adopted");
            const roleName = roleOf(state).outputs!.roleName as string;
            await upgradesClaimInPlace(stack, state);
            await stack.destroy();
            expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleOf(state).outputs!.roleId);
        });

        it("(c) a shared role: the adopter's destroy leaves it; the creator's destroy leaves it while legacy keys remain, deletes it once cleared", async () => {
            const [a, b] = await imported("shared-a", "shared-b");
            const roleName = roleOf(a.state).outputs!.roleName as string;
            const upgradedA = await upgradesClaimInPlace(a.stack, a.state);
            await upgradesClaimInPlace(b.stack, b.state);
            await b.stack.destroy();
            expect(await roleInIam(fx.iam, roleName), "left while the creator claims it").to.not.equal(undefined);
            await a.stack.destroy();
            const legacy = await legacyKeysOn(roleName);
            expect(legacy, "legacy keys kept").to.have.length.at.least(1);
            expect(await roleInIam(fx.iam, roleName), "left while a legacy key remains").to.not.equal(undefined);
            for (const key of legacy) expect(await clearClaim(fx.iam, roleName, key)).to.deep.equal([key]);
            await a.stack.importStack(upgradedA as unknown as automation.Deployment);
            await a.stack.destroy();
            expect(await roleInIam(fx.iam, roleName), "deleted by its creator once the legacy keys are cleared").to.equal(undefined);
        });
    });
}
