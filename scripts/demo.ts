// The main job: the default example deployed by the real Pulumi CLI against a local IAM emulator
// (moto), through an in-place update, a replacement preview, a refresh and a destroy; then the
// Connect example against moto through the stand-in AWS plugin (see connectDemo.ts).
import type * as automation from "@pulumi/pulumi/automation";
import { createStack, exampleRequire, roleSteps, stepRecorder, TestStack } from "../tests/harness/engine";
import { MotoServer, startMoto } from "../tests/harness/moto";
import { connectDemo } from "./connectDemo";
import { orgDemo } from "./orgDemo";
import { assertChanges, indent, step } from "./demoSteps";

const EXAMPLE = "service-linked-role";

function printOutputs(outputs: automation.OutputMap): void {
    for (const [key, { value }] of Object.entries(outputs)) {
        console.log(`    ${key.padEnd(12)} ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
}

async function main(): Promise<void> {
    const started = Date.now();
    let moto: MotoServer | undefined;
    let demo: TestStack | undefined;
    try {
        step("1. Starting moto (local IAM endpoint)");
        moto = await startMoto();
        console.log(`    IAM endpoint ${moto.endpoint}`);

        step(`2. pulumi up: examples/${EXAMPLE}`);
        const program = exampleRequire(EXAMPLE)("./program").serviceLinkedRoleProgram as automation.PulumiFn;
        demo = await createStack({
            example: EXAMPLE,
            program,
            projectName: "service-linked-role-demo",
            stackName: "demo",
            iamEndpoint: moto.endpoint,
            config: { description: "Amazon Connect service-linked role (demo)", tags: JSON.stringify({ team: "contact-center" }) },
        });
        const { stack, setConfig } = demo;
        const up = await stack.up();
        console.log(indent(up.stdout));

        step("3. Stack outputs");
        printOutputs(up.outputs);

        step("4. Preview, then apply, an in-place description update");
        await setConfig({ description: "Amazon Connect service-linked role (updated)" });
        const updatePreview = await stack.preview({ diff: true });
        console.log(indent(updatePreview.stdout));
        assertChanges("update preview", updatePreview.changeSummary, { update: 1 });
        const updated = await stack.up();
        assertChanges("update", updated.summary.resourceChanges, { update: 1 });
        console.log(`    applied: description is now "${updated.outputs.description.value}", roleId unchanged: ${updated.outputs.roleId.value === up.outputs.roleId.value}`);

        step("5. Preview of a replacement (customSuffix changes the role name)");
        await setConfig({ customSuffix: "demo" });
        const recorder = stepRecorder();
        const replacePreview = await stack.preview({ diff: true, onEvent: recorder.onEvent });
        console.log(indent(replacePreview.stdout));
        for (const replace of roleSteps(recorder.steps, "pre").filter((s) => s.op === "replace")) {
            console.log(`    ${replace.urn.split("::").pop()} is replaced because ${(replace.keys ?? []).join(", ")} changed (a role's name cannot change in IAM)`);
        }
        assertChanges("replace preview", replacePreview.changeSummary, { replace: 1 });
        await setConfig({ customSuffix: undefined });

        step("6. pulumi refresh");
        const refresh = await stack.refresh();
        console.log(indent(refresh.stdout));

        step("7. pulumi destroy");
        const destroy = await stack.destroy();
        console.log(indent(destroy.stdout));
        assertChanges("destroy", destroy.summary.resourceChanges, { delete: 2 });

    } finally {
        step("8. Stopping moto");
        await demo?.dispose().catch((err) => console.error(`    cleanup failed: ${err}`));
        await moto?.stop();
    }
    await connectDemo(9);
    // Numbered after the Connect part's steps.
    await orgDemo(20);
    console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}


if (require.main === module) main().catch((err) => {
    console.error(`\nDemo failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
});
