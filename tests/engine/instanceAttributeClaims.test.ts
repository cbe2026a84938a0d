// Two stacks managing one attribute of one existing Connect instance (#16 item 8), through the real
// engine and the stand-in AWS plugin: each claims the attribute with a tag on the instance, and the
// original value comes back only when the last of them is destroyed.
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { createConnectStack, useConnectMoto } from "../harness/awsPlugin";
import { createConnectInstance } from "../harness/awsStandIn/resources/connectInstance";
import { readInstance } from "../harness/awsStandIn/store";
import { exampleRequire, TestStack } from "../harness/engine";

const REGION = "us-east-1";

function componentProgram(args: Record<string, unknown>): automation.PulumiFn {
    const lib = exampleRequire("connect-instance")("pulumi-service-linked-role/connect");
    return async () => {
        const component = new lib.ConnectInstance("cc", args);
        return { instanceId: component.instanceId };
    };
}

describe("engine: instance attributes claimed by several stacks", function () {
    this.timeout(400_000);
    const fx = useConnectMoto();
    let stacks: TestStack[] = [];
    afterEach(async () => {
        for (const s of stacks.reverse()) await s.dispose().catch(() => undefined);
        stacks = [];
    });

    it("two stacks set earlyMedia=false on an instance whose original is true: destroying the first keeps false, destroying the second restores true", async () => {
        const instanceId = await createConnectInstance({ identityManagementType: "CONNECT_MANAGED", instanceAlias: "shared-attrs", inboundCallsEnabled: true, outboundCallsEnabled: true, region: REGION });
        expect(readInstance(instanceId)!.attributes).to.include({ EARLY_MEDIA: "true" });
        const program = componentProgram({ existingInstanceId: instanceId, instanceAttributes: { earlyMedia: false } });
        const first = await createConnectStack(fx, { program, stackName: "first" });
        const second = await createConnectStack(fx, { program, stackName: "second" });
        stacks.push(first, second);

        await first.stack.up();
        await second.stack.up();
        expect(readInstance(instanceId)!.attributes.EARLY_MEDIA, "both deployed").to.equal("false");

        await first.stack.destroy();
        expect(readInstance(instanceId)!.attributes.EARLY_MEDIA, "the second still manages it").to.equal("false");
        const state = (await second.stack.exportStack()).deployment.resources.find((r: { type: string }) => r.type.endsWith(":InstanceAttributes"));
        expect(state.outputs.previous).to.deep.equal({ EARLY_MEDIA: true });

        await second.stack.destroy();
        expect(readInstance(instanceId)!.attributes.EARLY_MEDIA, "the last manager left").to.equal("true");
    });
});
