/**
 * An explicit `aws` provider is never ignored silently: Pulumi's SDK drops a `provider`/`providers`
 * option whose package differs from the resource's, which is always the case for a dynamic
 * resource. Under Pulumi mocks (no AWS plugin runs here), ServiceLinkedRole's constructor refuses
 * such options unless the role says where it goes (`connection`) or which account it must be in.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type * as AwsModule from "@pulumi/aws";
import type * as RoleModule from "../../provider/iam/serviceLinkedRole";

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
};

describe("ServiceLinkedRole with an explicit aws provider", () => {
    let aws: typeof AwsModule;
    let roles: typeof RoleModule;
    let accountB: AwsModule.Provider;

    before(async function () {
        this.timeout(60_000); // @pulumi/aws takes seconds to load
        await pulumi.runtime.setMocks(mocks, "project", "stack", false);
        aws = await import("@pulumi/aws");
        roles = await import("../../provider/iam/serviceLinkedRole");
        accountB = new aws.Provider("account-b", { region: "eu-west-2", assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deployer" }] });
    });

    const refusal = /an aws provider is set through the provider\/providers option.*Pulumi ignores it for dynamic resources.*connection input/s;

    it("refuses { provider } and names the connection input", () => {
        expect(() => new roles.ServiceLinkedRole("p1", {}, { provider: accountB })).to.throw(pulumi.ResourceError, refusal);
    });

    it("refuses { providers } as an array and as a map", () => {
        const asArray = { providers: [accountB] } as pulumi.CustomResourceOptions;
        const asMap = { providers: { aws: accountB } } as pulumi.CustomResourceOptions;
        expect(() => new roles.ServiceLinkedRole("p2", {}, asArray)).to.throw(refusal);
        expect(() => new roles.ServiceLinkedRole("p3", {}, asMap)).to.throw(refusal);
    });

    it("refuses an aws provider inherited from a parent component", () => {
        const parent = new pulumi.ComponentResource("test:index:Team", "team-b", {}, { providers: [accountB] });
        expect(() => new roles.ServiceLinkedRole("p4", {}, { parent })).to.throw(refusal);
    });

    it("accepts the provider when the role names its connection or the account it must be in", () => {
        expect(() => new roles.ServiceLinkedRole("p5", { connection: { assumeRoles: [{ roleArn: "arn:aws:iam::222222222222:role/deployer" }] } }, { provider: accountB })).not.to.throw();
        expect(() => new roles.ServiceLinkedRole("p6", { expectedAccountId: "222222222222" }, { provider: accountB })).not.to.throw();
    });

    it("does not object to a parent without an aws provider, or to no options", () => {
        const parent = new pulumi.ComponentResource("test:index:Plain", "plain", {});
        expect(() => new roles.ServiceLinkedRole("p7", {}, { parent })).not.to.throw();
        expect(() => new roles.ServiceLinkedRole("p8")).not.to.throw();
    });
});
