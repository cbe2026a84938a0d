/**
 * ConnectInstance with an explicit aws provider, under Pulumi mocks (no AWS plugin runs here): the
 * instance goes to the provider's account, and the service-linked role and its permission check
 * (dynamic resources, which Pulumi gives no aws provider) get that same account as
 * `expectedAccountId` plus the component's `connection`. The provider then refuses any other
 * account (tests/iam/account.test.ts proves that refusal against moto).
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type * as AwsModule from "@pulumi/aws";
import type * as ConnectModule from "../../../provider/connect";
import { MockEngine, startPulumiMocks, valueOf } from "../../harness/pulumiMocks";

const AMBIENT = "111122223333";
const B = "222222222222";
const SLR_TYPE = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";
const CHECK_TYPE = "pulumi-nodejs:dynamic/connect:RolePermissionCheck";
const INSTANCE_TYPE = "aws:connect/instance:Instance";

let engine: MockEngine;

/** The account a mocked invoke reports: account B through the `account-b` provider, else the ambient one. */
const accountOf = (provider: string | undefined) => (provider?.includes("::account-b::") ? B : AMBIENT);

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
        const account = accountOf(args.provider);
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === INSTANCE_TYPE) {
            Object.assign(state, {
                arn: `arn:aws:connect:us-west-2:${account}:instance/${args.name}`,
                serviceRole: `arn:aws:iam::${account}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_${args.name}`,
            });
        }
        return { id: `${args.name}-id`, state };
    },
    call: (args) => {
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: accountOf(args.provider), arn: `arn:aws:iam::${accountOf(args.provider)}:user/x`, userId: "x" };
            case "aws:index/getRegion:getRegion":
                return { name: "us-west-2", region: "us-west-2" };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com" };
            default:
                return args.inputs;
        }
    },
};

/** The registrations of the named resources, once the program's RPCs have drained. */
async function settled(component: pulumi.ComponentResource, names: string[]) {
    await valueOf(component.urn);
    await engine.settled();
    return engine.registrations.filter((r) => names.includes(r.name));
}

describe("ConnectInstance with an explicit aws provider (Pulumi mocks)", function () {
    this.timeout(120_000);
    let aws: typeof AwsModule;
    let connect: typeof ConnectModule;
    let accountB: AwsModule.Provider;

    before(async function () {
        engine = await startPulumiMocks(mocks);
        aws = await import("@pulumi/aws");
        connect = await import("../../../provider/connect");
        accountB = new aws.Provider("account-b", { region: "us-west-2", assumeRoles: [{ roleArn: `arn:aws:iam::${B}:role/deployer` }] });
    });

    after(async function () {
        await engine.settled();
        engine.stop();
    });

    it("passes the provider's account and the component's connection to the role and its check; the instance uses the provider", async () => {
        const connection = { assumeRoles: [{ roleArn: `arn:aws:iam::${B}:role/deployer` }] };
        const component = new connect.ConnectInstance("in-b", { instanceAlias: "in-b", connection }, { providers: [accountB] });
        const children = await settled(component, ["in-b", "in-b-service-role", "in-b-role-check"]);
        const instance = children.find((r) => r.type === INSTANCE_TYPE)!;
        const role = children.find((r) => r.type === SLR_TYPE)!;
        const check = children.find((r) => r.type === CHECK_TYPE)!;
        expect(instance.provider).to.include("::account-b::");
        expect(role.inputs).to.deep.include({ expectedAccountId: B, connection });
        expect(check.inputs).to.deep.include({ expectedAccountId: B, connection });
        expect(role.inputs.existingRole).to.match(new RegExp(`^arn:aws:iam::${B}:role/`));
    });

    it("without a connection, the role still must be in the provider's account: expectedAccountId, never the ambient account silently", async () => {
        const component = new connect.ConnectInstance("only-provider", { instanceAlias: "only-provider" }, { providers: [accountB] });
        const children = await settled(component, ["only-provider-service-role"]);
        expect(children[0].inputs.expectedAccountId).to.equal(B);
        expect(children[0].inputs.connection).to.equal(undefined);
    });

    it("without any provider, the role is tied to the account the instance is created in", async () => {
        const component = new connect.ConnectInstance("ambient", { instanceAlias: "ambient" });
        const children = await settled(component, ["ambient-service-role"]);
        expect(children[0].inputs.expectedAccountId).to.equal(AMBIENT);
    });
});
