import { DeleteServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { roleInIam, serviceLinkedRoles } from "../../harness/iam";
import { expectStateMatchesIam, rolesInState, useSafetyFixture } from "./support";

const CLAIM_PREFIX = "pulumi-slr-claim:";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("engine safety: a delete and an adoption cannot race", function () {
    this.timeout(240_000);
    const fx = useSafetyFixture();

    const claimKeys = async (roleName: string) => ((await roleInIam(fx.iam, roleName))?.Tags ?? []).map((t) => t.Key!).filter((k) => k.startsWith(CLAIM_PREFIX));

    it("stack B's up while A's deletion task is held waits for the outcome, then creates the role; IAM and both states agree", async () => {
        const a = await fx.stack(() => [{ name: "role" }], { stackName: "team-a" });
        const b = await fx.stack(() => [{ name: "role" }], { stackName: "team-b" });
        const fromA = (await a.stack.up()).outputs.role.value;
        expect(fromA.ownership).to.equal("created");

        fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionInProgress" } }]);
        const destroyA = a.stack.destroy();
        await fx.proxy.waitForCalls("DeleteServiceLinkedRole", 1, 120_000);
        // A's task is IN_PROGRESS: the role is still in IAM, so B's create is refused and B adopts.
        const upB = b.stack.up();
        // Counted since A's up: A's create and B's refused create; A's claim, A's mark and B's claim.
        await fx.proxy.waitForCalls("CreateServiceLinkedRole", 2, 120_000);
        await fx.proxy.waitForCalls("TagRole", 3, 120_000);
        await sleep(2_000);
        const held = await roleInIam(fx.iam, fromA.roleName);
        expect(held?.RoleId, "the role is still there while the task runs").to.equal(fromA.roleId);
        expect((held?.Tags ?? []).map((t) => t.Key), "A's claim, A's mark and B's claim").to.include(`${CLAIM_PREFIX}deleting`).and.to.have.length(3);
        await fx.proxy.completeDeletions();
        const [destroyed, upped] = await Promise.all([destroyA, upB]);
        expect(destroyed.summary.result).to.equal("succeeded");

        const fromB = upped.outputs.role.value;
        const role = await roleInIam(fx.iam, fromB.roleName);
        expect(role, "IAM holds B's role").to.not.equal(undefined);
        expect(fromB.ownership, "the deletion won, so B created the role anew").to.equal("created");
        expect(fromB.roleId).to.equal(role!.RoleId).and.to.not.equal(fromA.roleId);
        expect(await rolesInState(a.stack), "A's state is empty").to.deep.equal([]);
        const [inB] = await expectStateMatchesIam(fx.iam, b.stack);
        expect(await claimKeys(fromB.roleName), "only B's claim, no mark").to.deep.equal([`${CLAIM_PREFIX}${inB.outputs.claimId}`]);
        expect(upped.stderr + upped.stdout).to.include("is being deleted by another stack");
    });

    it("a managing stack whose role vanished recreates it on its next up and says so", async () => {
        const { stack } = await fx.stack(() => [{ name: "role" }]);
        const first = (await stack.up()).outputs.role.value;
        await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: first.roleName }));
        const preview = await stack.preview();
        expect(preview.changeSummary).to.deep.equal({ same: 1, update: 1 });
        expect(preview.stdout + preview.stderr).to.include("no longer exists in IAM");
        const up = await stack.up();
        expect(up.stdout + up.stderr).to.include("created it again");
        const [resource] = await expectStateMatchesIam(fx.iam, stack);
        expect(resource.outputs.roleId).to.not.equal(first.roleId);
        expect(await serviceLinkedRoles(fx.iam)).to.have.length(1);
        expect((await stack.preview()).changeSummary).to.deep.equal({ same: 2 });
    });
});
