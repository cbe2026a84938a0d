// The stand-in AWS plugin under the real engine, outside ConnectInstance: a type another suite
// needs (aws.iam.ServiceLinkedRole, for migrations), and the refusal of a type it does not implement.
import { expect } from "chai";
import { awsPluginMode } from "../harness/awsPlugin";
import { exampleRequire, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { roleInIam, serviceLinkedRoles } from "../harness/iam";

describe("stand-in AWS plugin through the engine", function () {
    this.timeout(180_000);
    const fx = useEngineFixture({ connect: true, ignoreDisposeErrors: true });
    const aws = exampleRequire("connect-instance")("@pulumi/aws");
    let stack: TestStack | undefined;

    it("aws.iam.ServiceLinkedRole creates the role in moto's IAM, updates its description in place, and destroy deletes it", async () => {
        const program = (description: string) => async () => {
            const role = new aws.iam.ServiceLinkedRole("eb", { awsServiceName: "elasticbeanstalk.amazonaws.com", description });
            return { name: role.name, arn: role.arn };
        };
        stack = await fx.stack({ program: program("first") });
        const up = await stack.stack.up();
        const name = String(up.outputs.name.value);
        expect((await roleInIam(fx.iam, name))?.Description).to.equal("first");
        stack.stack.workspace.program = program("second");
        const update = await stack.stack.up();
        expect(update.summary.resourceChanges).to.include({ update: 1 });
        expect(update.outputs.arn.value).to.equal(up.outputs.arn.value);
        expect((await roleInIam(fx.iam, name))?.Description).to.equal("second");
        await stack.stack.destroy();
        expect(await serviceLinkedRoles(fx.iam, "elasticbeanstalk.amazonaws.com")).to.deep.equal([]);
    });

    it("a type the stand-in does not implement fails the preview, naming it, and creates nothing", async function () {
        if (awsPluginMode() === "real") this.skip();
        stack = await fx.stack({ program: async () => ({ vpc: new aws.ec2.Vpc("v", { cidrBlock: "10.0.0.0/16" }).id }) });
        let error: Error | undefined;
        await stack.stack.preview().catch((e) => (error = e));
        expect(error?.message).to.match(/does not implement aws:ec2\/vpc:Vpc/);
        const state = (await stack.stack.exportStack()).deployment.resources ?? [];
        expect(state.filter((r: { type: string }) => r.type === "aws:ec2/vpc:Vpc")).to.deep.equal([]);
    });
});
