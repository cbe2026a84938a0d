/**
 * The `claims` command: lists the claims stacks wrote on a shared role, and clears a stale one.
 * Run in-process (`runCli`) against moto.
 */
import { CreateServiceLinkedRoleCommand, GetRoleCommand, TagRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { claimKeyOf, legacyClaimKey, newClaimId } from "../../provider/iam/claims";
import { CliIo, runCli } from "../../provider/cli/main";
import { useMoto } from "../harness/fixtures";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), env: process.env, width: 100, color: false };
    const code = await runCli(args, io);
    return { code, out, err };
}

describe("CLI: claims", function () {
    this.timeout(60_000);
    const fx = useMoto();
    let roleName = "";
    const live = "proj/prod/connect-role";
    const stale = "proj/gone/connect-role";
    const keys: Record<string, string> = { [live]: claimKeyOf(newClaimId()), [stale]: claimKeyOf(newClaimId()) };
    const claimTagKey = (claimant: string) => keys[claimant];

    before(async () => {
        const { Role } = await fx.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com" }));
        roleName = Role!.RoleName!;
        const Tags = [live, stale].map((claimant) => ({ Key: claimTagKey(claimant), Value: claimant }));
        await fx.iam.send(new TagRoleCommand({ RoleName: roleName, Tags: [...Tags, { Key: "team", Value: "a" }] }));
    });

    it("lists every claim on the role, and nothing else", async () => {
        const { code, out } = await run(["claims", "--role", roleName]);
        expect(code).to.equal(0);
        expect(out).to.include(live).and.to.include(stale).and.to.include(claimTagKey(stale));
        expect(out).to.not.include("team");
        const json = JSON.parse((await run(["claims", "--role", roleName, "--json"])).out);
        expect(json.claims.map((c: { claimant: string }) => c.claimant).sort()).to.deep.equal([stale, live].sort());
    });

    it("clears a stale claim by its claimant, leaving the others and the user's tags", async () => {
        const { code, out } = await run(["claims", "--role", roleName, "--clear", stale]);
        expect(code).to.equal(0);
        expect(out).to.include(claimTagKey(stale));
        const { Role } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect((Role!.Tags ?? []).map((t) => t.Key).sort()).to.deep.equal([claimTagKey(live), "team"].sort());
    });

    it("refuses a claimant that names several claims (two backends' same-named stacks), and clears by tag key", async () => {
        const twin = "proj/dev/connect-role";
        const [inA, inB] = [claimKeyOf(newClaimId()), claimKeyOf(newClaimId())];
        const legacy = legacyClaimKey(twin);
        await fx.iam.send(new TagRoleCommand({ RoleName: roleName, Tags: [inA, inB, legacy].map((Key) => ({ Key, Value: twin })) }));
        const ambiguous = await run(["claims", "--role", roleName, "--clear", twin]);
        expect(ambiguous.code).to.equal(2);
        expect(ambiguous.err).to.include("Nothing was removed").and.to.include(inA).and.to.include(inB).and.to.include(legacy);
        let { Role } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect((Role!.Tags ?? []).map((t) => t.Key)).to.include.members([inA, inB, legacy]);

        const listed = await run(["claims", "--role", roleName]);
        expect(listed.out).to.include(`${legacy}, written by version 0.1`);
        expect((await run(["claims", "--role", roleName, "--clear", inB])).code).to.equal(0);
        ({ Role } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName })));
        const left = (Role!.Tags ?? []).map((t) => t.Key);
        expect(left).to.include.members([inA, legacy]).and.not.to.include(inB);
        await run(["claims", "--role", roleName, "--clear", inA]);
        await run(["claims", "--role", roleName, "--clear", legacy]);
    });

    it("exits 1 for a claim the role does not carry, 3 for a missing role, 2 for bad usage", async () => {
        expect((await run(["claims", "--role", roleName, "--clear", "nobody/none/x"])).code).to.equal(1);
        const missing = await run(["claims", "--role", "AWSServiceRoleForNothing"]);
        expect(missing.code).to.equal(3);
        expect(missing.err).to.include("does not exist");
        expect((await run(["claims", "list", "--role", roleName])).code).to.equal(2);
        expect((await run(["claims"])).code).to.equal(2);
    });
});
