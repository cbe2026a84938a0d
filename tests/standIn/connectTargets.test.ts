// What the stand-in writes outside the instance's role at association, as Amazon Connect does
// (sources in tests/harness/awsStandIn/resources/connectGrants.ts): the Lex V2 alias's statement,
// the Lambda function's permission, the KMS grant for a key in a storage config. Asserted on what
// moto holds.
import { expect } from "chai";
import { useConnectMoto } from "../harness/awsPlugin";
import { inspect } from "../harness/awsStandIn/inspect";
import { INVOKES } from "../harness/awsStandIn/invokes";
import { RESOURCES } from "../harness/awsStandIn/main";
import { StandInProvider } from "../harness/awsStandIn/provider";

const urn = (token: string, name = "r") => `urn:pulumi:test::project::${token}::${name}`;
const INSTANCE = "aws:connect/instance:Instance";
const STORAGE = "aws:connect/instanceStorageConfig:InstanceStorageConfig";
const LAMBDA = "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation";
const CC = "aws:cloudcontrol/resource:Resource";
const ALIAS = "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/TSTALIASID";

describe("stand-in: what Connect writes to targets at association (in-process, against moto)", function () {
    this.timeout(60_000);
    useConnectMoto();
    const provider = new StandInProvider(RESOURCES, INVOKES);

    const createInstance = async (alias: string) => {
        const checked = await provider.check(urn(INSTANCE, alias), undefined, { instanceAlias: alias, identityManagementType: "CONNECT_MANAGED", inboundCallsEnabled: true, outboundCallsEnabled: true });
        return provider.create(urn(INSTANCE, alias), checked.inputs);
    };
    const integration = (instanceArn: string, type: string, arn: string) =>
        provider.create(urn(CC), { typeName: "AWS::Connect::IntegrationAssociation", desiredState: JSON.stringify({ InstanceId: instanceArn, IntegrationType: type, IntegrationArn: arn }) });
    const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: Error) => e.message);

    it("a LEX_BOT integration association adds Connect's statement to the alias's policy, next to what is there, and removes only it", async () => {
        const { outs } = await createInstance("lex-one");
        const other = { Sid: "Other", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: ["lex:RecognizeText"], Resource: ALIAS };
        await inspect.putLexPolicy(ALIAS, [other]);
        const association = await integration(outs.arn, "LEX_BOT", ALIAS);
        const statements = (await inspect.lexStatements(ALIAS))!;
        expect(statements.map((s: { Sid: string }) => s.Sid)).to.deep.equal(["Other", `connect-instance-${outs.arn.split("/").pop()}`]);
        expect(statements[1]).to.deep.include({ Principal: { Service: "connect.amazonaws.com" }, Resource: ALIAS });
        expect(statements[1].Condition).to.deep.equal({ StringEquals: { "AWS:SourceAccount": "123456789012" }, ArnEquals: { "AWS:SourceArn": outs.arn } });
        await provider.delete(association.id, urn(CC), association.outs);
        expect((await inspect.lexStatements(ALIAS))!).to.deep.equal([other]);
    });

    it("two instances on one alias: each adds its own statement; deleting the only one removes the policy", async () => {
        const a = await createInstance("lex-a");
        const b = await createInstance("lex-b");
        const first = await integration(a.outs.arn, "LEX_BOT", ALIAS);
        await integration(b.outs.arn, "LEX_BOT", ALIAS);
        expect((await inspect.lexStatements(ALIAS))!).to.have.length(2);
        await provider.delete(first.id, urn(CC), first.outs);
        expect((await inspect.lexStatements(ALIAS))![0].Condition.ArnEquals["AWS:SourceArn"]).to.equal(b.outs.arn);
    });

    it("an alias in another account is refused and leaves no association behind", async () => {
        const { outs } = await createInstance("lex-cross");
        const message = await failure(integration(outs.arn, "LEX_BOT", ALIAS.replace("123456789012", "210987654321")));
        expect(message).to.match(/cannot allow cross-account access/);
        expect(await inspect.lexStatements(ALIAS.replace("123456789012", "210987654321"))).to.equal(undefined);
        await integration(outs.arn, "LEX_BOT", ALIAS); // not recorded as associated
    });

    it("AWS::Lex::ResourcePolicy create on an alias that already has a policy fails with AlreadyExists (never overwrites Connect's statement)", async () => {
        const { outs } = await createInstance("lex-policy");
        await integration(outs.arn, "LEX_BOT", ALIAS);
        const message = await failure(provider.create(urn(CC, "p"), { typeName: "AWS::Lex::ResourcePolicy", desiredState: JSON.stringify({ ResourceArn: ALIAS, Policy: { Version: "2012-10-17", Statement: [] } }) }));
        expect(message).to.match(/AlreadyExists/);
        expect((await inspect.lexStatements(ALIAS))!).to.have.length(1);
    });

    it("a Lambda association (aws.connect and LAMBDA_FUNCTION) adds Connect's function permission scoped to the instance; disassociation removes it", async () => {
        const { id, outs } = await createInstance("lambda-one");
        const functionArn = await inspect.createFunction("greeter");
        const policyOf = () => inspect.functionStatements("greeter");
        const association = await provider.create(urn(LAMBDA), { instanceId: id, functionArn });
        const [statement] = await policyOf();
        expect(statement.Principal).to.deep.equal({ Service: "connect.amazonaws.com" });
        expect(JSON.stringify(statement.Condition)).to.include(outs.arn).and.include("123456789012");
        await provider.delete(association.id, urn(LAMBDA), association.outs);
        expect(await policyOf()).to.deep.equal([]);
        const viaCloudControl = await integration(outs.arn, "LAMBDA_FUNCTION", functionArn);
        expect(await policyOf()).to.have.length(1);
        await provider.delete(viaCloudControl.id, urn(CC), viaCloudControl.outs);
        expect(await policyOf()).to.deep.equal([]);
    });

    it("a storage config with a customer key makes Connect's grant for the instance's role; disassociation retires it", async () => {
        const { id, outs } = await createInstance("keyed");
        const key = await inspect.createKey();
        const grants = () => inspect.keyGrants(key.arn);
        const storage = await provider.create(urn(STORAGE), {
            instanceId: id,
            resourceType: "CALL_RECORDINGS",
            storageConfig: { storageType: "S3", s3Config: { bucketName: "recordings", bucketPrefix: "r", encryptionConfig: { encryptionType: "KMS", keyId: key.arn } } },
        });
        const [grant] = await grants();
        expect(grant.GranteePrincipal).to.equal(outs.serviceRole);
        expect(grant.Operations).to.include.members(["Encrypt", "Decrypt", "GenerateDataKey"]);
        await provider.delete(storage.id, urn(STORAGE), storage.outs);
        expect(await grants()).to.deep.equal([]);
    });

    it("a media-streams config's key gets the grant too; a key id that is not the full ARN is refused", async () => {
        const { id, outs } = await createInstance("media");
        const key = await inspect.createKey();
        const config = (keyId: string) => ({ storageType: "KINESIS_VIDEO_STREAM", kinesisVideoStreamConfig: { prefix: "m", retentionPeriodHours: 24, encryptionConfig: { encryptionType: "KMS", keyId } } });
        const message = await failure(provider.create(urn(STORAGE), { instanceId: id, resourceType: "MEDIA_STREAMS", storageConfig: config(key.id) }));
        expect(message).to.match(/KeyId must be the key's full ARN/);
        await provider.create(urn(STORAGE), { instanceId: id, resourceType: "MEDIA_STREAMS", storageConfig: config(key.arn) });
        const grants = await inspect.keyGrants(key.arn);
        expect(grants.map((g) => g.GranteePrincipal)).to.deep.equal([outs.serviceRole]);
    });
});
