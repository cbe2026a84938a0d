/**
 * The conventions users expect from @pulumi/aws classes, through the real engine: a typed
 * `isInstance`, `get(name, id, state?, opts?)`, and a `get` of a missing role that fails clearly.
 */
import { CreateServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { exampleRequire, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { serviceLinkedRoles } from "../harness/iam";
import type * as api from "../../provider/iam";

const { ServiceLinkedRole } = exampleRequire("service-linked-role")("pulumi-service-linked-role") as typeof api;

describe("engine: ServiceLinkedRole conventions (isInstance, get with state, get of a missing role, preview output)", function () {
    this.timeout(240_000);
    const fx = useEngineFixture();
    let current: TestStack | undefined;

    it("get(name, id, state) reads the role with the given settings and never deletes it", async () => {
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", Description: "made by Connect" }));
        const program = async () => {
            const role = ServiceLinkedRole.get("existing", Role!.RoleName!, { deletionPolicy: "neverDelete", description: "ignored: IAM's value is read" });
            return { roleId: role.roleId, description: role.description, deletionPolicy: role.deletionPolicy, isInstance: ServiceLinkedRole.isInstance(role) };
        };
        current = await fx.stack({ program });
        const up = await current.stack.up();
        expect(up.outputs.roleId.value).to.equal(Role!.RoleId);
        expect(up.outputs.description.value).to.equal("made by Connect");
        expect(up.outputs.deletionPolicy.value).to.equal("neverDelete");
        expect(up.outputs.isInstance.value).to.equal(true);
        await current.stack.destroy();
        expect((await serviceLinkedRoles(fx.iam)).map((r) => r.RoleName)).to.deep.equal([Role!.RoleName]);
    });

    it("get of a role IAM does not have fails the update, naming the role and what to do, and records nothing", async () => {
        const program = async () => {
            ServiceLinkedRole.get("missing", "AWSServiceRoleForAmazonConnect_nope");
            return {};
        };
        current = await fx.stack({ program });
        const error = await current.stack.up().then(
            () => undefined,
            (err: Error) => err,
        );
        expect(error?.message).to.include("GetRole found no role AWSServiceRoleForAmazonConnect_nope (NoSuchEntity)");
        expect(error?.message).to.include("declare new ServiceLinkedRole(...) to create it");
        const { deployment } = await current.stack.exportStack();
        expect((deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"))).to.deep.equal([]);
        expect(await serviceLinkedRoles(fx.iam)).to.deep.equal([]);
    });

    it("preview prints what the README shows: the replacement with the changed input, and an in-place update", async () => {
        const program = exampleRequire("service-linked-role")("./program").serviceLinkedRoleProgram as automation.PulumiFn;
        current = await fx.stack({ program, config: { description: "demo" } });
        await current.stack.up();
        await current.setConfig({ customSuffix: "blue" });
        const replace = await current.stack.preview();
        expect(replace.stdout).to.match(/^ \+- pulumi-nodejs:dynamic\/aws-iam:ServiceLinkedRole connect-role replace \[diff: \+customSuffix\]$/m);
        expect(replace.stdout).to.match(/^ {4}\+-1 to replace$/m);
        await current.setConfig({ customSuffix: undefined, description: "changed" });
        const update = await current.stack.preview();
        expect(update.stdout).to.match(/^ ~  pulumi-nodejs:dynamic\/aws-iam:ServiceLinkedRole connect-role update \[diff: ~description\]$/m);
    });

    it("isInstance recognises a role by its type token, and nothing else", () => {
        expect(ServiceLinkedRole.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole" })).to.equal(true);
        for (const other of [undefined, null, {}, "role", { __pulumiType: "aws:iam/serviceLinkedRole:ServiceLinkedRole" }]) {
            expect(ServiceLinkedRole.isInstance(other), JSON.stringify(other)).to.equal(false);
        }
    });
});
