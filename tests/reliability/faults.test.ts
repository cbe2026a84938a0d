import { expect } from "chai";
import { CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { DEFAULT_MAX_ATTEMPTS } from "../../provider/iam/client";
import { RoleState } from "../../provider/iam/inputs";
import { configureConnection, create, read, remove, update } from "../../provider/iam/lifecycle";
import { FaultRule, LoggedRequest } from "../harness/faultProxy";
import { testCredentials } from "../harness/moto";
import { useProviderBehindProxy } from "../harness/fixtures";
import {
    locateSecrets,
    MATRIX_FILE,
    MatrixRow,
    renderMatrix,
    roleInIam,
    SecretGuard,
    secretsOnTheWire,
    serviceLinkedRoles,
    settle,
    writeMatrix,
} from "./support";

const CONNECT = "connect.amazonaws.com";
const BASE = { awsServiceName: CONNECT, deletionTimeoutSeconds: 5 };
const V1 = { ...BASE, description: "reliability v1", tags: { team: "a", tmp: "x" } };
const V2 = { ...BASE, description: "reliability v2", tags: { team: "b" } };

/**
 * Upper bound of the SDK's throttling backoff before retry i (0-based): full jitter over
 * base × 2^i with a 1 s base in the standard strategy of the bundled @smithy/core (older SDKs use
 * 500 ms, which only makes the bound looser).
 */
const THROTTLE_BACKOFF_BASE_MS = 1_000;
const throttleBudgetMs = (k: number) => THROTTLE_BACKOFF_BASE_MS * (2 ** k - 1);
/** Scheduling noise on a shared 2-core machine. */
const SLACK_MS = 1_500;

const MATRIX_LEGEND =
    "Each row drives the provider lifecycle (`create`/`read`/`update`/`remove` from provider/iam/lifecycle.ts) " +
    "through tests/harness/faultProxy.ts in front of moto. Calls are SDK attempts received by the proxy / requests " +
    "forwarded to moto (a simulated deletion task holds DeleteServiceLinkedRole, so it is not forwarded).";

describe("reliability: IAM faults at the lifecycle level", function () {
    this.timeout(60_000);

    const fx = useProviderBehindProxy();
    let baselineMs = 0;
    const rows: MatrixRow[] = [];
    const guard = new SecretGuard([testCredentials.secretAccessKey, testCredentials.sessionToken]);
    const wireProblems: string[] = [];
    let wireRequestsScanned = 0;

    afterEach(async () => {
        resetProxy();
        await fx.moto.reset();
        // A fresh client per scenario: a fresh retry-token bucket, and no maxAttempts override left over.
        configureConnection({});
    });

    after(() => {
        if (rows.length > 0) {
            console.log(`\n${renderMatrix(rows)}\n`);
            writeMatrix(rows, MATRIX_LEGEND);
            console.log(`(matrix written to ${MATRIX_FILE})`);
        }
    });

    /** Scans what went over the wire before the fx.proxy forgets it. */
    function resetProxy(): void {
        const raw = fx.proxy.rawRequests();
        wireRequestsScanned += raw.length;
        wireProblems.push(...secretsOnTheWire(raw));
        fx.proxy.reset();
    }

    function record(scenario: string, fault: string, outcome: string): void {
        rows.push({ scenario, fault, outcome, calls: fx.proxy.counts() });
    }

    /** create → read → update (description and tags) → remove, checking IAM after each write. */
    async function fullLifecycle(label: string): Promise<{ created: { id: string; outs: RoleState }; ms: number }> {
        const started = Date.now();
        const created = await guard.watch(`${label} create`, create(V1));
        expect(created.outs.ownership).to.equal("created");
        expect(await serviceLinkedRoles(fx.iam, CONNECT)).to.have.length(1);

        const refreshed = await guard.watch(`${label} read`, read(created.id, asProps(created.outs)));
        expect(refreshed.id).to.equal(created.id);

        const updated = await guard.watch(`${label} update`, update(created.id, created.outs, V2));
        const inIam = await roleInIam(fx.iam, created.id);
        expect(inIam?.Description).to.equal(V2.description);
        expect(inIam?.Tags).to.deep.equal([{ Key: "team", Value: "b" }]);

        await guard.watch(`${label} remove`, remove(created.id, updated.outs));
        expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
        return { created, ms: Date.now() - started };
    }

    /** Attempts per SDK call (grouped by `amz-sdk-invocation-id`). */
    function attemptsPerCall(log: readonly LoggedRequest[]): Array<{ action: string; attempts: number[] }> {
        const calls = new Map<string, { action: string; attempts: number[] }>();
        for (const entry of log) {
            const key = entry.invocationId ?? `seq-${entry.seq}`;
            const call = calls.get(key) ?? { action: entry.action, attempts: [] };
            call.attempts.push(entry.attempt ?? 0);
            calls.set(key, call);
        }
        return [...calls.values()];
    }

    function expectAttemptsWithinPolicy(log: readonly LoggedRequest[]): void {
        for (const entry of log) expect(entry.maxAttempts, `${entry.action} announced max`).to.equal(DEFAULT_MAX_ATTEMPTS);
        for (const call of attemptsPerCall(log)) {
            expect(call.attempts.length, `${call.action} attempts`).to.be.at.most(DEFAULT_MAX_ATTEMPTS);
            expect(call.attempts, `${call.action} attempt numbers`).to.deep.equal(call.attempts.map((_, i) => i + 1));
        }
    }

    /** `read` takes engine-shaped props; interfaces have no index signature, a spread object literal does. */
    function asProps(state: RoleState): RoleState & Record<string, unknown> {
        return { ...state };
    }

    function createRoleOutOfBand(): Promise<unknown> {
        return fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT, Description: "created by someone else" }));
    }

    async function createForDeletionScenario(label: string, deletionTimeoutSeconds = 5): Promise<{ id: string; outs: RoleState }> {
        const created = await guard.watch(`${label} create`, create({ ...V1, deletionTimeoutSeconds }));
        resetProxy();
        return created;
    }

    describe("baseline", () => {
        it("runs the whole lifecycle without faults (reference call counts and duration)", async () => {
            const { ms } = await fullLifecycle("baseline");
            baselineMs = ms;
            expect(fx.proxy.counts()).to.deep.equal({
                CreateServiceLinkedRole: { received: 1, forwarded: 1 },
                // No GetRole at create (its readability wait is the TagRole): one at read, and the identity
                // check right before delete.
                GetRole: { received: 2, forwarded: 2 },
                // The claim + tags at create (one call), team a → b at update, and the deletion mark at delete.
                TagRole: { received: 3, forwarded: 3 },
                UpdateRole: { received: 1, forwarded: 1 },
                UntagRole: { received: 1, forwarded: 1 },
                DeleteServiceLinkedRole: { received: 1, forwarded: 1 },
                GetServiceLinkedRoleDeletionStatus: { received: 1, forwarded: 1 },
            });
            record("0. Baseline", "none", `completed in ${ms} ms (create → read → update → delete)`);
        });
    });

    describe("1. throttling", () => {
        it("completes when the first k answers per action are Throttling, within maxAttempts and a bounded delay", async () => {
            const throttled: Record<string, number> = {
                CreateServiceLinkedRole: 2,
                GetRole: 1,
                TagRole: 1,
                UpdateRole: 1,
                UntagRole: 1,
                DeleteServiceLinkedRole: 1,
                GetServiceLinkedRoleDeletionStatus: 1,
            };
            fx.proxy.setRules(Object.entries(throttled).map(([action, times]): FaultRule => ({ action, fault: { kind: "throttle" }, times })));

            const { ms } = await fullLifecycle("throttling");

            const counts = fx.proxy.counts();
            for (const [action, k] of Object.entries(throttled)) {
                expect(counts[action].received - counts[action].forwarded, `${action} throttled answers`).to.equal(k);
            }
            expect(counts.CreateServiceLinkedRole).to.deep.equal({ received: 3, forwarded: 1 });
            expectAttemptsWithinPolicy(fx.proxy.requestLog());
            const createCall = attemptsPerCall(fx.proxy.requestLog()).find((c) => c.action === "CreateServiceLinkedRole");
            expect(createCall?.attempts).to.deep.equal([1, 2, 3]);

            // Each call retried k times waits at most base × (2^k − 1) in total.
            const budget = Object.values(throttled).reduce((sum, k) => sum + throttleBudgetMs(k), 0);
            const added = ms - baselineMs;
            expect(added, `added ${added} ms, budget ${budget} ms`).to.be.at.most(budget + SLACK_MS);
            record(
                "1. Throttling",
                "Throttling (HTTP 400) for the first 2 Create and first 1 of every other action",
                `completed; ≤ ${DEFAULT_MAX_ATTEMPTS} attempts per call; +${added} ms over baseline (bound ${budget} ms)`,
            );
        });

        it("gives up after exactly maxAttempts when throttling persists, with an error naming the call", async () => {
            configureConnection({ maxAttempts: 3 });
            fx.proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "throttle" } }]);

            const outcome = await settle(guard.watch("persistent throttling create", create(V1)));

            expect(outcome.error?.message).to.match(/CreateServiceLinkedRole failed .*\(Throttling\)/);
            expect((outcome.error as { id?: string }).id, "nothing in IAM, nothing to keep in state").to.equal(undefined);
            expect(fx.proxy.counts().CreateServiceLinkedRole).to.deep.equal({ received: 3, forwarded: 0 });
            expect(outcome.ms).to.be.at.most(throttleBudgetMs(2) + SLACK_MS);
            expect(await serviceLinkedRoles(fx.iam, CONNECT)).to.have.length(0);
            record("1b. Persistent throttling (maxAttempts 3)", "Throttling on every CreateServiceLinkedRole", `failed after 3 attempts in ${outcome.ms} ms: ${outcome.error?.name}`);
        });
    });

    describe("2. server errors and connection resets", () => {
        it("retries 500, 503 and connections reset before forwarding, and completes with one role created", async () => {
            const faults: FaultRule[] = [
                { action: "CreateServiceLinkedRole", fault: { kind: "serverError", status: 500 }, times: 1 },
                { action: "GetRole", fault: { kind: "serverError", status: 503 }, times: 1 },
                { action: "TagRole", fault: { kind: "resetBeforeForward" }, times: 1 },
                { action: "UpdateRole", fault: { kind: "serverError", status: 503 }, times: 1 },
                { action: "UntagRole", fault: { kind: "serverError", status: 500 }, times: 1 },
                { action: "DeleteServiceLinkedRole", fault: { kind: "resetBeforeForward" }, times: 1 },
                { action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "serverError", status: 503 }, times: 1 },
            ];
            fx.proxy.setRules(faults);

            const { ms } = await fullLifecycle("server errors");

            const counts = fx.proxy.counts();
            for (const rule of faults) {
                expect(counts[rule.action].received - counts[rule.action].forwarded, `${rule.action} failed attempts`).to.equal(1);
            }
            expect(counts.CreateServiceLinkedRole).to.deep.equal({ received: 2, forwarded: 1 });
            expect(counts.DeleteServiceLinkedRole).to.deep.equal({ received: 2, forwarded: 1 });
            expectAttemptsWithinPolicy(fx.proxy.requestLog());
            record("2. 5xx and resets", "one 500/503 or reset-before-forward on every action", `completed in ${ms} ms; one role created, then deleted`);
        });
    });

    describe("3. latency spikes", () => {
        it("waits out 2 s responses without repeating non-idempotent calls", async () => {
            fx.proxy.setRules([
                { action: "CreateServiceLinkedRole", fault: { kind: "latency", ms: 2_000 }, times: 1 },
                { action: "DeleteServiceLinkedRole", fault: { kind: "latency", ms: 2_000 }, times: 1 },
            ]);

            const { ms } = await fullLifecycle("latency");

            const counts = fx.proxy.counts();
            expect(counts.CreateServiceLinkedRole).to.deep.equal({ received: 1, forwarded: 1 });
            expect(counts.DeleteServiceLinkedRole).to.deep.equal({ received: 1, forwarded: 1 });
            expect(ms).to.be.at.least(4_000);
            record("3. Latency spikes", "2 s before forwarding CreateServiceLinkedRole and DeleteServiceLinkedRole", `completed in ${ms} ms; Create and Delete each sent exactly once`);
        });
    });

    describe("4. lost responses and ownership", () => {
        it("adopts its own role when the create response is lost, recording ownership 'created'", async () => {
            fx.proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "forwardThenDrop" }, times: 1 }]);

            const created = await guard.watch("lost create", create(V1));

            expect(created.outs.ownership).to.equal("created");
            expect(fx.proxy.counts().CreateServiceLinkedRole).to.deep.equal({ received: 2, forwarded: 2 });
            expect(fx.proxy.counts().ListRoles?.received).to.equal(1);
            const roles = await serviceLinkedRoles(fx.iam, CONNECT);
            expect(roles.map((r) => r.RoleName)).to.deep.equal([created.id]);

            // Recorded as created, so the default policy deletes it.
            await guard.watch("lost create remove", remove(created.id, created.outs));
            expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
            record("4. Lost create response", "CreateServiceLinkedRole forwarded, then connection dropped", "retry met EntityAlreadyExists; adopted as ownership=created; exactly one role; deleted on remove");
        });

        it("records a role that really existed before as 'adopted' and leaves it in IAM on remove", async () => {
            await createRoleOutOfBand();

            const created = await guard.watch("pre-existing create", create(V1));
            expect(created.outs.ownership).to.equal("adopted");
            await guard.watch("pre-existing remove", remove(created.id, created.outs));

            expect(fx.proxy.counts().CreateServiceLinkedRole).to.deep.equal({ received: 1, forwarded: 1 });
            expect(fx.proxy.counts().DeleteServiceLinkedRole).to.equal(undefined);
            expect(await serviceLinkedRoles(fx.iam, CONNECT)).to.have.length(1);
            record("4b. Role existed before", "none (role created out of band first)", "adopted as ownership=adopted; remove made no Delete call; role kept");
        });

        it("treats a lost delete response as done when the retry says the role is gone", async () => {
            const created = await guard.watch("lost delete create", create(V1));
            resetProxy();
            fx.proxy.setRules([{ action: "DeleteServiceLinkedRole", fault: { kind: "forwardThenDrop" }, times: 1 }]);

            await guard.watch("lost delete remove", remove(created.id, created.outs));

            expect(fx.proxy.counts().DeleteServiceLinkedRole).to.deep.equal({ received: 2, forwarded: 2 });
            expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
            record("4c. Lost delete response", "DeleteServiceLinkedRole forwarded, then connection dropped", "retry met NoSuchEntity; remove succeeded; role gone");
        });

        // A throttled attempt was never applied, so a role that appears during the backoff is someone else's.
        it("records 'adopted' when another actor creates the role while the first attempt is throttled", async () => {
            fx.proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "throttle" }, times: 1, onMatch: () => createRoleOutOfBand().then(() => undefined) }]);

            const created = await guard.watch("concurrent creator create", create(V1));

            expect(created.outs.ownership).to.equal("adopted");
        });
    });

    describe("5. read-after-write lag", () => {
        it("creates through TagRole NoSuchEntity lag, keeps a role read inside the window, drops a long-gone one", async () => {
            // Create reads nothing: its readability wait is the claim's TagRole, retried while IAM answers NoSuchEntity.
            fx.proxy.setRules([{ action: "TagRole", fault: { kind: "notYetVisible" }, times: 3 }]);
            const created = await guard.watch("lag create", create(V1));
            expect(fx.proxy.counts().TagRole).to.deep.equal({ received: 4, forwarded: 1 });
            expect(fx.proxy.counts().GetRole, "create makes no GetRole").to.equal(undefined);
            expect(fx.proxy.counts().CreateServiceLinkedRole).to.deep.equal({ received: 1, forwarded: 1 });
            expect(created.outs.ownership).to.equal("created");
            expect((await roleInIam(fx.iam, created.id))?.Tags, "the tags landed").to.deep.equal([{ Key: "team", Value: "a" }, { Key: "tmp", Value: "x" }]);
            record("5. Read-after-write lag: create", "TagRole NoSuchEntity for the first 3 calls after CreateServiceLinkedRole", "create retried the claim's TagRole until visible and succeeded");

            resetProxy();
            fx.proxy.setRules([{ action: "GetRole", fault: { kind: "readLag", calls: 2, start: "now" } }]);
            const refreshed = await guard.watch("lag read", read(created.id, asProps(created.outs)));
            expect(refreshed.id).to.equal(created.id);
            expect((refreshed.props as RoleState).roleId).to.equal(created.outs.roleId);
            expect(fx.proxy.counts().GetRole).to.deep.equal({ received: 3, forwarded: 1 });
            record("5b. Refresh inside propagation window", "GetRole NoSuchEntity for the next 2 calls (role 0 s old)", "read kept the role (same roleId)");

            resetProxy();
            await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: created.id }));
            const longAgo = new Date(Date.now() - 3_600_000).toISOString();
            const gone = await settle(guard.watch("gone read", read(created.id, { ...created.outs, createDate: longAgo })));
            expect(gone.value?.id).to.equal("");
            expect(fx.proxy.counts().GetRole).to.deep.equal({ received: 1, forwarded: 1 });
            expect(gone.ms).to.be.below(1_000);
            record("5c. Refresh of a long-gone role", "none (role deleted out of band, createDate 1 h old)", `read returned empty id after one GetRole (${gone.ms} ms)`);
        });
    });

    describe("6. deletion refused while in use", () => {
        it("names every region and resource, keeps the role, and deletes it once the fault is gone", async () => {
            const created = await createForDeletionScenario("in use");
            const usage = [
                { region: "us-east-1", resources: ["arn:aws:connect:us-east-1:123456789012:instance/aaaa-1111", "arn:aws:connect:us-east-1:123456789012:instance/bbbb-2222"] },
                { region: "eu-west-2", resources: ["arn:aws:connect:eu-west-2:123456789012:instance/cccc-3333"] },
            ];
            fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionFailed", reason: "Amazon Connect instances still use this role", usage } }]);

            const refused = await settle(guard.watch("in use remove", remove(created.id, created.outs)));

            expect(refused.error?.name).to.equal("RoleInUseError");
            expect(refused.error?.message).to.include("Amazon Connect instances still use this role");
            for (const { region, resources } of usage) {
                expect(refused.error?.message).to.include(region);
                for (const arn of resources) expect(refused.error?.message).to.include(arn);
            }
            expect(await roleInIam(fx.iam, created.id)).to.not.equal(undefined);
            record("6. Deletion refused (in use)", "deletion task FAILED with Reason + RoleUsageList (2 regions, 3 resources)", "RoleInUseError naming both regions and all 3 ARNs; role kept");

            resetProxy();
            await guard.watch("in use remove again", remove(created.id, created.outs));
            expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
            record("6b. Deletion retried after fault removed", "none", "remove succeeded; role gone");
        });
    });

    describe("7. deletion task record purged", () => {
        it("reports success only after GetRole confirms the role is gone", async () => {
            const created = await createForDeletionScenario("purged");
            fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionTaskGone", roleVisibleForGetRoleCalls: 2 } }]);

            await guard.watch("purged remove", remove(created.id, created.outs));

            const log = fx.proxy.requestLog();
            const statusCall = log.findIndex((e) => e.action === "GetServiceLinkedRoleDeletionStatus");
            // The first GetRole is delete's identity check, before the deletion task exists.
            const getRoles = log.filter((e) => e.action === "GetRole" && e.seq > log[statusCall].seq);
            expect(statusCall, "status polled").to.be.at.least(0);
            expect(getRoles, "GetRole until it answers NoSuchEntity").to.have.length(3);
            expect(getRoles[0].seq).to.be.above(log[statusCall].seq);
            expect(log[log.length - 1].action, "nothing after the confirming GetRole").to.equal("GetRole");
            expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
            record("7. Deletion task purged", "status NoSuchEntity; role stays visible for 2 more GetRole calls", "success only after the 3rd GetRole (after the status call) saw NoSuchEntity");
        });
    });

    describe("8. deletion never completes", () => {
        it("fails within deletionTimeoutSeconds with a clear error and leaves the role in IAM", async () => {
            const created = await createForDeletionScenario("stuck", 2);
            fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionInProgress" } }]);

            const stuck = await settle(guard.watch("stuck remove", remove(created.id, created.outs)));

            expect(stuck.error?.message).to.include("did not finish within deletionTimeoutSeconds (2 s)");
            expect(stuck.error?.message).to.include("last status IN_PROGRESS");
            expect(stuck.ms).to.be.at.most(2_000 + SLACK_MS);
            expect(fx.proxy.counts().DeleteServiceLinkedRole).to.deep.equal({ received: 1, forwarded: 0 });
            expect(await roleInIam(fx.iam, created.id)).to.not.equal(undefined);
            record("8. Deletion never completes", "status IN_PROGRESS forever, deletionTimeoutSeconds 2", `timed out after ${stuck.ms} ms with a clear error; role kept`);
        });
    });

    describe("delete latency", () => {
        it("notices a completed deletion task within 1 s", async () => {
            const created = await createForDeletionScenario("latency", 30);
            fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionInProgress" } }]);

            const resolvedAt = guard.watch("latency remove", remove(created.id, created.outs)).then(() => Date.now());
            // Flip once polling has settled on its longest interval, the worst case for latency.
            await fx.proxy.waitForCalls("GetServiceLinkedRoleDeletionStatus", 5);
            const flippedAt = await fx.proxy.completeDeletions();
            const latency = (await resolvedAt) - flippedAt;

            expect(latency, `remove resolved ${latency} ms after SUCCEEDED`).to.be.below(1_000);
            expect(await roleInIam(fx.iam, created.id)).to.equal(undefined);
            record("Delete latency", "IN_PROGRESS, flipped to SUCCEEDED after 5 polls", `remove resolved ${latency} ms after the flip (bound 1000 ms)`);
        });
    });

    describe("secrets", () => {
        it("the scanner finds a planted secret hidden in a non-enumerable error property", () => {
            const leaky = Object.defineProperty(new Error("boom"), "$request", { value: { headers: { "x-amz-security-token": testCredentials.sessionToken } }, enumerable: false });
            expect(locateSecrets({ error: leaky }, new Set([testCredentials.sessionToken]))).to.deep.equal(['.error.$request.headers.x-amz-security-token']);
        });

        it("no lifecycle value or error in the scenarios above carries the planted secret key or session token", function () {
            if (rows.length === 0) this.skip();
            const { observed, findings } = guard.report();
            expect(observed).to.be.at.least(20);
            expect(findings).to.deep.equal([]);
        });

        it("the secret access key never went over the wire, and the session token only in x-amz-security-token", function () {
            resetProxy();
            if (wireRequestsScanned === 0) this.skip();
            expect(wireRequestsScanned).to.be.at.least(50);
            expect(wireProblems).to.deep.equal([]);
        });
    });
});
