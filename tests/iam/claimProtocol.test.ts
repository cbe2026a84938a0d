import { expect } from "chai";
import { CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand, GetRoleCommand, Role, TagRoleCommand, UntagRoleCommand } from "@aws-sdk/client-iam";
import { claimKeyOf, DELETION_MARK_KEY, legacyClaimKey } from "../../provider/iam/claims";
import { findServiceLinkedRole, takenRoleName } from "../../provider/iam/finders";
import { RoleState } from "../../provider/iam/inputs";
import { configureConnection, create, diff, observe, remove, update } from "../../provider/iam/lifecycle";
import { useProviderBehindProxy } from "../harness/fixtures";

const CONNECT = "connect.amazonaws.com";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Captures what the provider warns about on stderr while `work` runs. */
async function warnings<T>(work: () => Promise<T>): Promise<{ result: T; text: string }> {
    const write = process.stderr.write.bind(process.stderr);
    let text = "";
    process.stderr.write = ((chunk: string | Uint8Array) => {
        text += String(chunk);
        return true;
    }) as typeof process.stderr.write;
    try {
        return { result: await work(), text };
    } finally {
        process.stderr.write = write;
    }
}

describe("iam: claim ids, the deletion mark, bounds and round trips (moto)", function () {
    this.timeout(60_000);
    const fx = useProviderBehindProxy();
    beforeEach(async () => {
        await fx.moto.reset();
        fx.proxy.reset();
        configureConnection({});
    });

    const roleInIam = async (name: string): Promise<Role | undefined> => {
        try {
            return (await fx.iam.send(new GetRoleCommand({ RoleName: name }))).Role;
        } catch {
            return undefined;
        }
    };
    const tagKeys = async (name: string) => ((await roleInIam(name))?.Tags ?? []).map((t) => t.Key!).sort();
    const actions = () => fx.proxy.requestLog().map((e) => e.action);

    it("create takes two sequential round trips: CreateServiceLinkedRole, then one TagRole with the claim and the tags; state from the answers", async () => {
        const { outs } = await create({ claimant: "p/dev/role", description: "d", tags: { team: "a" } });
        expect(actions(), "no GetRole (today's create reads the role in between)").to.deep.equal(["CreateServiceLinkedRole", "TagRole"]);
        const role = (await roleInIam(outs.roleName))!;
        expect(outs).to.include({ roleId: role.RoleId, arn: role.Arn, description: "d", ownership: "created" });
        expect(outs.tags).to.deep.equal({ team: "a" });
        expect(outs.claimId).to.match(/^[0-9a-f]{32}$/);
        expect(outs.claims).to.deep.equal({ [claimKeyOf(outs.claimId!)]: "p/dev/role" });
        expect(await tagKeys(outs.roleName)).to.deep.equal([claimKeyOf(outs.claimId!), "team"].sort());
    });

    it("the TagRole is retried while IAM cannot read the new role yet (the readability wait)", async () => {
        fx.proxy.setRules([{ action: "TagRole", fault: { kind: "notYetVisible" }, times: 2 }]);
        const { outs } = await create({ claimant: "p/dev/role" });
        expect(outs.ownership).to.equal("created");
        expect(fx.proxy.requestLog().map((e) => `${e.action}:${e.outcome}`)).to.deep.equal([
            "CreateServiceLinkedRole:forwarded",
            "TagRole:notVisible",
            "TagRole:notVisible",
            "TagRole:forwarded",
        ]);
        expect(await tagKeys(outs.roleName)).to.deep.equal([claimKeyOf(outs.claimId!)]);
    });

    it("two same-named stacks (two backends) write two claims; destroying the creator leaves the role to the other", async () => {
        const x = await create({ claimant: "cc/dev/connect-role" });
        const y = await create({ claimant: "cc/dev/connect-role" });
        expect(y.outs.ownership).to.equal("adopted");
        expect(Object.keys(y.outs.claims!)).to.have.length(2);
        const { text } = await warnings(() => remove(x.id, x.outs));
        expect(text).to.include("cc/dev/connect-role still claim");
        expect(await tagKeys(x.id), "only Y's claim is left, and no mark").to.deep.equal([claimKeyOf(y.outs.claimId!)]);
    });

    it("an adopter whose claim lands while the deletion task runs waits for it, then creates the role anew", async () => {
        const x = await create({ claimant: "p/a/role" });
        fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionInProgress" } }]);
        const deleting = remove(x.id, x.outs);
        await fx.proxy.waitForCalls("DeleteServiceLinkedRole", 1);
        const adopting = warnings(() => create({ claimant: "p/b/role" }));
        await sleep(2_000);
        const marks = (await roleInIam(x.id))?.Tags?.filter((t) => t.Key === DELETION_MARK_KEY) ?? [];
        expect(marks, "the deleter's mark is on the role while its task runs").to.have.length(1);
        await fx.proxy.completeDeletions();
        await deleting;
        const { result: y, text } = await adopting;
        expect(text).to.include("is being deleted by another stack");
        const role = await roleInIam(y.id);
        expect(role, "IAM holds the role the adopter recorded").to.not.equal(undefined);
        expect(y.outs).to.include({ roleId: role!.RoleId, ownership: "created" });
        expect(y.outs.roleId).to.not.equal(x.outs.roleId);
        expect(await tagKeys(y.id)).to.deep.equal([claimKeyOf(y.outs.claimId!)]);
    });

    it("a deletion refused because the role is in use removes the mark", async () => {
        const x = await create({ claimant: "p/a/role" });
        fx.proxy.setRules([{ action: "GetServiceLinkedRoleDeletionStatus", fault: { kind: "deletionFailed", reason: "in use", usage: [] } }]);
        const error = await remove(x.id, x.outs).then(() => undefined, (err: Error) => err);
        expect(error?.message).to.include("in use");
        expect(await tagKeys(x.id)).to.deep.equal([claimKeyOf(x.outs.claimId!)]);
    });

    it("an adopter's destroy is bounded by deletionTimeoutSeconds, UntagRole included", async () => {
        await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT }));
        const y = await create({ claimant: "p/b/role", deletionTimeoutSeconds: 2 });
        fx.proxy.setRules([{ action: "UntagRole", fault: { kind: "latency", ms: 30_000 } }]);
        const startedAt = Date.now();
        const error = await remove(y.id, y.outs).then(() => undefined, (err: Error) => err);
        const took = Date.now() - startedAt;
        expect(error?.message).to.include("did not finish within deletionTimeoutSeconds (2 s)");
        expect(took, "the 30 s UntagRole was cut at the 2 s bound").to.be.below(3_000);
    });

    it("a role that vanished is noticed by diff's one read and created again by the update, with a warning", async () => {
        const x = await create({ claimant: "p/a/role" });
        fx.proxy.reset();
        await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: x.id }));
        const old = { ...x.outs, createDate: new Date(Date.now() - 60_000).toISOString() } as RoleState;
        expect(diff(old, { claimant: "p/a/role" }).changes, "the inputs alone plan nothing").to.equal(false);
        const { result: needed, text } = await warnings(() => observe(x.id, old));
        expect(needed).to.equal(true);
        expect(text).to.include("no longer exists in IAM");
        const { result, text: updateText } = await warnings(() => update(x.id, old, { claimant: "p/a/role" }));
        expect(updateText).to.include("created it again");
        const role = await roleInIam(x.id);
        expect(result.outs).to.include({ roleId: role?.RoleId, claimId: x.outs.claimId });
        expect(await tagKeys(x.id)).to.deep.equal([claimKeyOf(x.outs.claimId!)]);
    });

    it("state from version 0.1 gets a claim id on the next update; the shared legacy key stays, so destroy leaves the role and says why", async () => {
        const claimant = "p/dev/role";
        const x = await create({ claimant });
        const legacy = legacyClaimKey(claimant);
        // What version 0.1 left: the role tagged with the legacy key only, and state without a claim id.
        await fx.iam.send(new TagRoleCommand({ RoleName: x.id, Tags: [{ Key: legacy, Value: claimant }] }));
        const { claimId: _none, ...rest } = x.outs;
        const oldState = { ...rest, claims: { [legacy]: claimant } } as RoleState;
        await fx.iam.send(new UntagRoleCommand({ RoleName: x.id, TagKeys: [claimKeyOf(x.outs.claimId!)] }));
        expect(diff(oldState, { claimant }).updates).to.deep.equal(["claimId"]);

        const { result, text } = await warnings(() => update(x.id, oldState, { claimant }));
        expect(result.outs.claimId).to.match(/^[0-9a-f]{32}$/);
        expect(text).to.include(`--clear ${legacy}`);
        expect(await tagKeys(x.id)).to.deep.equal([claimKeyOf(result.outs.claimId!), legacy].sort());

        const { text: destroyText } = await warnings(() => remove(x.id, result.outs));
        expect(await roleInIam(x.id), "a legacy key may stand for a same-named stack of another backend").to.not.equal(undefined);
        expect(destroyText).to.include("legacy key").and.to.include(legacy);
        expect(await tagKeys(x.id)).to.deep.equal([legacy]);
    });

    it("the account-wide role is matched on the exact name IAM gives, not on a lone instance role", async () => {
        const instance = (await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT, CustomSuffix: "inst1" }))).Role!;
        // The path holds only one instance's role; IAM's refusal named the account-wide role.
        const found = await findServiceLinkedRole(fx.iam, CONNECT, undefined, "AWSServiceRoleForAmazonConnect");
        expect(found, `${instance.RoleName} is an instance's role, not the account-wide one`).to.equal(undefined);
        const wide = (await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT }))).Role!;
        expect((await findServiceLinkedRole(fx.iam, CONNECT, undefined, wide.RoleName))?.RoleId).to.equal(wide.RoleId);
        expect(takenRoleName(new Error("Service role name AWSServiceRoleForAmazonConnect has been taken in this account, please try a different suffix."))).to.equal("AWSServiceRoleForAmazonConnect");
        expect(takenRoleName(new Error("Role with name AWSServiceRoleForconnect already exists."))).to.equal("AWSServiceRoleForconnect");
    });
});
