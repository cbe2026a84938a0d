// ConnectInstance under the real Pulumi CLI and engine, with the AWS plugin of the harness (the
// stand-in backed by moto, or a real pulumi-resource-aws pointed at moto when one is installed).
import type * as automation from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { inspect } from "../harness/awsStandIn/inspect";
import { createConnectInstance, describeInstance } from "../harness/awsStandIn/resources/connectInstance";
import { readInstance } from "../harness/awsStandIn/store";
import { exampleModuleProgram, exampleRequire, StepRecord, stepRecorder } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { roleInIam, serviceLinkedRoles } from "../harness/iam";

const REGION = "us-east-1";
const INSTANCE = "aws:connect/instance:Instance";
const STORAGE = "aws:connect/instanceStorageConfig:InstanceStorageConfig";
const ROLE = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";
const CHECK = "pulumi-nodejs:dynamic/connect:RolePermissionCheck";
const CONNECT_PATH = "connect.amazonaws.com";

/** Index of the first event of `type` in `phase` (and op), or -1. */
function at(steps: StepRecord[], type: string, phase: StepRecord["phase"], op?: string): number {
    return steps.findIndex((s) => s.type === type && s.phase === phase && (op === undefined || s.op === op));
}
function lastAt(steps: StepRecord[], type: string, phase: StepRecord["phase"], op?: string): number {
    const reversed = [...steps].reverse().findIndex((s) => s.type === type && s.phase === phase && (op === undefined || s.op === op));
    return reversed === -1 ? -1 : steps.length - 1 - reversed;
}

/** An inline program declaring one ConnectInstance with `args`, exporting what the tests read. */
function componentProgram(args: Record<string, unknown>): automation.PulumiFn {
    const lib = exampleRequire("connect-instance")("pulumi-service-linked-role/connect");
    return async () => {
        const component = new lib.ConnectInstance("cc", args);
        return {
            instanceId: component.instanceId,
            serviceRoleArn: component.serviceRoleArn,
            ownership: component.serviceLinkedRole?.ownership,
        };
    };
}

describe("ConnectInstance through the engine (AWS plugin against moto)", function () {
    this.timeout(300_000);
    const fx = useEngineFixture({ connect: true, ignoreDisposeErrors: true });
    const exampleStack = (alias: string, stackName = "test") =>
        fx.stack({ program: exampleModuleProgram("connect-instance"), stackName, config: { instanceAlias: alias } });

    it("creates the instance first, then its associations and the adopted role, and checks the role last; no account-wide role", async () => {
        const { stack } = await exampleStack("order-test");
        const rec = stepRecorder();
        const up = await stack.up({ onEvent: rec.onEvent });
        const steps = rec.steps;
        const instanceDone = at(steps, INSTANCE, "outputs", "create");
        expect(instanceDone).to.be.greaterThan(-1);
        expect(at(steps, STORAGE, "pre", "create")).to.be.greaterThan(instanceDone);
        expect(at(steps, ROLE, "pre", "create")).to.be.greaterThan(instanceDone);
        expect(at(steps, CHECK, "pre", "create")).to.be.greaterThan(lastAt(steps, STORAGE, "outputs", "create"));
        expect(steps.filter((s) => s.type === STORAGE && s.phase === "outputs")).to.have.length(5);

        const roles = await serviceLinkedRoles(fx.iam, CONNECT_PATH);
        expect(roles.map((r) => r.Arn)).to.deep.equal([up.outputs.serviceRoleArn.value]);
        expect(roles[0].RoleName).to.match(/^AWSServiceRoleForAmazonConnect_[A-Za-z0-9]+$/);
        expect(up.outputs.serviceLinkedRoleOwnership.value).to.equal("adopted");
        expect(await roleInIam(fx.iam, "AWSServiceRoleForAmazonConnect")).to.equal(undefined);

        const state = (await stack.exportStack()).deployment.resources as Array<{ type: string; outputs?: Record<string, unknown> }>;
        const check = state.find((r) => r.type === CHECK);
        expect(check?.outputs?.ok, JSON.stringify(check?.outputs?.missing)).to.equal(true);
    });

    it("two instances in one account each get their own role, and destroying one leaves the other's", async () => {
        const a = await exampleStack("first-center", "a");
        const b = await exampleStack("second-center", "b");
        const upA = await a.stack.up();
        const upB = await b.stack.up();
        expect(upA.outputs.serviceRoleArn.value).to.not.equal(upB.outputs.serviceRoleArn.value);
        expect(await serviceLinkedRoles(fx.iam, CONNECT_PATH)).to.have.length(2);
        await a.stack.destroy();
        const left = await serviceLinkedRoles(fx.iam, CONNECT_PATH);
        expect(left.map((r) => r.Arn)).to.deep.equal([upB.outputs.serviceRoleArn.value]);
    });

    it("wires an existing instance without managing it: destroy leaves the instance and its role", async () => {
        const instanceId = await createConnectInstance({ identityManagementType: "CONNECT_MANAGED", instanceAlias: "pre-existing", inboundCallsEnabled: true, outboundCallsEnabled: true, region: REGION });
        const roleName = readInstance(instanceId)!.roleName;
        const s = await fx.stack({ program: componentProgram({ existingInstanceId: instanceId, agentEvents: { create: true } }) });
        const up = await s.stack.up();
        expect(up.outputs.instanceId.value).to.equal(instanceId);
        expect(String(up.outputs.serviceRoleArn.value)).to.match(new RegExp(`/${roleName}$`));
        const state = (await s.stack.exportStack()).deployment.resources as Array<{ type: string }>;
        expect(state.filter((r) => r.type === INSTANCE)).to.have.length(0);
        expect(Object.values(readInstance(instanceId)!.storageConfigs).map((c) => c.resourceType)).to.deep.equal(["AGENT_EVENTS"]);

        await s.stack.destroy();
        expect(await describeInstance(instanceId, REGION)).to.not.equal(undefined);
        expect(await roleInIam(fx.iam, roleName)).to.not.equal(undefined);
        expect(readInstance(instanceId)!.storageConfigs).to.deep.equal({});
    });

    it("sets an existing instance's attributes through Connect's API, and puts them back on destroy", async () => {
        const instanceId = await createConnectInstance({ identityManagementType: "CONNECT_MANAGED", instanceAlias: "attributes", inboundCallsEnabled: true, outboundCallsEnabled: true, region: REGION });
        expect(readInstance(instanceId)!.attributes).to.include({ EARLY_MEDIA: "true", CONTACTFLOW_LOGS: "false" });
        const s = await fx.stack({
            program: componentProgram({ existingInstanceId: instanceId, instanceAttributes: { earlyMedia: false }, contactFlowLogs: { retentionInDays: 7 } }),
        });
        await s.stack.up();
        expect(readInstance(instanceId)!.attributes).to.include({ EARLY_MEDIA: "false", CONTACTFLOW_LOGS: "true" });
        await s.stack.destroy();
        expect(readInstance(instanceId)!.attributes).to.include({ EARLY_MEDIA: "true", CONTACTFLOW_LOGS: "false" });
    });

    it("with allowInstanceReplacement, an alias change replaces the instance: a new instance and role, the old ones gone", async () => {
        const program = (alias: string) => componentProgram({ instanceAlias: alias, allowInstanceReplacement: true, agentEvents: { create: true } });
        const s = await fx.stack({ program: program("first-alias") });
        const first = await s.stack.up();
        s.stack.workspace.program = program("second-alias");
        const rec = stepRecorder();
        const second = await s.stack.up({ onEvent: rec.onEvent });
        expect(rec.steps.some((x) => x.type === INSTANCE && x.op === "replace" && x.phase === "outputs")).to.equal(true);
        expect(second.outputs.instanceId.value).to.not.equal(first.outputs.instanceId.value);
        expect(await describeInstance(String(first.outputs.instanceId.value), REGION)).to.equal(undefined);
        const roles = await serviceLinkedRoles(fx.iam, CONNECT_PATH);
        expect(roles.map((r) => r.Arn)).to.deep.equal([second.outputs.serviceRoleArn.value]);
        const newId = String(second.outputs.instanceId.value);
        expect(Object.values(readInstance(newId)!.storageConfigs).map((c) => c.resourceType)).to.deep.equal(["AGENT_EVENTS"]);
    });

    it("destroys associations before the instance, and leaves only the retained bucket and log group", async () => {
        const { stack } = await exampleStack("destroy-test");
        const up = await stack.up();
        const instanceId = String(up.outputs.instanceId.value);
        const roleName = String(up.outputs.serviceRoleArn.value).split("/").pop()!;
        const state = (await stack.exportStack()).deployment.resources as Array<{ type: string; outputs?: Record<string, any> }>;
        const streamName = state.find((r) => r.type === "aws:kinesis/stream:Stream")!.outputs!.name;
        const firehoseName = state.find((r) => r.type === "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")!.outputs!.name;
        const firehoseRole = state.find((r) => r.type === "aws:iam/role:Role")!.outputs!.name;

        const rec = stepRecorder();
        await stack.destroy({ onEvent: rec.onEvent });
        const instanceDeleted = at(rec.steps, INSTANCE, "outputs", "delete");
        expect(instanceDeleted).to.be.greaterThan(-1);
        expect(lastAt(rec.steps, STORAGE, "outputs", "delete")).to.be.lessThan(instanceDeleted);
        expect(at(rec.steps, ROLE, "outputs", "delete")).to.be.lessThan(instanceDeleted);

        // Gone: the instance, the role Connect made for it (deleted with the instance), the streams.
        expect(await describeInstance(instanceId, REGION)).to.equal(undefined);
        expect(await roleInIam(fx.iam, roleName)).to.equal(undefined);
        expect(await inspect.streamExists(streamName)).to.equal(false);
        expect(await inspect.firehoseExists(firehoseName)).to.equal(false);
        expect(await roleInIam(fx.iam, firehoseRole)).to.equal(undefined);
        // Left: the recordings bucket and the flow logs (retainOnDelete), and nothing else in IAM.
        expect(await inspect.bucketExists(String(up.outputs.bucketName.value))).to.equal(true);
        expect(await inspect.logGroups()).to.include(String(up.outputs.contactFlowLogGroup.value));
        expect(await serviceLinkedRoles(fx.iam)).to.deep.equal([]);
    });

    it("refuses, at preview, a change that would replace the instance, and changes nothing", async () => {
        const { stack, setConfig } = await exampleStack("guarded");
        const up = await stack.up();
        await setConfig({ instanceAlias: "renamed" });
        let error: Error | undefined;
        await stack.preview().catch((e) => (error = e));
        expect(error?.message).to.match(/instanceAlias/).and.match(/would replace the Connect instance/);
        await stack.up().catch((e) => (error = e));
        expect(error?.message).to.match(/would replace the Connect instance/);
        const found = await describeInstance(String(up.outputs.instanceId.value), REGION);
        expect(found?.instance.InstanceAlias).to.equal("guarded");
        await setConfig({ instanceAlias: "guarded" });
    });

    it("refresh after a stream is deleted out of band drops it from the state, and up makes it again", async () => {
        const { stack } = await exampleStack("refresh-test");
        await stack.up();
        const before = (await stack.exportStack()).deployment.resources as Array<{ type: string; urn: string; outputs?: Record<string, any> }>;
        const stream = before.find((r) => r.type === "aws:kinesis/stream:Stream")!;
        await inspect.deleteStream(stream.outputs!.name);

        const refresh = await stack.refresh();
        expect(refresh.summary.resourceChanges?.delete).to.equal(1);
        const after = (await stack.exportStack()).deployment.resources as Array<{ urn: string; type: string }>;
        expect(after.some((r) => r.urn === stream.urn)).to.equal(false);
        expect(after.filter((r) => r.type === STORAGE)).to.have.length(5);

        // The stream is created again (with a new auto-name, as pulumi-aws does once it left the
        // state) and the agent-events association follows it.
        const again = await stack.up();
        expect(again.summary.resourceChanges?.create).to.equal(1);
        const final = (await stack.exportStack()).deployment.resources as Array<{ type: string; outputs?: Record<string, any> }>;
        const recreated = final.find((r) => r.type === "aws:kinesis/stream:Stream")!;
        expect(await inspect.streamExists(recreated.outputs!.name)).to.equal(true);
        const agentEvents = final.find((r) => r.type === STORAGE && r.outputs!.resourceType === "AGENT_EVENTS")!;
        expect(agentEvents.outputs!.storageConfig.kinesisStreamConfig.streamArn).to.equal(recreated.outputs!.arn);
    });
});
