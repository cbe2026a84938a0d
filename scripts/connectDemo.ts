// The Connect half of `npm run demo`: examples/connect-instance deployed by the real Pulumi CLI
// against moto, through the stand-in AWS resource plugin (tests/harness/awsStandIn); the instance's
// own role brought under management and checked; a replacing change refused; destroy, and what is
// left.
import { IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { awsPluginMode, ConnectMoto, createConnectStack, pointThisProcessAt, startMotoForConnect } from "../tests/harness/awsPlugin";
import { inspect } from "../tests/harness/awsStandIn/inspect";
import { describeInstance } from "../tests/harness/awsStandIn/resources/connectInstance";
import { exampleModuleProgram, TestStack } from "../tests/harness/engine";
import { directIamClient, serviceLinkedRoles } from "../tests/harness/iam";
import { assertChanges, indent, step } from "./demoSteps";

/** What the emulator does in place of Amazon Connect, as docs/development.md lists it. */
const EMULATED = [
    "CreateInstance makes the instance's own role AWSServiceRoleForAmazonConnect_<id> (with AmazonConnectServiceLinkedRolePolicy) and returns it as the service role",
    "DeleteInstance deletes that role, with the instance's associations",
    "associating storage, a stream or a Lex V1 bot adds the permissions Connect adds to the role; disassociating removes them",
    "an instance alias is unique",
    "storage configs, bot, Lambda and integration associations, approved origins and security keys are kept by the stand-in (moto has no such APIs)",
];

interface StateResource {
    type: string;
    outputs?: Record<string, any>;
}

/** Runs the Connect demo; steps are numbered from `first`. */
export async function connectDemo(first: number): Promise<void> {
    let n = first;
    const next = (title: string) => step(`${n++}. ${title}`);
    let connectMoto: ConnectMoto | undefined;
    let demo: TestStack | undefined;
    let restore: (() => void) | undefined;
    try {
        next("Amazon Connect, against an emulator");
        connectMoto = await startMotoForConnect();
        restore = pointThisProcessAt(connectMoto);
        console.log(`    Connect runs against moto (${connectMoto.moto.endpoint}) through the ${awsPluginMode()} AWS plugin, not Amazon Connect. Emulated:`);
        for (const line of EMULATED) console.log(`      - ${line}`);

        next("pulumi up: examples/connect-instance");
        demo = await createConnectStack({ connectMoto, iam: directIamClient(connectMoto.moto.endpoint) }, {
            program: exampleModuleProgram("connect-instance"),
            projectName: "connect-instance-example",
            stackName: "demo",
            config: { instanceAlias: "demo-contact-center" },
        });
        const up = await demo.stack.up();
        console.log(indent(up.stdout.split("\n").filter((l) => /^\s*[+~-] |Resources:|created|Duration/.test(l)).join("\n")));
        for (const key of ["instanceId", "instanceAlias", "serviceRoleArn", "serviceLinkedRoleOwnership", "bucketName", "contactFlowLogGroup"]) {
            console.log(`    ${key.padEnd(27)} ${up.outputs[key]?.value}`);
        }

        next("The instance's own role, under management");
        const resources = (await demo.stack.exportStack()).deployment.resources as StateResource[];
        const roleName = String(up.outputs.serviceRoleArn.value).split("/").pop()!;
        const iam = directIamClient(connectMoto.moto.endpoint);
        const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? [];
        const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
        const roles = await serviceLinkedRoles(iam, "connect.amazonaws.com");
        console.log(`    IAM holds ${roles.length} Connect role(s): ${roles.map((r) => r.RoleName).join(", ")}`);
        console.log(`    ${roleName}: ownership ${up.outputs.serviceLinkedRoleOwnership.value} (Connect made it; the stack manages its description and tags, never deletes it)`);
        console.log(`    managed policy: ${attached.map((p) => p.PolicyName).join(", ")}; added by the associations: ${inline.length} inline policies`);

        next("The permission check of that role");
        const check = resources.find((r) => r.type === "pulumi-nodejs:dynamic/connect:RolePermissionCheck")?.outputs;
        if (!check) throw new Error("the stack has no RolePermissionCheck");
        console.log(`    ok: ${check.ok}; missing: ${JSON.stringify(check.missing)}; warnings: ${(check.warnings ?? []).length}`);
        if (check.ok !== true) throw new Error(`the permission check failed: ${JSON.stringify(check.missing)}`);

        next("Preview of a change that would replace the instance (instanceAlias)");
        await demo.setConfig({ instanceAlias: "demo-contact-center-2" });
        const refused = await demo.stack.preview().then(
            () => undefined,
            (error: Error) => error,
        );
        if (!refused) throw new Error("the replacing change was not refused");
        const reason = /property (\w+) value .*? has a problem: (changing it .*?would replace the Connect instance)/.exec(refused.message);
        if (!reason) throw new Error(`the preview failed for another reason: ${refused.message}`);
        const still = await describeInstance(String(up.outputs.instanceId.value), "us-east-1");
        if (still?.instance.InstanceAlias !== "demo-contact-center") throw new Error("the instance changed");
        console.log(`    refused at preview: ${reason[1]}: ${reason[2]}`);
        console.log(`    the instance is unchanged (alias ${still.instance.InstanceAlias})`);
        await demo.setConfig({ instanceAlias: "demo-contact-center" });

        next("pulumi destroy, and what is left");
        const instanceId = String(up.outputs.instanceId.value);
        const destroyed = await demo.stack.destroy();
        assertChanges("destroy", destroyed.summary.resourceChanges, { delete: resources.filter((r) => !r.type.startsWith("pulumi:providers:")).length });
        console.log(`    instance ${instanceId}: ${(await describeInstance(instanceId, "us-east-1")) ? "still there (unexpected)" : "deleted"}`);
        console.log(`    Connect roles in IAM: ${(await serviceLinkedRoles(iam, "connect.amazonaws.com")).length} (Connect deleted the instance's own role with it)`);
        console.log(`    buckets left: ${(await inspect.buckets()).join(", ") || "none"} (retainOnDelete: recordings outlive the stack)`);
        console.log(`    log groups left: ${(await inspect.logGroups()).join(", ") || "none"} (retainOnDelete: contact flow logs)`);
        console.log(`    nothing else: Kinesis streams ${(await inspect.streams()).length}, Firehose streams ${(await inspect.firehoses()).length}, IAM roles ${await roleCount(iam)}`);
        iam.destroy();
    } finally {
        await demo?.dispose().catch((err) => console.error(`    cleanup failed: ${err}`));
        restore?.();
        await connectMoto?.stop();
    }
}

async function roleCount(iam: IAMClient): Promise<number> {
    return ((await iam.send(new ListRolesCommand({}))).Roles ?? []).length;
}
