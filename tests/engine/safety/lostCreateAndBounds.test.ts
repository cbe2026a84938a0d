import { DeleteServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { roleInIam, serviceLinkedRoles } from "../../harness/iam";
import { createRoleOutOfBand, expectFailure, expectStateMatchesIam, RoleSpec, rolesInState, useSafetyFixture } from "./support";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("engine safety: lost creates and bounds", function () {
    this.timeout(240_000);
    const fx = useSafetyFixture();

    describe("a lost create response is recognised in one up", () => {
        it("with this machine's clock 5 s ahead of IAM's, the role is recorded as created", async () => {
            fx.proxy.setServerClockOffset(-5_000);
            fx.proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "forwardThenDrop" }, times: 1 }]);
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            const role = (await stack.up()).outputs.role.value;
            expect(role.ownership).to.equal("created");
            expect(fx.proxy.counts().CreateServiceLinkedRole).to.deep.equal({ received: 2, forwarded: 2 });
            expect(await serviceLinkedRoles(fx.iam)).to.have.length(1);
            fx.proxy.reset();
            await stack.destroy();
            expect(await roleInIam(fx.iam, role.roleName), "destroy deletes the role the stack created").to.equal(undefined);
        });

        it("with IAM's clock 5 s ahead, a role someone else created before our first attempt stays adopted", async () => {
            const theirs = await createRoleOutOfBand(fx.iam);
            await sleep(2_000);
            fx.proxy.setServerClockOffset(5_000);
            fx.proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "resetBeforeForward" }, times: 1 }]);
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            expect((await stack.up()).outputs.role.value.ownership).to.equal("adopted");
            fx.proxy.reset();
            await stack.destroy();
            expect(await roleInIam(fx.iam, theirs.RoleName!), "an adopted role is left in place").to.not.equal(undefined);
        });

        it("when ListRoles does not show the role yet, create lists again and records it as created", async () => {
            fx.proxy.setRules([
                { action: "CreateServiceLinkedRole", fault: { kind: "forwardThenDrop" }, times: 1 },
                { action: "ListRoles", fault: { kind: "listLag", calls: 3 } },
            ]);
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            const role = (await stack.up()).outputs.role.value;
            expect(role.ownership).to.equal("created");
            expect(fx.proxy.requestLog().filter((e) => e.action === "ListRoles").map((e) => e.outcome)).to.deep.equal(["notListed", "notListed", "notListed", "forwarded"]);
            await expectStateMatchesIam(fx.iam, stack);
        });
    });

    describe("bounds and next steps", () => {
        it("deletionTimeoutSeconds bounds the whole delete, round trips included", async () => {
            const { stack } = await fx.stack(() => [{ name: "role", args: { deletionTimeoutSeconds: 1 } }]);
            const roleName = (await stack.up()).outputs.role.value.roleName;

            fx.proxy.reset();
            fx.proxy.setRules([{ action: "*", fault: { kind: "latency", ms: 5_000 } }]);
            const message = await expectFailure(stack.destroy());
            expect(message).to.include("did not finish within deletionTimeoutSeconds (1 s)");
            expect(message).to.include("raise deletionTimeoutSeconds");
            // No call may start after the deadline, and none outlives it (each is aborted there). The
            // old bound started after DeleteServiceLinkedRole returned, so it went on polling at 5 s.
            // The account check (STS GetCallerIdentity) runs under the same bound as the IAM calls.
            const calls = fx.proxy.requestLog();
            expect(calls.length, "calls made").to.be.at.least(1);
            const span = calls[calls.length - 1].at - calls[0].at;
            expect(span, "every call started within the 1 s bound").to.be.below(1_500);
            fx.proxy.reset();
            // The abandoned call is still waiting in the proxy; let it reach moto before moving on.
            await sleep(5_000);
            expect(await roleInIam(fx.iam, roleName)).to.not.equal(undefined);
            expect(await rolesInState(stack), "the role stays in state").to.have.length(1);
        });

        it("an update after an out-of-band delete creates the role again and says so", async () => {
            // Before claim ids, this up failed ("UpdateRole failed ... run `pulumi refresh`"); a managing
            // stack now restores a role that vanished (docs/claims-and-deletion.md).
            const declared: { specs: RoleSpec[] } = { specs: [{ name: "role", args: { description: "v1" } }] };
            const { stack } = await fx.stack(() => declared.specs);
            const first = (await stack.up()).outputs.role.value;
            await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: first.roleName }));
            declared.specs = [{ name: "role", args: { description: "v2" } }];

            const up = await stack.up();
            expect(up.stdout + up.stderr).to.include("created it again");
            const [resource] = await expectStateMatchesIam(fx.iam, stack);
            expect(resource.outputs.roleId).to.not.equal(first.roleId);
            expect((await roleInIam(fx.iam, first.roleName))?.Description).to.equal("v2");
        });
    });
});
