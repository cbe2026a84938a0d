import { expect } from "chai";
import { roleInIam } from "../../harness/iam";
import { useSafetyFixture } from "./support";

// The account gate through the real engine (#16 item 2, item 5): with the credentials switched to
// another account between runs, no path reaches IAM there: not the creator's delete, and not an
// adopter's or a neverDelete role's claim removal (UntagRole), which the old per-path check let through.

const AMBIENT = "123456789012";
const A = "111111111111";
const CLAIM_PREFIX = "pulumi-slr-claim:";
const switched = { "aws:assumeRoles": JSON.stringify([{ roleArn: `arn:aws:iam::${A}:role/deployer` }]) };

describe("engine safety: one account gate on every path", function () {
    this.timeout(300_000);
    const fx = useSafetyFixture();

    const failureOf = (run: () => Promise<unknown>) =>
        run().then(
            () => "",
            (err: Error) => err.message,
        );
    const claimsOn = async (roleName: string) => ((await roleInIam(fx.iam, roleName))?.Tags ?? []).filter((t) => t.Key!.startsWith(CLAIM_PREFIX)).map((t) => t.Key!).sort();
    /** Actions the proxy saw since `from` (its log index), other than the account lookup and assumed roles. */
    const iamCallsSince = (from: number) => fx.proxy.requestLog().slice(from).map((r) => r.action).filter((a) => a !== "GetCallerIdentity" && a !== "AssumeRole");

    for (const deletionPolicy of ["deleteIfCreated", "neverDelete"] as const) {
        it(`an adopter (${deletionPolicy}) whose credentials now reach another account: up, refresh and destroy send no IAM call, state and claims unchanged`, async () => {
            const creator = await fx.stack(() => [{ name: "role" }], { stackName: "creator" });
            const created = (await creator.stack.up()).outputs.role.value;
            const adopter = await fx.stack(() => [{ name: "role", args: { deletionPolicy, description: "v1" } }], { stackName: "adopter" });
            const adopted = (await adopter.stack.up()).outputs.role.value;
            expect(adopted.ownership).to.equal("adopted");
            const claimsBefore = await claimsOn(created.roleName);
            expect(claimsBefore).to.have.length(2);
            const roleState = async () => JSON.stringify((await adopter.stack.exportStack()).deployment.resources.filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole")).map((r: { id: string; inputs: unknown; outputs: unknown }) => [r.id, r.inputs, r.outputs]));
            const stateBefore = await roleState();

            await adopter.setConfig(switched);
            const from = fx.proxy.requestLog().length;
            for (const [operation, run] of [
                ["up", () => adopter.stack.up()],
                ["refresh", () => adopter.stack.refresh()],
                ["destroy", () => adopter.stack.destroy()],
            ] as const) {
                const message = await failureOf(run);
                expect(message, operation).to.include(`recorded in AWS account ${AMBIENT}`).and.to.include(`resolve to account ${A}`);
            }
            expect(iamCallsSince(from), "IAM calls after the switch").to.deep.equal([]);
            expect(await claimsOn(created.roleName), "the adopter's claim is still on the role").to.deep.equal(claimsBefore);
            expect(await roleState(), "the role's state is unchanged").to.equal(stateBefore);
            // Back on the right account, an up records the restored config that destroy then uses.
            await adopter.setConfig({ "aws:assumeRoles": undefined });
            await adopter.stack.up();
        });
    }

    it("aws:assumeRole (the v6 object) is refused at preview by name with the fix, and nothing reaches IAM", async () => {
        const t = await fx.stack(() => [{ name: "role" }], { config: { "aws:assumeRole": JSON.stringify({ roleArn: `arn:aws:iam::${A}:role/deployer` }) } });
        const from = fx.proxy.requestLog().length;
        const message = await failureOf(() => t.stack.preview());
        expect(message).to.include("aws:assumeRole is the @pulumi/aws v6 form").and.to.include("aws:assumeRoles: [{ roleArn");
        expect(fx.proxy.requestLog().slice(from)).to.deep.equal([]);
        await t.setConfig({ "aws:assumeRole": undefined });
    });
});
