import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { claimKeyOf, claimsIn, claimTagValue, DELETION_MARK_KEY, isClaimKey, legacyClaimKey, newClaimId, withoutClaims } from "../../provider/iam/claims";

describe("claims: tag keys and values", () => {
    it("keys a claim by a random claim id, so same-named stacks of two backends get two keys", () => {
        // Version 0.1 keyed the claim by a hash of project/stack/resource: both backends' `dev` stacks wrote one key.
        const [a, b] = [newClaimId(), newClaimId()];
        expect(a).to.match(/^[0-9a-f]{32}$/);
        expect(a).to.not.equal(b);
        expect(claimKeyOf(a)).to.equal(`pulumi-slr-claim:${a}`).and.to.have.length.below(129);
        expect(claimKeyOf(a)).to.not.equal(legacyClaimKey("proj/dev/role"));
    });

    it("recognises the keys version 0.1 wrote, and keeps the deletion mark out of the claims", () => {
        const legacy = legacyClaimKey("proj/dev/role");
        expect(legacy).to.match(/^pulumi-slr-claim:[0-9a-f]{20}$/);
        const tags = { [legacy]: "proj/dev/role", [claimKeyOf(newClaimId())]: "proj/dev/role", [DELETION_MARK_KEY]: "by=x at=y until=z" };
        const claims = claimsIn(tags);
        expect(claims.map((c) => Boolean(c.legacy)).sort()).to.deep.equal([false, true]);
        expect(claims.map((c) => c.key)).to.not.include(DELETION_MARK_KEY);
        expect(withoutClaims(tags), "neither claims nor the mark are user tags").to.deep.equal({});
    });

    it("keeps claim values inside IAM's tag character set and length", () => {
        expect(claimTagValue("org/proj/dev/role#1 $x")).to.equal("org/proj/dev/role_1 _x");
        expect([...claimTagValue("x".repeat(300))]).to.have.length(256);
    });

    it("separates claims from user tags, ignoring the prefix's letter case", () => {
        const tags = { team: "a", "pulumi-slr-claim:abc": "p/s/r", "Pulumi-SLR-Claim:def": "p/t/r" };
        expect(withoutClaims(tags)).to.deep.equal({ team: "a" });
        expect(claimsIn(tags).map((c) => c.claimant)).to.deep.equal(["p/s/r", "p/t/r"]);
        expect(isClaimKey("team")).to.equal(false);
    });
});

describe("claims: the claimant a ServiceLinkedRole writes (Pulumi mocks)", () => {
    const claimants: Record<string, string> = {};
    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    if (args.type.endsWith(":ServiceLinkedRole")) claimants[args.inputs.claimant] = args.name;
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: (args) => args.inputs,
            },
            "proj",
            "dev",
            false,
        );
    });

    it("names project, stack and resource, and tells apart same-named children of different parents", async () => {
        const { ServiceLinkedRole } = await import("../../provider/iam/serviceLinkedRole");
        class Holder extends pulumi.ComponentResource {
            constructor(name: string) {
                super("test:index:Holder", name);
                new ServiceLinkedRole("role", {}, { parent: this });
                this.registerOutputs({});
            }
        }
        new ServiceLinkedRole("role", {});
        new Holder("left");
        new Holder("right");
        const wanted = (count: number) => new Promise<void>((resolve) => {
            const poll = () => (Object.keys(claimants).length >= count ? resolve() : setTimeout(poll, 10));
            poll();
        });
        await wanted(3);
        const names = Object.keys(claimants).sort();
        expect(names[0]).to.equal("proj/dev/role");
        expect(names[1]).to.match(/^proj\/dev\/role@[0-9a-f]{8}$/);
        expect(names[2]).to.match(/^proj\/dev\/role@[0-9a-f]{8}$/);
        expect(names[1]).to.not.equal(names[2]);
    });
});
