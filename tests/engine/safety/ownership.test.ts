import { DeleteServiceLinkedRoleCommand, TagRoleCommand, UntagRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { roleInIam, serviceLinkedRoles } from "../../harness/iam";
import { CONNECT, createRoleOutOfBand, expectFailure, expectStateMatchesIam, RoleSpec, rolesInState, useSafetyFixture } from "./support";

const CLAIM_PREFIX = "pulumi-slr-claim:";

describe("engine safety: identity, claims and the deletion policy", function () {
    this.timeout(240_000);
    const fx = useSafetyFixture();

    async function recreateOutOfBand(roleName: string): Promise<string> {
        await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: roleName }));
        const role = await createRoleOutOfBand(fx.iam, "the other team's role");
        await fx.iam.send(new TagRoleCommand({ RoleName: role.RoleName, Tags: [{ Key: "owner", Value: "other-team" }] }));
        expect(role.RoleName).to.equal(roleName);
        return role.RoleId!;
    }

    const claimsOn = async (roleName: string) =>
        Object.fromEntries(((await roleInIam(fx.iam, roleName))?.Tags ?? []).filter((t) => t.Key!.startsWith(CLAIM_PREFIX)).map((t) => [t.Key!, t.Value!]));

    describe("a role recreated out of band is not ours", () => {
        it("refresh records the new roleId as adopted and says so; destroy leaves the other team's role", async () => {
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            const created = (await stack.up()).outputs.role.value;
            expect(created.ownership).to.equal("created");
            const newRoleId = await recreateOutOfBand(created.roleName);

            const refresh = await stack.refresh();
            expect(refresh.stdout + refresh.stderr).to.include("deleted and recreated outside this stack");
            const [resource] = await rolesInState(stack);
            expect(resource.outputs.roleId).to.equal(newRoleId);
            expect(resource.outputs.ownership).to.equal("adopted");
            expect(resource.outputs.previousRoleId).to.equal(created.roleId);

            await stack.destroy();
            expect((await roleInIam(fx.iam, created.roleName))?.RoleId, "the other team's role is kept").to.equal(newRoleId);
        });

        it("destroy without a refresh checks the roleId right before deleting, and leaves the role", async () => {
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            const created = (await stack.up()).outputs.role.value;
            const newRoleId = await recreateOutOfBand(created.roleName);

            const destroy = await stack.destroy();
            expect(destroy.stdout + destroy.stderr).to.include("not ours to delete");
            expect((await roleInIam(fx.iam, created.roleName))?.RoleId).to.equal(newRoleId);
            expect(fx.proxy.counts().DeleteServiceLinkedRole, "no delete call").to.equal(undefined);
        });
    });

    describe("shared roles: claims on the role", () => {
        it("two stacks: destroying the creator leaves the role while the other stack claims it", async () => {
            const a = await fx.stack(() => [{ name: "role" }], { stackName: "team-a" });
            const b = await fx.stack(() => [{ name: "role" }], { stackName: "team-b" });
            const fromA = (await a.stack.up()).outputs.role.value;
            const fromB = (await b.stack.up()).outputs.role.value;
            expect([fromA.ownership, fromB.ownership]).to.deep.equal(["created", "adopted"]);
            expect(Object.values(await claimsOn(fromA.roleName)).sort()).to.deep.equal(["slr-safety/team-a/role", "slr-safety/team-b/role"]);

            const destroyA = await a.stack.destroy();
            expect(destroyA.stdout + destroyA.stderr).to.include("slr-safety/team-b/role still claim");
            expect(await roleInIam(fx.iam, fromA.roleName), "B's role survives A's destroy").to.not.equal(undefined);
            expect(Object.values(await claimsOn(fromA.roleName))).to.deep.equal(["slr-safety/team-b/role"]);

            const previewB = await b.stack.preview();
            expect(previewB.changeSummary).to.deep.equal({ same: 2 });
            await b.stack.refresh();
            await expectStateMatchesIam(fx.iam, b.stack);
        });

        it("two resources in one stack: removing one leaves the role to the other", async () => {
            const declared: { specs: RoleSpec[] } = { specs: [{ name: "first" }, { name: "second" }] };
            const { stack } = await fx.stack(() => declared.specs);
            const outputs = (await stack.up()).outputs;
            const owners = ["first", "second"].filter((n) => outputs[n].value.ownership === "created");
            expect(owners, "exactly one resource created the role").to.have.length(1);
            const [creator] = owners;
            const other = creator === "first" ? "second" : "first";
            const roleName = outputs[creator].value.roleName;
            expect(Object.keys(await claimsOn(roleName))).to.have.length(2);

            declared.specs = [{ name: other }];
            await stack.up();
            expect(await roleInIam(fx.iam, roleName), "the other resource still relies on the role").to.not.equal(undefined);
            expect(Object.values(await claimsOn(roleName))).to.deep.equal([`slr-safety/test/${other}`]);
            await expectStateMatchesIam(fx.iam, stack);
        });

        it("the last claimant that owns the role deletes it", async () => {
            const declared: { specs: RoleSpec[] } = { specs: [{ name: "first" }, { name: "second", args: { deletionPolicy: "alwaysDelete" } }] };
            const { stack } = await fx.stack(() => declared.specs);
            const roleName = (await stack.up()).outputs.first.value.roleName;
            declared.specs = [declared.specs[1]];
            await stack.up();
            expect(await roleInIam(fx.iam, roleName)).to.not.equal(undefined);
            declared.specs = [];
            await stack.up();
            expect(await roleInIam(fx.iam, roleName), "no claim left, and the policy says delete").to.equal(undefined);
        });

        it("a claim removed out of band shows as an update and is put back", async () => {
            const { stack } = await fx.stack(() => [{ name: "role" }]);
            const roleName = (await stack.up()).outputs.role.value.roleName;
            const [key] = Object.keys(await claimsOn(roleName));
            await fx.iam.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: [key] }));
            await stack.refresh();
            expect((await stack.preview()).changeSummary).to.deep.equal({ same: 1, update: 1 });
            await stack.up();
            expect(Object.keys(await claimsOn(roleName))).to.deep.equal([key]);
        });

        it("claims are not user tags: declared tags and drift ignore them", async () => {
            const { stack } = await fx.stack(() => [{ name: "role", args: { tags: { team: "a" } } }]);
            await stack.up();
            const [resource] = await rolesInState(stack);
            expect(resource.outputs.tags).to.deep.equal({ team: "a" });
            expect(Object.keys(resource.outputs.claims ?? {})).to.have.length(1);
            expect((await stack.preview()).changeSummary).to.deep.equal({ same: 2 });
        });
    });

    describe("the declared deletion policy governs a replacement", () => {
        it("preview refuses a replacement that also changes deletionPolicy, before any IAM call", async () => {
            const declared: { specs: RoleSpec[] } = { specs: [{ name: "role" }] };
            const { stack } = await fx.stack(() => declared.specs);
            const roleName = (await stack.up()).outputs.role.value.roleName;
            declared.specs = [{ name: "role", args: { awsServiceName: "elasticbeanstalk.amazonaws.com", deletionPolicy: "neverDelete" } }];
            fx.proxy.reset();

            const message = await expectFailure(stack.preview());
            expect(message).to.include("deletionPolicy: cannot change from \"deleteIfCreated\" to \"neverDelete\"");
            expect(message).to.include("Change deletionPolicy alone first");
            // STS GetCallerIdentity (the account check, read-only) may run; no IAM call may.
            expect(fx.proxy.requestLog().filter((e) => e.action !== "GetCallerIdentity"), "no IAM call at preview").to.deep.equal([]);
            expect(await expectFailure(stack.up())).to.include("deletionPolicy");
            expect(await roleInIam(fx.iam, roleName), "the old role is untouched").to.not.equal(undefined);
            expect(await serviceLinkedRoles(fx.iam, "elasticbeanstalk.amazonaws.com")).to.deep.equal([]);

            declared.specs = [{ name: "role", args: { deletionPolicy: "neverDelete" } }];
            await stack.up();
            declared.specs = [{ name: "role", args: { awsServiceName: "elasticbeanstalk.amazonaws.com", deletionPolicy: "neverDelete" } }];
            await stack.up();
            expect(await roleInIam(fx.iam, roleName), "the new policy kept the replaced role").to.not.equal(undefined);
        });
    });

    describe("existingRole names an account and partition", () => {
        for (const [label, arnOf] of [
            ["another account", (name: string) => `arn:aws:iam::999999999999:role/aws-service-role/${CONNECT}/${name}`],
            ["another partition", (name: string, account: string) => `arn:aws-cn:iam::${account}:role/aws-service-role/${CONNECT}/${name}`],
        ] as const) {
            it(`refuses an ARN of ${label}, naming both, and changes nothing`, async () => {
                const role = await createRoleOutOfBand(fx.iam, "theirs");
                const account = role.Arn!.split(":")[4];
                const existingRole = arnOf(role.RoleName!, account);
                const { stack } = await fx.stack(() => [{ name: "role", args: { existingRole, description: "ours", tags: { team: "a" } } }]);
                const message = await expectFailure(stack.up());
                expect(message).to.include(existingRole);
                expect(message).to.include(role.Arn!);
                const after = await roleInIam(fx.iam, role.RoleName!);
                expect(after?.Description).to.equal("theirs");
                expect(after?.Tags ?? []).to.deep.equal([]);
                expect(await rolesInState(stack)).to.deep.equal([]);
            });
        }
    });
});
