// The stand-in's emulated Connect semantics, through its provider in this process against moto:
// what IAM holds after each Connect call, and what is refused.
import { GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import * as fs from "node:fs";
import { useConnectMoto } from "../harness/awsPlugin";
import { INVOKES } from "../harness/awsStandIn/invokes";
import { RESOURCES } from "../harness/awsStandIn/main";
import { StandInProvider } from "../harness/awsStandIn/provider";
import { CONNECT_MANAGED_POLICY, CONNECT_ROLE_PATH } from "../harness/awsStandIn/resources/connectRole";
import { readInstance } from "../harness/awsStandIn/store";
import { roleInIam, serviceLinkedRoles } from "../harness/iam";

const urn = (token: string, name = "r") => `urn:pulumi:test::project::${token}::${name}`;
const INSTANCE = "aws:connect/instance:Instance";
const STORAGE = "aws:connect/instanceStorageConfig:InstanceStorageConfig";
const BOT = "aws:connect/botAssociation:BotAssociation";

describe("stand-in: emulated Connect semantics (in-process, against moto)", function () {
    this.timeout(60_000);
    const fx = useConnectMoto();
    const provider = new StandInProvider(RESOURCES, INVOKES);

    const createInstance = async (alias: string) => {
        const checked = await provider.check(urn(INSTANCE, alias), undefined, { instanceAlias: alias, identityManagementType: "CONNECT_MANAGED", inboundCallsEnabled: true, outboundCallsEnabled: true });
        expect(checked.failures).to.deep.equal([]);
        return provider.create(urn(INSTANCE, alias), checked.inputs);
    };

    it("CreateInstance makes the instance's own role AWSServiceRoleForAmazonConnect_<id> with the managed policy, and returns it as serviceRole", async () => {
        const { id, outs } = await createInstance("acme-support");
        const roles = await serviceLinkedRoles(fx.iam, "connect.amazonaws.com");
        expect(roles).to.have.length(1);
        const role = roles[0];
        expect(role.RoleName).to.match(/^AWSServiceRoleForAmazonConnect_[A-Za-z0-9]{20}$/);
        expect(role.Path).to.equal(CONNECT_ROLE_PATH);
        expect(outs.serviceRole).to.equal(role.Arn);
        expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).to.include("connect.amazonaws.com");
        const attached = await fx.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role.RoleName }));
        expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).to.deep.equal([CONNECT_MANAGED_POLICY]);
        // No account-wide role: moto's own Connect would have reported AWSServiceRoleForAmazonConnect.
        expect(await roleInIam(fx.iam, "AWSServiceRoleForAmazonConnect")).to.equal(undefined);
        const found = await INVOKES["aws:connect/getInstance:getInstance"]({ instanceAlias: "acme-support" });
        expect(found).to.include({ instanceId: id, serviceRole: role.Arn });
    });

    it("two instances in one account get two roles", async () => {
        const a = await createInstance("alpha");
        const b = await createInstance("bravo");
        expect(a.outs.serviceRole).to.not.equal(b.outs.serviceRole);
        expect(await serviceLinkedRoles(fx.iam, "connect.amazonaws.com")).to.have.length(2);
    });

    it("an instance alias is unique: the second create fails and leaves nothing behind", async () => {
        await createInstance("taken");
        let error: Error | undefined;
        await createInstance("taken").catch((e) => (error = e));
        expect(error?.message).to.match(/DuplicateResourceException: the instance alias taken is already in use/);
        expect(await serviceLinkedRoles(fx.iam, "connect.amazonaws.com")).to.have.length(1);
    });

    it("associating a Kinesis stream or a Lex bot adds the permissions Connect adds; disassociating removes them", async () => {
        const { id } = await createInstance("streams");
        const roleName = readInstance(id)!.roleName;
        const streamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/ctr";
        const storage = await provider.create(urn(STORAGE), {
            instanceId: id,
            resourceType: "CONTACT_TRACE_RECORDS",
            storageConfig: { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn } },
        });
        await provider.create(urn(BOT), { instanceId: id, lexBot: { name: "OrderFlowers" } });
        const names = (await fx.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
        expect(names).to.have.length(2);
        const documents = await Promise.all(names.map(async (PolicyName) => decodeURIComponent((await fx.iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }))).PolicyDocument!)));
        expect(documents.join()).to.include("kinesis:PutRecord").and.include(streamArn).and.include("lex:PostContent").and.include(":bot:OrderFlowers");
        await provider.delete(storage.id, urn(STORAGE), storage.outs);
        expect((await fx.iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames).to.have.length(1);
    });

    it("DeleteInstance deletes the instance's role and its associations", async () => {
        const { id, outs } = await createInstance("short-lived");
        const roleName = readInstance(id)!.roleName;
        await provider.delete(id, urn(INSTANCE), outs);
        expect(await roleInIam(fx.iam, roleName)).to.equal(undefined);
        expect(readInstance(id)).to.equal(undefined);
        expect((await provider.read(id, urn(INSTANCE), outs)).id).to.equal("");
    });

    it("a moto reset clears what the stand-in keeps", async () => {
        const { id } = await createInstance("reset-me");
        expect(fs.existsSync(fx.connectMoto.stateFile)).to.equal(true);
        await fx.connectMoto.reset();
        expect(fs.existsSync(fx.connectMoto.stateFile)).to.equal(false);
        expect(readInstance(id)).to.equal(undefined);
    });

    it("an association whose instance moto no longer has is gone on read", async () => {
        const { id } = await createInstance("orphan");
        const storage = await provider.create(urn(STORAGE), {
            instanceId: id,
            resourceType: "AGENT_EVENTS",
            storageConfig: { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/agents" } },
        });
        await fx.connectMoto.moto.reset(); // moto only: the store still has the record
        expect((await provider.read(storage.id, urn(STORAGE), storage.outs)).id).to.equal("");
        expect(readInstance(id)).to.equal(undefined);
    });

    it("refuses a type it does not implement, naming it", async () => {
        let error: Error | undefined;
        await provider.check(urn("aws:ec2/instance:Instance"), undefined, {}).catch((e) => (error = e));
        expect(error?.message).to.match(/does not implement aws:ec2\/instance:Instance; it implements only aws:connect\/instance:Instance/);
        await provider.invoke("aws:ec2/getAmi:getAmi", {}).catch((e) => (error = e));
        expect(error?.message).to.match(/does not implement the function aws:ec2\/getAmi:getAmi/);
    });

    it("refuses, at check, an input it does not emulate, naming the property", async () => {
        const checked = await provider.check(urn("aws:s3/bucket:Bucket", "b"), undefined, { website: { indexDocument: "index.html" } });
        expect(checked.failures).to.deep.equal([{ property: "website", reason: "the AWS stand-in does not emulate aws:s3/bucket:Bucket's website; it emulates bucket, bucketPrefix, forceDestroy, region, tags" }]);
    });

    it("CreateServiceLinkedRole for aws:iam/serviceLinkedRole goes to moto's IAM", async () => {
        const token = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
        const { id, outs } = await provider.create(urn(token), { awsServiceName: "elasticbeanstalk.amazonaws.com", description: "d", tags: { a: "1" } });
        const role = (await fx.iam.send(new GetRoleCommand({ RoleName: outs.name }))).Role!;
        expect(role.Arn).to.equal(id);
        expect(role.Tags).to.deep.equal([{ Key: "a", Value: "1" }]);
        await provider.delete(id, urn(token), outs);
        expect(await roleInIam(fx.iam, outs.name)).to.equal(undefined);
    });
});
