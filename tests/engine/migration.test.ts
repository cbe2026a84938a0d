/**
 * The migration in docs/ownership-and-claims.md from `aws.iam.ServiceLinkedRole` to `ServiceLinkedRole`, keeping the role,
 * through the real engine with the AWS plugin of tests/harness/awsPlugin.ts (the stand-in here).
 */
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { exampleRequire, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { roleInIam, serviceLinkedRoles } from "../harness/iam";
import type * as api from "../../provider/iam";

const load = exampleRequire("connect-instance");
const aws = load("@pulumi/aws") as typeof import("@pulumi/aws");
const { ServiceLinkedRole } = load("pulumi-service-linked-role") as typeof api;

/** The three programs of the migration, one per `pulumi up`. */
const steps: Record<"before" | "both" | "after", (roleName: string) => automation.PulumiFn> = {
    // 0. What the user has today.
    before: () => async () => {
        const old = new aws.iam.ServiceLinkedRole("connect", { awsServiceName: "connect.amazonaws.com" });
        return { roleName: old.name, roleId: old.uniqueId };
    },
    // 1. Keep the old resource's role on delete, and adopt the role with the new resource.
    both: (roleName) => async () => {
        new aws.iam.ServiceLinkedRole("connect", { awsServiceName: "connect.amazonaws.com" }, { retainOnDelete: true });
        const role = new ServiceLinkedRole("connect-role", { existingRole: roleName });
        return { roleName: role.roleName, roleId: role.roleId, ownership: role.ownership };
    },
    // 2. Remove the old resource: the engine forgets it without deleting the role.
    after: (roleName) => async () => {
        const role = new ServiceLinkedRole("connect-role", { existingRole: roleName });
        return { roleName: role.roleName, roleId: role.roleId, ownership: role.ownership };
    },
};

describe("engine: moving a role from aws.iam.ServiceLinkedRole to ServiceLinkedRole without deleting it", function () {
    this.timeout(600_000);
    const fx = useEngineFixture({ connect: true });
    let current: TestStack | undefined;

    it("keeps the same role (same roleId) through retainOnDelete, adoption and removal of the old resource", async () => {
        current = await fx.stack({ program: steps.before(""), stackName: "migrate" });
        const before = await current.stack.up();
        const roleName = before.outputs.roleName.value as string;
        const roleId = before.outputs.roleId.value as string;
        expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleId);

        const both = await runStep(current, steps.both(roleName));
        expect(both.outputs.roleId.value).to.equal(roleId);
        expect(both.outputs.ownership.value).to.equal("adopted");

        const after = await runStep(current, steps.after(roleName));
        expect(after.summary.resourceChanges).to.deep.equal({ delete: 1, same: 2 });
        expect(after.outputs.roleId.value).to.equal(roleId);
        const { deployment } = await current.stack.exportStack();
        expect(deployment.resources.filter((r: { type: string }) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole")).to.deep.equal([]);
        expect((await serviceLinkedRoles(fx.iam)).map((r) => r.RoleId)).to.deep.equal([roleId]);

        // Adopted, so destroy under the default deleteIfCreated leaves the role in place.
        await current.stack.destroy();
        expect((await roleInIam(fx.iam, roleName))?.RoleId).to.equal(roleId);
    });

    it("(control) without retainOnDelete applied first, removing the old resource deletes the role", async () => {
        current = await fx.stack({ program: steps.before(""), stackName: "migrate-control" });
        const before = await current.stack.up();
        const roleName = before.outputs.roleName.value as string;
        const withoutRetain = async () => {
            const role = new ServiceLinkedRole("connect-role", { existingRole: roleName });
            return { roleId: role.roleId };
        };
        const after = await runStep(current, withoutRetain);
        expect(after.summary.resourceChanges).to.include({ delete: 1, create: 1 });
        expect(await roleInIam(fx.iam, roleName)).to.equal(undefined);
    });
});

/** Runs `up` of the next program on the same stack (same backend, state and environment). */
function runStep(testStack: TestStack, program: automation.PulumiFn): Promise<automation.UpResult> {
    (testStack.stack.workspace as automation.LocalWorkspace).program = program;
    return testStack.stack.up();
}
