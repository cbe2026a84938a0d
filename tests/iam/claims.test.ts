import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { claimsIn, claimTagKey, claimTagValue, isClaimKey, withoutClaims } from "../../provider/iam/claims";

describe("claims: tag keys and values", () => {
    it("gives each claimant its own short key under the reserved prefix", () => {
        const a = claimTagKey("proj/dev/role");
        const b = claimTagKey("proj/prod/role");
        expect(a).to.match(/^pulumi-slr-claim:[0-9a-f]{20}$/);
        expect(a).to.not.equal(b);
        expect(claimTagKey("proj/dev/role")).to.equal(a);
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
