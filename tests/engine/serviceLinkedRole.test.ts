import { CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand, GetRoleCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire, roleSteps, stepRecorder, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { startFaultProxy } from "../harness/faultProxy";
import { roleInIam, serviceLinkedRoles } from "../harness/iam";
import { testCredentials } from "../harness/moto";

/** Bound on the serialized provider per resource; docs/reference.md states the same number. */
const MAX_SERIALIZED_PROVIDER_BYTES = 4096;

const program = exampleRequire("service-linked-role")("./program").serviceLinkedRoleProgram as automation.PulumiFn;

describe("engine: ServiceLinkedRole through the Pulumi CLI", function () {
    this.timeout(240_000);
    const fx = useEngineFixture();
    let current: TestStack | undefined;

    async function stackWith(config: Record<string, string> = {}): Promise<TestStack> {
        current = await fx.stack({ program, config });
        return current;
    }

    async function serviceLinkedRoleNames(): Promise<string[]> {
        return (await serviceLinkedRoles(fx.iam)).map((r) => r.RoleName!).sort();
    }

    async function roleState(stack: automation.Stack) {
        const { deployment } = await stack.exportStack();
        return deployment.resources.find((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
    }

    const roleExists = async (roleName: string) => (await roleInIam(fx.iam, roleName)) !== undefined;

    it("up creates exactly one role, and a second up changes nothing", async () => {
        const { stack } = await stackWith({ description: "first" });
        const first = await stack.up();
        expect(first.summary.resourceChanges).to.deep.equal({ create: 2 });
        expect(await serviceLinkedRoleNames()).to.have.length(1);
        expect(first.outputs.ownership.value).to.equal("created");
        expect(first.outputs.roleArn.value).to.match(/^arn:aws:iam::\d{12}:role\/aws-service-role\/connect\.amazonaws\.com\//);
        expect(first.outputs.trustPolicy.value.Statement[0].Principal.Service).to.deep.equal(["connect.amazonaws.com"]);

        const second = await stack.up();
        expect(second.summary.resourceChanges).to.deep.equal({ same: 2 });
        expect(await serviceLinkedRoleNames()).to.have.length(1);
    });

    it("a description change previews as an update and keeps the role's id and create date", async () => {
        const { stack, setConfig } = await stackWith({ description: "before" });
        const created = await stack.up();
        await setConfig({ description: "after" });

        const preview = await stack.preview();
        expect(preview.changeSummary).to.deep.equal({ same: 1, update: 1 });

        const updated = await stack.up();
        expect(updated.summary.resourceChanges).to.deep.equal({ same: 1, update: 1 });
        expect(updated.outputs.roleId.value).to.equal(created.outputs.roleId.value);
        expect(updated.outputs.createDate.value).to.equal(created.outputs.createDate.value);
        const { Role } = await fx.iam.send(new GetRoleCommand({ RoleName: created.outputs.roleName.value }));
        expect(Role?.Description).to.equal("after");
    });

    it("an awsServiceName change previews as a replace, creates the new role before deleting the old", async () => {
        const { stack, setConfig } = await stackWith();
        const before = await stack.up();
        const oldRole = before.outputs.roleName.value as string;
        await setConfig({ awsServiceName: "elasticbeanstalk.amazonaws.com" });

        const preview = await stack.preview();
        expect(preview.changeSummary).to.deep.equal({ same: 1, replace: 1 });

        const recorder = stepRecorder();
        const after = await stack.up({ onEvent: recorder.onEvent });
        expect(after.summary.resourceChanges).to.deep.equal({ same: 1, replace: 1 });
        const ops = roleSteps(recorder.steps).map((s) => s.op);
        expect(ops).to.deep.equal(["create-replacement", "replace", "delete-replaced"]);
        const replaceStep = roleSteps(recorder.steps, "pre").find((s) => s.op === "create-replacement");
        expect(replaceStep?.keys).to.include("awsServiceName");
        expect(await roleExists(oldRole)).to.equal(false);
        expect(await roleExists(after.outputs.roleName.value)).to.equal(true);
        expect(await serviceLinkedRoleNames()).to.deep.equal([after.outputs.roleName.value]);
    });

    it("a customSuffix change replaces; a change of letter case only deletes first, since IAM names collide", async () => {
        const { stack, setConfig } = await stackWith({ customSuffix: "alpha" });
        await stack.up();
        await setConfig({ customSuffix: "beta" });
        expect((await stack.preview()).changeSummary).to.deep.equal({ same: 1, replace: 1 });
        const renamed = stepRecorder();
        const beta = await stack.up({ onEvent: renamed.onEvent });
        expect(roleSteps(renamed.steps).map((s) => s.op)).to.deep.equal(["create-replacement", "replace", "delete-replaced"]);
        expect(await serviceLinkedRoleNames()).to.deep.equal([beta.outputs.roleName.value]);
        expect(beta.outputs.roleName.value).to.match(/_beta$/);

        await setConfig({ customSuffix: "BETA" });
        const recased = stepRecorder();
        const upper = await stack.up({ onEvent: recased.onEvent });
        expect(roleSteps(recased.steps).map((s) => s.op)).to.deep.equal(["delete-replaced", "replace", "create-replacement"]);
        expect(await serviceLinkedRoleNames()).to.deep.equal([upper.outputs.roleName.value]);
        expect(upper.outputs.ownership.value).to.equal("created");
    });

    it("refresh detects an out-of-band delete, and up recreates the role", async () => {
        const { stack } = await stackWith();
        const created = await stack.up();
        await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: created.outputs.roleName.value }));

        const refresh = await stack.refresh();
        expect(refresh.summary.resourceChanges).to.deep.equal({ same: 1, delete: 1 });
        const state = await stack.exportStack();
        expect(state.deployment.resources.filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"))).to.have.length(0);

        const recreated = await stack.up();
        expect(recreated.summary.resourceChanges).to.deep.equal({ same: 1, create: 1 });
        expect(await roleExists(recreated.outputs.roleName.value)).to.equal(true);
    });

    it("refresh shows an out-of-band description edit, and up converges it", async () => {
        const { stack } = await stackWith({ description: "declared" });
        const created = await stack.up();
        const roleName = created.outputs.roleName.value as string;
        await fx.iam.send(new UpdateRoleCommand({ RoleName: roleName, Description: "edited by hand" }));

        const refresh = await stack.refresh();
        expect(refresh.summary.resourceChanges).to.deep.equal({ same: 1, update: 1 });
        expect((await roleState(stack)).outputs.description).to.equal("edited by hand");

        const converged = await stack.up();
        expect(converged.summary.resourceChanges).to.deep.equal({ same: 1, update: 1 });
        const { Role } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect(Role?.Description).to.equal("declared");
    });

    it("up adopts a role that already exists, and destroy leaves it in place", async () => {
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", Description: "made by the service" }));
        const { stack } = await stackWith({ description: "now managed" });
        const up = await stack.up();
        expect(up.outputs.roleName.value).to.equal(Role!.RoleName);
        expect(up.outputs.ownership.value).to.equal("adopted");
        expect(up.outputs.roleId.value).to.equal(Role!.RoleId);
        expect(await serviceLinkedRoleNames()).to.deep.equal([Role!.RoleName]);

        const destroy = await stack.destroy();
        expect(destroy.summary.resourceChanges).to.deep.equal({ delete: 2 });
        expect(await roleExists(Role!.RoleName!)).to.equal(true);
        const { Role: after } = await fx.iam.send(new GetRoleCommand({ RoleName: Role!.RoleName }));
        expect(after?.Description).to.equal("now managed");
    });

    it("brings an existing role under management by name or ARN (existingRole), after which up shows no diff", async () => {
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", CustomSuffix: "legacy" }));
        for (const reference of [Role!.RoleName!, Role!.Arn!]) {
            const { stack } = await stackWith({ existingRole: reference, customSuffix: "legacy" });
            const adopted = await stack.up();
            expect(adopted.summary.resourceChanges).to.deep.equal({ create: 2 });
            expect(adopted.outputs.roleId.value).to.equal(Role!.RoleId);
            expect(adopted.outputs.ownership.value).to.equal("adopted");
            expect((await stack.preview()).changeSummary).to.deep.equal({ same: 2 });
            await current!.dispose();
            expect(await roleExists(Role!.RoleName!)).to.equal(true);
        }
    });

    it("reads an existing role with ServiceLinkedRole.get (the engine's Read with the program's inputs)", async () => {
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", Description: "looked up" }));
        const { ServiceLinkedRole } = exampleRequire("service-linked-role")("pulumi-service-linked-role");
        const lookup = async () => {
            const role = ServiceLinkedRole.get("existing", Role!.Arn!);
            return { roleId: role.roleId, description: role.description, ownership: role.ownership };
        };
        current = await fx.stack({ program: lookup });
        const up = await current.stack.up();
        expect(up.summary.resourceChanges).to.deep.equal({ create: 1 });
        expect((await roleState(current.stack)).external).to.equal(true);
        expect(up.outputs.roleId.value).to.equal(Role!.RoleId);
        expect(up.outputs.description.value).to.equal("looked up");
        expect(up.outputs.ownership.value).to.equal("adopted");
    });

    it("documents the upstream limit: the import option cannot import a dynamic resource (pulumi/pulumi#16175)", async () => {
        // If this starts passing, upstream fixed the engine: update the import section of docs/ownership-and-claims.md.
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com" }));
        const { stack } = await stackWith({ importRoleName: Role!.RoleName! });
        const error = await stack.up().then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error?.message).to.include("code must be a string, not undefined");
        expect(await serviceLinkedRoleNames()).to.deep.equal([Role!.RoleName]);
    });

    it("destroy deletes the role the stack created", async () => {
        const { stack } = await stackWith();
        const up = await stack.up();
        const destroy = await stack.destroy();
        expect(destroy.summary.resourceChanges).to.deep.equal({ delete: 2 });
        expect(await roleExists(up.outputs.roleName.value)).to.equal(false);
        expect(await serviceLinkedRoleNames()).to.deep.equal([]);
    });

    it("invalid input fails preview, naming the property and the rule, before any IAM call", async () => {
        const proxy = await startFaultProxy(fx.moto.endpoint);
        current = await fx.stack({
            program,
            iamEndpoint: proxy.endpoint,
            config: { description: "x".repeat(1001), customSuffix: "bad suffix!" },
        });
        const { stack } = current;
        const error = await stack.preview().then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error, "preview should fail").to.be.instanceOf(Error);
        expect(error!.message).to.include("description").and.to.include("at most 1000 characters");
        expect(error!.message).to.include("customSuffix").and.to.include("letters, digits");
        expect(proxy.counts(), "IAM calls during the failed preview").to.deep.equal({});
        await proxy.close();
        expect(await serviceLinkedRoleNames()).to.deep.equal([]);
    });

    it("state holds no credential, and the serialized provider stays small", async () => {
        const { stack } = await stackWith({ description: "secrets check", tags: JSON.stringify({ team: "contact-center" }) });
        const up = await stack.up();
        const state = JSON.stringify(await stack.exportStack());
        for (const planted of [testCredentials.secretAccessKey, testCredentials.sessionToken, testCredentials.accessKeyId]) {
            expect(state).to.not.include(planted);
            expect(up.stdout + up.stderr).to.not.include(planted);
        }
        const deployment = (await stack.exportStack()).deployment;
        const role = deployment.resources.find((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
        const providerBytes = Buffer.byteLength(role.inputs.__provider, "utf8");
        expect(providerBytes).to.be.below(MAX_SERIALIZED_PROVIDER_BYTES);
        expect(role.inputs.__provider).to.include('require("pulumi-service-linked-role/');
        expect(role.type).to.equal("pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole");
    });
});
