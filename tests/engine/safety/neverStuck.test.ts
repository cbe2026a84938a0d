import { TagRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import type { TestStack } from "../../harness/engine";
import { roleInIam, serviceLinkedRoles } from "../../harness/iam";
import { createRoleOutOfBand, expectFailure, expectStateMatchesIam, RoleSpec, rolesInState, SafetyFixture, useSafetyFixture } from "./support";

/**
 * "Never stuck": every IAM call the provider makes is failed in turn (AccessDenied, as for a
 * deployer missing one permission) at the step of create, update or delete where it is made.
 * Once the fault is gone, each of destroy, refresh, up --refresh and an up of a program that no
 * longer declares the role must succeed, and end with state matching IAM.
 */
interface FailurePoint {
    call: string;
    phase: "create" | "update" | "delete";
    /** Arranges IAM before the stack first runs (e.g. a role that already exists, to be adopted). */
    arrange?: (fx: SafetyFixture) => Promise<void>;
    /** The role's arguments for the first up (and for the failing one, except in the update phase). */
    args: Record<string, unknown>;
    /** Update phase: the arguments of the failing up. */
    updateTo?: Record<string, unknown>;
}

const preexisting = (description: string, tags: Record<string, string> = {}) => async (fx: SafetyFixture) => {
    const role = await createRoleOutOfBand(fx.iam, description);
    if (Object.keys(tags).length > 0) {
        await fx.iam.send(new TagRoleCommand({ RoleName: role.RoleName, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
    }
};

const POINTS: FailurePoint[] = [
    { call: "CreateServiceLinkedRole", phase: "create", args: { tags: { team: "a" } } },
    // Create makes no GetRole (the retried TagRole is the readability wait); adoption reads the role it found.
    { call: "GetRole", phase: "create", arrange: preexisting("theirs"), args: { description: "ours" } },
    { call: "TagRole", phase: "create", args: { tags: { team: "a" } } },
    { call: "ListRoles", phase: "create", arrange: preexisting("theirs"), args: { description: "ours" } },
    { call: "UpdateRole", phase: "create", arrange: preexisting("theirs"), args: { description: "ours" } },
    { call: "UntagRole", phase: "create", arrange: preexisting("theirs", { old: "x" }), args: { tags: { team: "a" } } },
    { call: "UpdateRole", phase: "update", args: { description: "v1", tags: { team: "a" } }, updateTo: { description: "v2", tags: { team: "a" } } },
    { call: "TagRole", phase: "update", args: { description: "v1", tags: { team: "a" } }, updateTo: { description: "v1", tags: { team: "b" } } },
    { call: "UntagRole", phase: "update", args: { description: "v1", tags: { team: "a" } }, updateTo: { description: "v1", tags: {} } },
    { call: "GetRole", phase: "delete", args: {} },
    { call: "DeleteServiceLinkedRole", phase: "delete", args: {} },
    { call: "GetServiceLinkedRoleDeletionStatus", phase: "delete", args: {} },
    { call: "UntagRole", phase: "delete", arrange: preexisting("theirs"), args: {} },
];

type Recovery = "destroy" | "refresh" | "up --refresh" | "up without the role";
const RECOVERIES: Recovery[] = ["destroy", "refresh", "up --refresh", "up without the role"];

describe("engine safety: never stuck after a failure at any step", function () {
    this.timeout(240_000);
    const fx = useSafetyFixture();

    for (const point of POINTS) {
        describe(`${point.call} fails during ${point.phase}`, () => {
            for (const recovery of RECOVERIES) {
                it(`then ${recovery} succeeds and state matches IAM`, async () => {
                    await point.arrange?.(fx);
                    const untracked = (await serviceLinkedRoles(fx.iam)).map((r) => r.RoleName!);
                    const declared: { specs: RoleSpec[] } = { specs: [{ name: "role", args: point.args }] };
                    const stack = await fx.stack(() => declared.specs);
                    await failAt(stack, point, declared);
                    await expectStateMatchesIam(fx.iam, stack.stack, untracked, true);

                    fx.proxy.reset();
                    await recover(stack, recovery, declared);
                    const inState = await expectStateMatchesIam(fx.iam, stack.stack, untracked);
                    if (recovery === "destroy" || recovery === "up without the role") expect(inState).to.deep.equal([]);
                    for (const name of untracked) expect(await roleInIam(fx.iam, name), `pre-existing role ${name} kept`).to.not.equal(undefined);
                });
            }
        });
    }

    /** Runs the operation of the point's phase with the call denied; it must fail, naming the call. */
    async function failAt(stack: TestStack, point: FailurePoint, declared: { specs: RoleSpec[] }): Promise<void> {
        const deny = () => fx.proxy.setRules([{ action: point.call, fault: { kind: "accessDenied" } }]);
        if (point.phase === "create") {
            deny();
            expect(await expectFailure(stack.stack.up())).to.include(point.call);
            return;
        }
        await stack.stack.up();
        deny();
        if (point.phase === "update") {
            declared.specs = [{ name: "role", args: point.updateTo }];
            expect(await expectFailure(stack.stack.up())).to.include(point.call);
            return;
        }
        expect(await expectFailure(stack.stack.destroy())).to.include(point.call);
        expect(await rolesInState(stack.stack), "the role stays in state after a failed delete").to.have.length(1);
    }

    async function recover(stack: TestStack, recovery: Recovery, declared: { specs: RoleSpec[] }): Promise<void> {
        switch (recovery) {
            case "destroy":
                await stack.stack.destroy();
                return;
            case "refresh":
                await stack.stack.refresh();
                return;
            case "up --refresh":
                await stack.stack.up({ refresh: true });
                return;
            case "up without the role":
                declared.specs = [];
                await stack.stack.up();
                return;
        }
    }
});

