import { CreateServiceLinkedRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type * as automation from "@pulumi/pulumi/automation";
import { createStack, roleSteps, stepRecorder, TestStack } from "../tests/harness/engine";
import type { FaultProxy } from "../tests/harness/faultProxy";
import { MotoServer, testCredentials } from "../tests/harness/moto";
import { BENCH_SERVICE, EXAMPLE, exampleProgram } from "./program";
import type { CallCounts, CallRow, DeleteLatencyResult } from "./types";
import { discard, log, neededPolls, nonPollCalls, receivedCounts, sleep, STATUS_ACTION, STS_ACTION } from "./util";

/** What each measured operation needs at the least, and why. Status polls are judged separately. */
interface Minimum {
    calls: string[];
    why: string;
}

// Every operation also makes one STS GetCallerIdentity per provider process and connection: the
// account check before the first change or read (provider/aws gate). It is counted apart (stsCalls)
// and must stay at most one; the null provider sleeps its latency once per process too.
const MINIMUM: Record<string, Minimum> = {
    create: {
        calls: ["CreateServiceLinkedRole", "TagRole"],
        why:
            "CreateServiceLinkedRole carries the description, and its response holds every field state records except the tags; " +
            "one TagRole writes this resource's claim (and the declared tags). IAM is eventually consistent: the TagRole fails with " +
            "NoSuchEntity until IAM can read the role, so retrying it is itself the readability wait (one call when the role is visible at once).",
    },
    createWithTags: {
        calls: ["CreateServiceLinkedRole", "TagRole"],
        why: "As create: the declared tags travel in the claim's TagRole (CreateServiceLinkedRole takes no tags).",
    },
    adopt: {
        calls: ["CreateServiceLinkedRole", "ListRoles", "TagRole", "GetRole", "UpdateRole"],
        why:
            "Trying the create first keeps a plain create at two calls; its refusal is the cheapest way to learn the role exists. " +
            "The role's name cannot be derived from service and suffix, so ListRoles on the service path finds it; " +
            "the adopter writes its claim first (TagRole) and reads the role after (GetRole: tags, and any deletion mark of a stack deleting it), " +
            "so a concurrent delete either sees the claim or is seen; UpdateRole because the declared description differs.",
    },
    noChange: { calls: [], why: "Nothing differs: diff runs in the provider without IAM (the account check is the STS call)." },
    refresh: { calls: ["GetRole"], why: "One read of the role (tags included)." },
    updateDescription: { calls: ["UpdateRole"], why: "One UpdateRole; diff needs no IAM call." },
    updateTags: {
        calls: ["TagRole", "UntagRole"],
        why: "One tag changed, one added, one removed: one TagRole for both set keys, one UntagRole for the removed key.",
    },
    deleteCreated: {
        calls: ["TagRole", "GetRole", "DeleteServiceLinkedRole"],
        why:
            "TagRole writes the deletion mark before the last read, so a stack adopting the role meanwhile either is seen or waits; " +
            "GetRole right before deleting checks that the role is still the one recorded (roleId) and that no other stack claims it; " +
            "one DeleteServiceLinkedRole; its task is asynchronous, so at least one status poll (counted separately) learns the outcome.",
    },
    deleteAdopted: {
        calls: ["UntagRole"],
        why: "The default policy (deleteIfCreated) leaves an adopted role in IAM: delete only removes this resource's claim.",
    },
    deleteHeld: {
        calls: ["TagRole", "GetRole", "DeleteServiceLinkedRole"],
        why: "As delete; the polls a task of this duration needs are one per second of task (noticing within 1 s), at least one.",
    },
};

export interface CallsOutput {
    rows: CallRow[];
    /** Engine-level delete latency from the held-task delete. */
    engineDelete?: DeleteLatencyResult["engine"];
    /** The serialized provider as the engine stored it, for the cold-start section. */
    serializedProvider?: string;
}

/**
 * Per-operation IAM calls through the real engine: one-role stacks of the example program, with the
 * counting proxy (no faults) between the provider and moto. `holdMs` is how long the held-delete
 * scenario keeps IAM's deletion task IN_PROGRESS.
 */
export async function measureCalls(moto: MotoServer, proxy: FaultProxy, holdMs: number): Promise<CallsOutput> {
    const rows: CallRow[] = [];
    const output: CallsOutput = { rows };
    const program = exampleProgram();
    const stacks: TestStack[] = [];
    const newStack = async (name: string, config: Record<string, string | object>) => {
        const stack = await createStack({ example: EXAMPLE, program, projectName: "bench-calls", stackName: name, iamEndpoint: proxy.endpoint });
        stacks.push(stack);
        await stack.setConfig(config);
        return stack;
    };
    /** Runs one stack command and records what IAM saw. */
    const measure = async (key: keyof typeof MINIMUM, operation: string, command: string, run: () => Promise<unknown>, polls?: (counts: CallCounts) => CallRow["statusPolls"]) => {
        proxy.reset();
        await run();
        const counts = receivedCounts(proxy);
        const minimum = MINIMUM[key];
        const calls = nonPollCalls(counts);
        const stsCalls = counts[STS_ACTION] ?? 0;
        const statusPolls = polls?.(counts);
        const pollsOk = !statusPolls || statusPolls.measured <= statusPolls.needed + 2;
        const meetsGoal = calls === minimum.calls.length && stsCalls <= 1 && pollsOk;
        const row: CallRow = { operation, command, counts, calls, stsCalls, minimum: minimum.calls.length, minimumCalls: minimum.calls, why: minimum.why, statusPolls, meetsGoal };
        rows.push(row);
        log(`calls: ${operation}: ${calls} call(s) (minimum ${row.minimum}) + ${stsCalls} STS${statusPolls ? `, ${statusPolls.measured} status poll(s) (needed ${statusPolls.needed})` : ""}`);
        return counts;
    };
    /** moto deletes at once: the task is done when DeleteServiceLinkedRole answers. */
    const immediatePolls = (counts: CallCounts) => ({ measured: counts[STATUS_ACTION] ?? 0, needed: neededPolls(0), taskMs: 0 });

    try {
        // A role this stack creates: create, no-op up, refresh, update description, delete.
        await moto.reset();
        const plain = await newStack("plain", { description: "bench role" });
        await measure("create", "create", "up", () => plain.stack.up());
        output.serializedProvider = await serializedProviderOf(plain.stack);
        await measure("noChange", "up, nothing changed", "up", () => plain.stack.up());
        await measure("refresh", "refresh", "refresh", () => plain.stack.refresh());
        await plain.setConfig({ description: "bench role, edited" });
        await measure("updateDescription", "update description", "up", () => plain.stack.up());
        await measure("deleteCreated", "delete (created role)", "destroy", () => plain.stack.destroy(), immediatePolls);

        // Tags: create with tags, then change one, add one, remove one.
        await moto.reset();
        const tagged = await newStack("tagged", { description: "bench role", tags: { team: "a", cost: "x" } });
        await measure("createWithTags", "create with tags", "up", () => tagged.stack.up());
        await tagged.setConfig({ tags: { team: "b", env: "prod" } });
        await measure("updateTags", "update tags", "up", () => tagged.stack.up());

        // Adoption: the role already exists in IAM with another description.
        await moto.reset();
        // Straight to moto, not through the proxy: this is the service creating the role, not the provider.
        const direct = new IAMClient({ endpoint: moto.endpoint, region: "us-east-1", maxAttempts: 1, credentials: testCredentials });
        await direct.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: BENCH_SERVICE, Description: "made by the service" }));
        direct.destroy();
        const adopting = await newStack("adopting", { description: "bench role" });
        await measure("adopt", "create with adoption (role pre-exists)", "up", () => adopting.stack.up());
        await measure("deleteAdopted", "delete (adopted role, deleteIfCreated)", "destroy", () => adopting.stack.destroy());

        // Delete with IAM's deletion task IN_PROGRESS for holdMs.
        await moto.reset();
        const held = await newStack("held", { description: "bench role" });
        await held.stack.up();
        let engineDelete: CallsOutput["engineDelete"];
        await measure("deleteHeld", `delete, task held ${(holdMs / 1000).toFixed(1)} s`, "destroy", async () => {
            engineDelete = await heldDestroy(held.stack, proxy, holdMs);
        }, () => engineDelete && { measured: engineDelete.polls, needed: engineDelete.needed, taskMs: engineDelete.taskMs });
        output.engineDelete = engineDelete;
    } finally {
        proxy.reset();
        stacks.forEach(discard);
    }
    return output;
}

/**
 * `destroy` of a one-role stack while the proxy holds IAM's deletion task IN_PROGRESS; `holdMs` after
 * DeleteServiceLinkedRole reaches the proxy, the task succeeds.
 */
async function heldDestroy(stack: automation.Stack, proxy: FaultProxy, holdMs: number): Promise<NonNullable<CallsOutput["engineDelete"]>> {
    proxy.setRules([{ action: STATUS_ACTION, fault: { kind: "deletionInProgress" } }]);
    const recorder = stepRecorder();
    let deleteEventAt: number | undefined;
    const onEvent = (event: automation.EngineEvent) => {
        recorder.onEvent(event);
        if (deleteEventAt === undefined && roleSteps(recorder.steps).some((s) => s.op === "delete")) deleteEventAt = Date.now();
    };
    const destroyed = stack.destroy({ onEvent }).then(() => Date.now());
    await proxy.waitForCalls("DeleteServiceLinkedRole", 1, 120_000);
    const deleteAt = proxy.requestLog().find((e) => e.action === "DeleteServiceLinkedRole")!.at;
    await sleep(Math.max(0, deleteAt + holdMs - Date.now()));
    const flippedAt = await proxy.completeDeletions();
    const returnedAt = await destroyed;
    const polls = proxy.requestLog().filter((e) => e.action === STATUS_ACTION).length;
    const taskMs = flippedAt - deleteAt;
    return {
        taskMs,
        polls,
        needed: neededPolls(taskMs),
        toDeleteEventMs: (deleteEventAt ?? Number.NaN) - flippedAt,
        toDestroyReturnedMs: returnedAt - flippedAt,
    };
}

/** The `__provider` string of the stack's role, as exported state holds it. */
async function serializedProviderOf(stack: automation.Stack): Promise<string | undefined> {
    const { deployment } = await stack.exportStack();
    const role = (deployment.resources ?? []).find((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
    return role?.outputs?.__provider;
}
