/**
 * ConnectInstance under Pulumi mocks that behave like today's Connect: CreateInstance gives each
 * instance a role of its own (`AWSServiceRoleForAmazonConnect_<random>`), the account already holds
 * other instances' roles, and an existing instance may live in another Region than the provider's.
 * The suite checks the child resources it declares, their inputs, parents and dependencies, its
 * outputs, and the argument errors it throws before registering anything.
 *
 * The mocks harness (tests/harness/pulumiMocks.ts) records each registration's parent URN,
 * dependency URNs and retainOnDelete, and settles on the SDK's own RPC queue, not on a timer.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type * as ConnectModule from "../../../provider/connect";
import type * as RoleModule from "../../../provider/iam/serviceLinkedRole";
import { MockEngine, Registration, startPulumiMocks, valueOf } from "../../harness/pulumiMocks";

const ACCOUNT = "111122223333";
const REGION = "us-west-2";
const INSTANCE_UUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_UUID}`;
const ROLE_PATH = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com`;
/** The per-instance role Connect gives an instance (a suffix derived from the instance, as AWS's is random). */
const roleOf = (instance: string) => `${ROLE_PATH}/AWSServiceRoleForAmazonConnect_${instance.replace(/[^a-z0-9]/g, "").slice(0, 12)}`;
/** Roles of other instances the account already holds (what a suffix-less lookup used to trip over). */
const OTHER_ROLES = [`${ROLE_PATH}/AWSServiceRoleForAmazonConnect_0ther1nstance`, `${ROLE_PATH}/AWSServiceRoleForAmazonConnect_legacy2`];
const SERVICE_ROLE_ARN = roleOf(INSTANCE_UUID);
const LEX_V2_ALIAS_ARN = `arn:aws:lex:${REGION}:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
const LAMBDA_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:lookup-customer`;
const PEM_KEY = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";
const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const COMPONENT_TYPE = "service-linked-role:connect:ConnectInstance";
const SLR_TYPE = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";
const CHECK_TYPE = "pulumi-nodejs:dynamic/connect:RolePermissionCheck";
const GUARD_TYPE = "pulumi-nodejs:dynamic/connect:InstanceReplacementGuard";
const ATTRIBUTES_TYPE = "pulumi-nodejs:dynamic/connect:InstanceAttributes";
const STORAGE_CONFIG = "aws:connect/instanceStorageConfig:InstanceStorageConfig";
const CLOUD_CONTROL = "aws:cloudcontrol/resource:Resource";

let engine: MockEngine;
/** What the mocked `aws.connect.getInstance` reports for contact flow logs. */
let existingInstanceLogsEnabled = false;
/** Existing instances that live outside the provider's Region, by id. */
const existingInstanceRegions: Record<string, string> = {};
/** Roles Connect created for the instances the mocks know (created or existing). */
const knownInstanceRoles: string[] = [];

/** Cloud-assigned outputs for each resource type, the way the real providers would fill them. */
function mockState(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, any> } {
    switch (type) {
        case "aws:connect/instance:Instance": {
            // The first instance of the suite gets the well-known id; others an id of their own.
            const id = name === "full" ? INSTANCE_UUID : `${name.padEnd(8, "0").slice(0, 8)}-0000-4000-8000-000000000000`;
            const region = inputs.region ?? REGION;
            return {
                id,
                state: { ...inputs, arn: `arn:aws:connect:${region}:${ACCOUNT}:instance/${id}`, serviceRole: roleOf(id), contactFlowLogsEnabled: inputs.contactFlowLogsEnabled ?? false },
            };
        }
        case "aws:s3/bucket:Bucket": {
            const bucket = inputs.bucket ?? `${inputs.bucketPrefix}20260101`;
            return { id: bucket, state: { ...inputs, bucket, arn: `arn:aws:s3:::${bucket}` } };
        }
        case "aws:kinesis/stream:Stream": {
            const streamName = inputs.name ?? `${name}-1a2b3c4`;
            return { id: streamName, state: { ...inputs, name: streamName, arn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}` } };
        }
        case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
            const streamName = inputs.name ?? `${name}-1a2b3c4`;
            return { id: streamName, state: { ...inputs, name: streamName, arn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${streamName}` } };
        }
        case "aws:iam/role:Role":
            return { id: `${name}-1a2b3c4`, state: { ...inputs, arn: `arn:aws:iam::${ACCOUNT}:role/${name}-1a2b3c4` } };
        case "aws:cloudwatch/logGroup:LogGroup":
            return { id: inputs.name, state: { ...inputs, arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${inputs.name}` } };
        case SLR_TYPE: {
            // Adopting names the role; without existingRole the account-wide role is ensured.
            const arn = inputs.existingRole ?? `${ROLE_PATH}/AWSServiceRoleForAmazonConnect`;
            const roleName = arn.split("/").pop();
            expect([...OTHER_ROLES, ...knownInstanceRoles, `${ROLE_PATH}/AWSServiceRoleForAmazonConnect`], "adopts only a role that exists").to.include(arn);
            return { id: roleName, state: { ...inputs, roleName, arn, ownership: "adopted" } };
        }
        default:
            return { id: `${name}-id`, state: inputs };
    }
}

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
        const result = mockState(args.type, args.name, args.inputs);
        if (args.type === "aws:connect/instance:Instance") knownInstanceRoles.push(result.state.serviceRole);
        return result;
    },
    call: (args) => {
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { region: REGION, name: REGION, id: REGION };
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDAEXAMPLE", id: ACCOUNT };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            case "aws:connect/getInstance:getInstance": {
                // The instance exists only in its own Region: a lookup elsewhere finds nothing.
                const region = args.inputs.region ?? REGION;
                const home = existingInstanceRegions[args.inputs.instanceId] ?? REGION;
                if (region !== home) throw new Error(`ResourceNotFoundException: instance ${args.inputs.instanceId} not found in ${region}`);
                knownInstanceRoles.push(roleOf(args.inputs.instanceId));
                return {
                    id: args.inputs.instanceId,
                    instanceId: args.inputs.instanceId,
                    arn: `arn:aws:connect:${region}:${ACCOUNT}:instance/${args.inputs.instanceId}`,
                    instanceAlias: "legacy-center",
                    serviceRole: roleOf(args.inputs.instanceId),
                    contactFlowLogsEnabled: existingInstanceLogsEnabled,
                };
            }
            default:
                throw new Error(`unexpected invoke ${args.token}`);
        }
    },
};

/** The component's URN and its direct children, once everything has registered. */
async function graph(component: pulumi.ComponentResource) {
    const connect = component as ConnectModule.ConnectInstance;
    await valueOf(connect.managedPolicyGaps);
    await engine.settled();
    const urn = await valueOf(component.urn);
    // Every resource under the component, through its feature-area components.
    const children = engine.descendants(urn);
    const one = (type: string, name?: string) => {
        const found = children.filter((r) => r.type === type && (name === undefined || r.name === name));
        expect(found, `${type} ${name ?? ""}`).to.have.length(1);
        return found[0];
    };
    const parentOf = (r: Registration) => engine.registrations.find((p) => p.urn === r.parent);
    return { urn, children, one, parentOf, all: (type: string) => children.filter((r) => r.type === type) };
}

describe("ConnectInstance (Pulumi mocks)", function () {
    let connect: typeof ConnectModule;
    let roleModule: typeof RoleModule;

    before(async function () {
        engine = await startPulumiMocks(mocks);
        // The modules capture the runtime settings when they load, so they load after setMocks.
        connect = await import("../../../provider/connect");
        roleModule = await import("../../../provider/iam/serviceLinkedRole");
    });

    after(async function () {
        await engine.settled();
        engine.stop();
    });

    describe("a new instance with every feature", function () {
        let component: ConnectModule.ConnectInstance;
        let g: Awaited<ReturnType<typeof graph>>;

        before(async function () {
            engine.warnings.length = 0;
            component = new connect.ConnectInstance("full", {
                instanceAlias: "acme-support",
                callRecordings: { createBucket: true, kmsKeyArn: KMS_KEY_ARN },
                chatTranscripts: { createBucket: true, prefix: "chats" },
                exportedReports: { createBucket: true },
                agentEvents: { create: true, retentionHours: 48 },
                contactTraceRecords: { create: true, type: "firehose" },
                lexBots: [{ name: "OrderFlowers", region: "us-east-1" }, { aliasArn: LEX_V2_ALIAS_ARN }],
                lambdaFunctions: [{ functionArn: `${LAMBDA_ARN}:live` }],
                approvedOrigins: ["https://support.example.com"],
                securityKeys: [PEM_KEY],
                contactFlowLogs: { retentionInDays: 30 },
                tags: { team: "support" },
            });
            g = await graph(component);
        });

        it("registers the component with its type token", function () {
            expect(g.urn).to.equal(`urn:pulumi:stack::project::${COMPONENT_TYPE}::full`);
        });

        it("parents each resource to the component or to its feature-area component", function () {
            const types = g.children.map((c) => c.type).sort();
            expect(types).to.deep.equal(
                [
                    SLR_TYPE,
                    CHECK_TYPE,
                    GUARD_TYPE,
                    ...["Storage", "Streams", "FlowsAndBots", "Logs", "Access"].map((area) => `service-linked-role:connect:Connect${area}`),
                    ...Array(4).fill(CLOUD_CONTROL),
                    "aws:cloudwatch/logGroup:LogGroup",
                    "aws:connect/botAssociation:BotAssociation",
                    "aws:connect/instance:Instance",
                    "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation",
                    "aws:lambda/permission:Permission",
                    ...Array(5).fill(STORAGE_CONFIG),
                    "aws:iam/role:Role",
                    "aws:iam/rolePolicy:RolePolicy",
                    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                    "aws:kinesis/stream:Stream",
                    "aws:s3/bucket:Bucket",
                    "aws:s3/bucketPolicy:BucketPolicy",
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                ].sort(),
            );
            const areaOf = (type: string) => g.parentOf(g.all(type)[0])!.type;
            expect(areaOf("aws:s3/bucket:Bucket")).to.equal("service-linked-role:connect:ConnectStorage");
            expect(areaOf("aws:kinesis/stream:Stream")).to.equal("service-linked-role:connect:ConnectStreams");
            expect(areaOf("aws:connect/botAssociation:BotAssociation")).to.equal("service-linked-role:connect:ConnectFlowsAndBots");
            expect(areaOf("aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation")).to.equal("service-linked-role:connect:ConnectFlowsAndBots");
            expect(areaOf("aws:cloudwatch/logGroup:LogGroup")).to.equal("service-linked-role:connect:ConnectLogs");
            for (const type of ["aws:connect/instance:Instance", SLR_TYPE, CHECK_TYPE, GUARD_TYPE]) expect(g.parentOf(g.one(type))!.urn, type).to.equal(g.urn);
        });

        it("creates nothing account-wide: adopts the instance's own role after the instance, never deleting it", function () {
            const role = g.one(SLR_TYPE);
            const instance = g.one("aws:connect/instance:Instance");
            expect(role.name).to.equal("full-service-role");
            expect(role.inputs).to.include({ awsServiceName: "connect.amazonaws.com", existingRole: SERVICE_ROLE_ARN, deletionPolicy: "neverDelete" });
            expect(role.dependencies).to.include(instance.urn);
            // The instance no longer waits for a role of the component's making.
            expect(instance.dependencies).to.not.include(role.urn);
        });

        it("checks the instance's role after every association and resource policy exists", function () {
            const check = g.one(CHECK_TYPE);
            expect(check.inputs.role).to.equal(SERVICE_ROLE_ARN);
            expect(check.inputs.warnOnly).to.equal(true);
            expect(check.inputs.config.region).to.equal(REGION);
            const waitsFor = [
                ...g.all(STORAGE_CONFIG),
                ...g.all(CLOUD_CONTROL).filter((r) => r.inputs.typeName.startsWith("AWS::Lex") || r.inputs.typeName === "AWS::Connect::IntegrationAssociation"),
                g.one("aws:connect/botAssociation:BotAssociation"),
                g.one("aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation"),
                g.one("aws:lambda/permission:Permission"),
                g.one(SLR_TYPE),
            ].map((r) => r.urn);
            expect(check.dependencies).to.include.members(waitsFor);
        });

        it("creates the instance behind the replacement guard and after the log group", function () {
            const instance = g.one("aws:connect/instance:Instance");
            expect(instance.name).to.equal("full");
            expect(instance.inputs).to.include({
                instanceAlias: "acme-support",
                identityManagementType: "CONNECT_MANAGED",
                inboundCallsEnabled: true,
                outboundCallsEnabled: true,
                contactFlowLogsEnabled: true,
            });
            expect(instance.inputs.tags).to.deep.equal({ team: "support" });
            const guard = g.one(GUARD_TYPE);
            expect(guard.inputs.settings).to.deep.equal({ instanceAlias: "acme-support", identityManagementType: "CONNECT_MANAGED" });
            expect(guard.inputs.allowReplacement).to.equal(false);
            expect(instance.dependencies).to.include(guard.urn);
            expect(instance.dependencies).to.include(g.one("aws:cloudwatch/logGroup:LogGroup").urn);
        });

        it("creates the contact flow log group /aws/connect/<alias> with the retention", function () {
            const logGroup = g.one("aws:cloudwatch/logGroup:LogGroup");
            expect(logGroup.inputs).to.include({ name: "/aws/connect/acme-support", retentionInDays: 30 });
            expect(logGroup.retainOnDelete, "logs outlive the stack").to.equal(true);
        });

        it("creates one bucket, named inside the managed policy's amazon-connect-* pattern", function () {
            const bucket = g.one("aws:s3/bucket:Bucket");
            expect(bucket.inputs.bucketPrefix).to.equal("amazon-connect-full-");
            expect(bucket.inputs.forceDestroy).to.equal(false);
            expect(bucket.retainOnDelete, "recordings outlive the stack").to.equal(true);
        });

        it("blocks public access to the bucket, encrypts it by default and refuses requests without TLS", function () {
            const bucketName = "amazon-connect-full-20260101";
            const block = g.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            expect(block.inputs).to.include({ bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
            const sse = g.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            expect(sse.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: false }]);
            const policy = g.one("aws:s3/bucketPolicy:BucketPolicy");
            const statement = JSON.parse(policy.inputs.policy).Statement[0];
            expect(statement).to.deep.include({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
            expect(statement.Resource).to.deep.equal([`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`]);
            expect(policy.dependencies).to.include(block.urn);
        });

        it("associates the three S3 features with the instance and the bucket", function () {
            const instanceUrn = g.one("aws:connect/instance:Instance").urn;
            const bucketUrn = g.one("aws:s3/bucket:Bucket").urn;
            const expected: Record<string, [string, string]> = {
                "full-call-recordings": ["CALL_RECORDINGS", "connect/acme-support/CallRecordings"],
                "full-chat-transcripts": ["CHAT_TRANSCRIPTS", "chats"],
                "full-exported-reports": ["SCHEDULED_REPORTS", "connect/acme-support/Reports"],
            };
            for (const [name, [resourceType, prefix]] of Object.entries(expected)) {
                const config = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", name);
                expect(config.inputs.instanceId, name).to.equal(INSTANCE_UUID);
                expect(config.inputs.resourceType, name).to.equal(resourceType);
                expect(config.inputs.storageConfig.storageType, name).to.equal("S3");
                expect(config.inputs.storageConfig.s3Config.bucketName, name).to.equal("amazon-connect-full-20260101");
                expect(config.inputs.storageConfig.s3Config.bucketPrefix, name).to.equal(prefix);
                expect(config.propertyDependencies.instanceId, name).to.deep.equal([instanceUrn]);
                expect(config.dependencies, name).to.include.members([instanceUrn, bucketUrn]);
            }
            const recordings = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", "full-call-recordings");
            expect(recordings.inputs.storageConfig.s3Config.encryptionConfig).to.deep.equal({ encryptionType: "KMS", keyId: KMS_KEY_ARN });
        });

        it("streams agent events to a created Kinesis data stream", function () {
            const stream = g.one("aws:kinesis/stream:Stream");
            expect(stream.inputs.streamModeDetails).to.deep.equal({ streamMode: "ON_DEMAND" });
            expect(stream.inputs.retentionPeriod).to.equal(48);
            expect(stream.inputs).to.include({ encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" });
            const config = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", "full-agent-events");
            expect(config.inputs.resourceType).to.equal("AGENT_EVENTS");
            expect(config.inputs.storageConfig).to.deep.equal({
                storageType: "KINESIS_STREAM",
                kinesisStreamConfig: { streamArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/full-agent-events-stream-1a2b3c4` },
            });
            expect(config.dependencies).to.include.members([g.one("aws:connect/instance:Instance").urn, stream.urn]);
        });

        it("streams contact trace records to a created Firehose stream delivering to the bucket", function () {
            const firehose = g.one("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
            const role = g.one("aws:iam/role:Role");
            const policy = g.one("aws:iam/rolePolicy:RolePolicy");
            expect(firehose.inputs.destination).to.equal("extended_s3");
            expect(firehose.inputs.extendedS3Configuration).to.include({
                bucketArn: "arn:aws:s3:::amazon-connect-full-20260101",
                roleArn: role.inputs.arn ?? `arn:aws:iam::${ACCOUNT}:role/full-ctr-firehose-1a2b3c4`,
                prefix: "connect/acme-support/ContactTraceRecords/",
            });
            expect(firehose.dependencies).to.include(policy.urn);
            const trust = JSON.parse(role.inputs.assumeRolePolicy);
            expect(trust.Statement[0].Principal).to.deep.equal({ Service: "firehose.amazonaws.com" });
            expect(trust.Statement[0].Condition).to.deep.equal({ StringEquals: { "sts:ExternalId": ACCOUNT } });
            const access = JSON.parse(policy.inputs.policy);
            expect(access.Statement[0].Resource).to.deep.equal(["arn:aws:s3:::amazon-connect-full-20260101", "arn:aws:s3:::amazon-connect-full-20260101/*"]);
            const config = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", "full-contact-trace-records");
            expect(config.inputs.resourceType).to.equal("CONTACT_TRACE_RECORDS");
            expect(config.inputs.storageConfig).to.deep.equal({
                storageType: "KINESIS_FIREHOSE",
                kinesisFirehoseConfig: { firehoseArn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/full-ctr-firehose-1a2b3c4` },
            });
        });

        it("associates the Lex V1 bot with BotAssociation and warns that V1 is past end of support", function () {
            const instance = g.one("aws:connect/instance:Instance");
            const v1 = g.one("aws:connect/botAssociation:BotAssociation");
            expect(v1.name).to.equal("full-lex-OrderFlowers-us-east-1");
            expect(v1.inputs.instanceId).to.equal(INSTANCE_UUID);
            expect(v1.inputs.lexBot).to.deep.equal({ name: "OrderFlowers", lexRegion: "us-east-1" });
            expect(v1.dependencies).to.include(instance.urn);
            expect(engine.warnings.some((w) => w.startsWith("lexBots[0]: Lex V1 reached end of support"))).to.equal(true);
        });

        it("gives connect.amazonaws.com the V2 alias through its resource policy, scoped to this instance, before associating it", function () {
            const byType = (t: string) => g.all(CLOUD_CONTROL).filter((r) => r.inputs.typeName === t);
            const [policy] = byType("AWS::Lex::ResourcePolicy");
            const [association] = byType("AWS::Connect::IntegrationAssociation");
            const desired = JSON.parse(policy.inputs.desiredState);
            expect(desired.ResourceArn).to.equal(LEX_V2_ALIAS_ARN);
            expect(desired.Policy.Statement).to.have.length(1);
            expect(desired.Policy.Statement[0]).to.deep.include({
                Effect: "Allow",
                Principal: { Service: "connect.amazonaws.com" },
                Action: ["lex:RecognizeText", "lex:StartConversation"],
                Resource: LEX_V2_ALIAS_ARN,
                Condition: { ArnEquals: { "aws:SourceArn": INSTANCE_ARN }, StringEquals: { "aws:SourceAccount": ACCOUNT } },
            });
            expect(JSON.parse(association.inputs.desiredState)).to.deep.equal({ InstanceId: INSTANCE_ARN, IntegrationType: "LEX_BOT", IntegrationArn: LEX_V2_ALIAS_ARN });
            expect(association.dependencies).to.include.members([g.one("aws:connect/instance:Instance").urn, policy.urn]);
        });

        it("associates the Lambda function after granting connect.amazonaws.com invoke, limited to this instance", function () {
            const permission = g.one("aws:lambda/permission:Permission");
            expect(permission.inputs).to.include({
                action: "lambda:InvokeFunction",
                function: LAMBDA_ARN,
                qualifier: "live",
                principal: "connect.amazonaws.com",
                sourceArn: INSTANCE_ARN,
                sourceAccount: ACCOUNT,
            });
            const association = g.one("aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation");
            expect(association.inputs).to.include({ instanceId: INSTANCE_UUID, functionArn: `${LAMBDA_ARN}:live` });
            expect(association.dependencies).to.include(permission.urn);
        });

        it("adds the approved origin and the security key through Cloud Control", function () {
            const [origin] = g.all(CLOUD_CONTROL).filter((r) => r.inputs.typeName === "AWS::Connect::ApprovedOrigin");
            expect(JSON.parse(origin.inputs.desiredState)).to.deep.equal({ InstanceId: INSTANCE_ARN, Origin: "https://support.example.com" });
            const [key] = g.all(CLOUD_CONTROL).filter((r) => r.inputs.typeName === "AWS::Connect::SecurityKey");
            expect(JSON.parse(key.inputs.desiredState)).to.deep.equal({ InstanceId: INSTANCE_ARN, Key: PEM_KEY });
            expect(g.parentOf(origin)!.type).to.equal("service-linked-role:connect:ConnectAccess");
        });

        it("outputs the instance's id, ARN, alias and service role", async function () {
            expect(await valueOf(component.instanceId)).to.equal(INSTANCE_UUID);
            expect(await valueOf(component.instanceArn)).to.equal(INSTANCE_ARN);
            expect(await valueOf(component.instanceAlias)).to.equal("acme-support");
            expect(await valueOf(component.serviceRoleArn)).to.equal(SERVICE_ROLE_ARN);
            expect(await valueOf(component.contactFlowLogsEnabled)).to.equal(true);
            expect(component.instance).to.not.equal(undefined);
            expect(component.bucket).to.not.equal(undefined);
            expect(component.agentEventsStream).to.not.equal(undefined);
            expect(component.contactTraceRecordsStream).to.not.equal(undefined);
            expect(component.firehoseRole).to.not.equal(undefined);
            expect(component.contactFlowLogGroup).to.not.equal(undefined);
            expect(Object.keys(component.storageConfigs).sort()).to.deep.equal(["agentEvents", "callRecordings", "chatTranscripts", "contactTraceRecords", "exportedReports"]);
            expect(component.lexBotAssociations).to.have.length(1);
            expect(component.lexV2BotAssociations).to.have.length(1);
        });

        it("outputs the permission config and required policy built from the concrete resources", async function () {
            const config = await valueOf(component.permissionConfig);
            expect(config).to.deep.include({
                partition: "aws",
                region: REGION,
                account: ACCOUNT,
                callRecordings: { bucket: "amazon-connect-full-20260101", prefix: "connect/acme-support/CallRecordings" },
                chatTranscripts: { bucket: "amazon-connect-full-20260101", prefix: "chats" },
                kinesisStreamArns: [`arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/full-agent-events-stream-1a2b3c4`],
                firehoseStreamArns: [`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/full-ctr-firehose-1a2b3c4`],
                lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, LEX_V2_ALIAS_ARN],
                lambdaFunctionArns: [`${LAMBDA_ARN}:live`],
                contactFlowLogGroup: "/aws/connect/acme-support",
            });
            const policy = await valueOf(component.requiredPolicy);
            expect(policy.Version).to.equal("2012-10-17");
            const resources = policy.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
            expect(resources).to.include("arn:aws:s3:::amazon-connect-full-20260101/connect/acme-support/CallRecordings/*");
            expect(resources).to.include(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/connect/acme-support:*`);
            expect(engine.invokes.map((i) => i.token)).to.include.members([
                "aws:index/getRegion:getRegion",
                "aws:index/getCallerIdentity:getCallerIdentity",
                "aws:index/getPartition:getPartition",
            ]);
        });

        it("says who grants each permission the managed policy lacks, and finds no real gap", async function () {
            const gaps = await valueOf(component.managedPolicyGaps);
            const sources = Object.fromEntries(gaps.map((g) => [g.feature, g.source]));
            expect(sources).to.deep.equal({
                firehoseStreams: "association",
                kinesisStreams: "association",
                lexBots: "association",
                lexV2Bots: "resourcePolicy",
                lambdaFunctions: "resourcePolicy",
            });
            expect(await valueOf(component.permissionGaps)).to.deep.equal([]);
            // Nothing Connect or the component grants is reported as a problem.
            expect(engine.warnings.filter((w) => !w.includes("Lex V1 reached end of support"))).to.deep.equal([]);
        });

        it("keeps Lex V2 and Lambda grants out of the role's required policy", async function () {
            const policy = await valueOf(component.requiredPolicy);
            const actions = policy.Statement.flatMap((s) => s.Action);
            expect(actions).to.include("lex:PostContent");
            expect(actions).to.not.include.members(["lex:RecognizeText", "lambda:InvokeFunction"]);
            const resources = policy.Statement.flatMap((s) => s.Resource);
            expect(resources).to.not.include(LEX_V2_ALIAS_ARN);
        });
    });

    describe("an existing instance", function () {
        let component: ConnectModule.ConnectInstance;
        let g: Awaited<ReturnType<typeof graph>>;
        const existingStream = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/ctr-feed`;
        const EXISTING = "11111111-2222-3333-4444-555555555555";

        before(async function () {
            engine.warnings.length = 0;
            existingInstanceLogsEnabled = false;
            component = new connect.ConnectInstance("legacy", {
                existingInstanceId: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${EXISTING}`,
                callRecordings: { bucketName: "amazon-connect-legacy-recordings", prefix: "recordings" },
                contactTraceRecords: { existingArn: existingStream },
                contactFlowLogs: {},
                instanceAttributes: { earlyMedia: true },
            });
            g = await graph(component);
        });

        it("declares no instance and no role of its own: it adopts the one Connect gave the instance", function () {
            expect(g.all("aws:connect/instance:Instance")).to.have.length(0);
            expect(g.all(GUARD_TYPE)).to.have.length(0);
            const lookup = engine.invokes.find((i) => i.token === "aws:connect/getInstance:getInstance" && i.inputs.instanceId === EXISTING);
            expect(lookup?.inputs.region).to.equal(REGION);
            const roles = g.all(SLR_TYPE);
            expect(roles).to.have.length(1);
            expect(roles[0].inputs).to.include({ existingRole: roleOf(EXISTING), deletionPolicy: "neverDelete" });
        });

        it("associates storage with the existing instance after its attributes are set", function () {
            const attributes = g.one(ATTRIBUTES_TYPE);
            const recordings = g.one(STORAGE_CONFIG, "legacy-call-recordings");
            expect(recordings.inputs.instanceId).to.equal(EXISTING);
            expect(recordings.inputs.storageConfig.s3Config).to.deep.include({ bucketName: "amazon-connect-legacy-recordings", bucketPrefix: "recordings" });
            expect(recordings.dependencies).to.include(attributes.urn);
            const ctr = g.one(STORAGE_CONFIG, "legacy-contact-trace-records");
            expect(ctr.inputs.storageConfig).to.deep.equal({ storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn: existingStream } });
            expect(g.all("aws:kinesis/stream:Stream")).to.have.length(0);
            expect(g.all("aws:s3/bucket:Bucket")).to.have.length(0);
        });

        it("sets the instance attributes it was given, contact flow logs included", function () {
            const attributes = g.one(ATTRIBUTES_TYPE);
            expect(attributes.inputs.instanceId).to.equal(EXISTING);
            expect(attributes.inputs.attributes).to.deep.equal({ EARLY_MEDIA: true, CONTACTFLOW_LOGS: true });
        });

        it("names the log group after the looked-up alias", function () {
            expect(g.one("aws:cloudwatch/logGroup:LogGroup").inputs.name).to.equal("/aws/connect/legacy-center");
        });

        it("outputs what the lookup found, with the logs the attribute turns on", async function () {
            expect(await valueOf(component.instanceId)).to.equal(EXISTING);
            expect(await valueOf(component.serviceRoleArn)).to.equal(roleOf(EXISTING));
            expect(await valueOf(component.instanceAlias)).to.equal("legacy-center");
            expect(await valueOf(component.contactFlowLogsEnabled)).to.equal(true);
            expect((await valueOf(component.permissionConfig)).contactFlowLogGroup).to.equal("/aws/connect/legacy-center");
        });
    });

    describe("an existing instance in another Region than the provider's", function () {
        const HOME = "eu-central-1";
        const EXISTING = "22222222-3333-4444-5555-666666666666";
        let component: ConnectModule.ConnectInstance;
        let g: Awaited<ReturnType<typeof graph>>;

        before(async function () {
            existingInstanceRegions[EXISTING] = HOME;
            component = new connect.ConnectInstance("faraway", {
                existingInstanceId: `arn:aws:connect:${HOME}:${ACCOUNT}:instance/${EXISTING}`,
                callRecordings: { createBucket: true },
                agentEvents: { create: true },
                lexBots: [{ aliasArn: `arn:aws:lex:${HOME}:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID` }],
                contactFlowLogs: {},
            });
            g = await graph(component);
        });

        it("looks the instance up in the Region of its ARN", function () {
            const lookup = engine.invokes.find((i) => i.token === "aws:connect/getInstance:getInstance" && i.inputs.instanceId === EXISTING);
            expect(lookup?.inputs.region).to.equal(HOME);
        });

        it("creates every child and association in that Region", function () {
            const regional = g.children.filter((c) => c.custom && !c.type.startsWith("pulumi-nodejs:") && c.type !== "aws:iam/role:Role");
            expect(regional.length).to.be.greaterThan(5);
            for (const child of regional) expect(child.inputs.region, `${child.type} ${child.name}`).to.equal(HOME);
        });

        it("builds the permission config and the role check for that Region", async function () {
            expect((await valueOf(component.permissionConfig)).region).to.equal(HOME);
            expect(g.one(CHECK_TYPE).inputs.config.region).to.equal(HOME);
        });
    });

    describe("the service-linked role", function () {
        it("gives each of several instances in one account its own adopted role", async function () {
            const first = new connect.ConnectInstance("tenant-a", { instanceAlias: "tenant-a" });
            const second = new connect.ConnectInstance("tenant-b", { instanceAlias: "tenant-b" });
            const [ga, gb] = [await graph(first), await graph(second)];
            const roleA = ga.one(SLR_TYPE).inputs.existingRole;
            const roleB = gb.one(SLR_TYPE).inputs.existingRole;
            expect(roleA).to.equal(await valueOf(first.serviceRoleArn));
            expect(roleB).to.equal(await valueOf(second.serviceRoleArn));
            expect(roleA).to.not.equal(roleB);
            // Neither touches the roles the account's other instances hold.
            expect(OTHER_ROLES).to.not.include.members([roleA, roleB]);
        });

        it("manages the adopted role's description and tags when given", async function () {
            const component = new connect.ConnectInstance("described", {
                instanceAlias: "described",
                serviceLinkedRole: { description: "Connect: described", tags: { team: "support" } },
            });
            const g = await graph(component);
            expect(g.one(SLR_TYPE).inputs).to.deep.include({ description: "Connect: described", tags: { team: "support" }, deletionPolicy: "neverDelete" });
        });

        it("ensures the account-wide role before the instance when asked (accountWide)", async function () {
            const component = new connect.ConnectInstance("older", { instanceAlias: "older", serviceLinkedRole: { scheme: "accountWide", description: "Connect" } });
            const g = await graph(component);
            const role = g.one(SLR_TYPE);
            expect(role.name).to.equal("older-slr");
            expect(role.inputs.existingRole).to.equal(undefined);
            expect(role.inputs).to.include({ awsServiceName: "connect.amazonaws.com", deletionPolicy: "deleteIfCreated", description: "Connect" });
            expect(g.one("aws:connect/instance:Instance").dependencies).to.include(role.urn);
        });

        it("depends on a ServiceLinkedRole passed in, without declaring another", async function () {
            const role = new roleModule.ServiceLinkedRole("shared-connect-role", { deletionPolicy: "neverDelete" });
            const component = new connect.ConnectInstance("shared", { instanceAlias: "shared-center", serviceLinkedRole: role });
            const g = await graph(component);
            expect(g.all(SLR_TYPE)).to.have.length(0);
            const roleUrn = await valueOf(role.urn);
            expect(g.one("aws:connect/instance:Instance").dependencies).to.include(roleUrn);
            expect(component.serviceLinkedRole).to.equal(role);
        });

        it("declares no role and no check with scheme none", async function () {
            const component = new connect.ConnectInstance("hands-off", { instanceAlias: "hands-off", serviceLinkedRole: { scheme: "none" } });
            const g = await graph(component);
            expect(g.all(SLR_TYPE)).to.have.length(0);
            expect(g.all(CHECK_TYPE)).to.have.length(0);
        });

        it("fails the deployment on missing permissions with check: fail, and skips the check with off", async function () {
            const strict = await graph(new connect.ConnectInstance("check-fail", { instanceAlias: "check-fail", serviceLinkedRole: { check: "fail" } }));
            expect(strict.one(CHECK_TYPE).inputs.warnOnly).to.equal(false);
            const off = await graph(new connect.ConnectInstance("check-off", { instanceAlias: "check-off", serviceLinkedRole: { check: "off" } }));
            expect(off.all(CHECK_TYPE)).to.have.length(0);
        });
    });

    describe("permission gaps", function () {
        it("reports a bucket outside amazon-connect-* as added by Connect at association, not as a gap", async function () {
            engine.warnings.length = 0;
            const component = new connect.ConnectInstance("gap-warn", {
                instanceAlias: "gap-warn",
                callRecordings: { bucketName: "corp-recordings" },
            });
            const gaps = await valueOf(component.managedPolicyGaps);
            await engine.settled();
            expect(gaps.map((g) => g.resource)).to.include("arn:aws:s3:::corp-recordings/connect/gap-warn/CallRecordings/*");
            expect(gaps.every((g) => g.feature === "callRecordings" && g.source === "association")).to.equal(true);
            expect(await valueOf(component.permissionGaps)).to.deep.equal([]);
            expect(engine.warnings.filter((w) => w.startsWith("callRecordings"))).to.deep.equal([]);
        });

        it("accepts strictManagedPolicy for everything Connect or the component grants", async function () {
            const component = new connect.ConnectInstance("gap-strict-ok", {
                instanceAlias: "gap-strict-ok",
                callRecordings: { bucketName: "corp-recordings" },
                agentEvents: { create: true },
                lexBots: [{ aliasArn: LEX_V2_ALIAS_ARN }],
                lambdaFunctions: [{ functionArn: LAMBDA_ARN }],
                strictManagedPolicy: true,
            });
            expect(await valueOf(component.permissionGaps)).to.deep.equal([]);
            await engine.settled();
        });

        it("reports a Lex V2 alias whose resource policy it does not create as a real gap", async function () {
            engine.warnings.length = 0;
            const component = new connect.ConnectInstance("gap-lex", { instanceAlias: "gap-lex", lexBots: [{ aliasArn: LEX_V2_ALIAS_ARN, createResourcePolicy: false }] });
            const g = await graph(component);
            expect(g.all(CLOUD_CONTROL).map((r) => r.inputs.typeName)).to.deep.equal(["AWS::Connect::IntegrationAssociation"]);
            const gaps = await valueOf(component.permissionGaps);
            expect(gaps.map((gap) => [gap.feature, gap.source, gap.resource])).to.deep.equal([["lexV2Bots", "resourcePolicy", LEX_V2_ALIAS_ARN]]);
            expect(engine.warnings.some((w) => w.startsWith("lexBots[0].aliasArn:") && w.includes("lex:RecognizeText"))).to.equal(true);
        });

        it("refuses real gaps at construction under strictManagedPolicy, before registering anything", function () {
            const before = engine.started();
            const otherAccountStream = "arn:aws:kinesis:us-west-2:999988887777:stream/shared-ctr";
            expect(
                () =>
                    new connect.ConnectInstance("gap-strict", {
                        instanceAlias: "gap-strict",
                        accountId: ACCOUNT,
                        region: REGION,
                        lambdaFunctions: [{ functionArn: LAMBDA_ARN, addPermission: false }],
                        contactTraceRecords: { existingArn: otherAccountStream },
                        strictManagedPolicy: true,
                    }),
            ).to.throw(connect.ConnectInstanceArgsError, /contactTraceRecords\.existingArn: .*999988887777.*strictManagedPolicy[\s\S]*lambdaFunctions\[0\]\.functionArn: .*lambda:InvokeFunction/);
            expect(engine.started()).to.equal(before);
        });

        it("checks a resource known only at deployment once it resolves", async function () {
            engine.warnings.length = 0;
            const component = new connect.ConnectInstance("gap-late", {
                instanceAlias: "gap-late",
                lambdaFunctions: [{ functionArn: pulumi.output(LAMBDA_ARN), addPermission: false }],
            });
            const gaps = await valueOf(component.permissionGaps);
            await engine.settled();
            expect(gaps.map((g) => g.resource)).to.deep.equal([LAMBDA_ARN]);
            expect(engine.warnings.some((w) => w.startsWith("lambdaFunctions[0].functionArn:") && w.includes(LAMBDA_ARN))).to.equal(true);
        });
    });

    describe("optional features", function () {
        it("stores the newer S3 storage types, media streams and real-time segments", async function () {
            const component = new connect.ConnectInstance("more-storage", {
                instanceAlias: "more-storage",
                attachments: { createBucket: true },
                contactEvaluations: { createBucket: true },
                emailMessages: { bucketName: "amazon-connect-email" },
                screenRecordings: { createBucket: true, prefix: "screens" },
                mediaStreams: { prefix: "live", retentionHours: 12, kmsKeyArn: KMS_KEY_ARN },
                realTimeVoiceSegments: { create: true, kmsKeyArn: KMS_KEY_ARN },
                realTimeChatSegments: { existingArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/chat-segments` },
                bucket: { kmsKeyArn: KMS_KEY_ARN },
            });
            const g = await graph(component);
            const types = Object.fromEntries(g.all(STORAGE_CONFIG).map((c) => [c.inputs.resourceType, c.inputs.storageConfig]));
            expect(Object.keys(types).sort()).to.deep.equal(
                ["ATTACHMENTS", "CONTACT_EVALUATIONS", "EMAIL_MESSAGES", "MEDIA_STREAMS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "SCREEN_RECORDINGS"].sort(),
            );
            expect(types.SCREEN_RECORDINGS.s3Config.bucketPrefix).to.equal("screens");
            expect(types.EMAIL_MESSAGES.s3Config.bucketName).to.equal("amazon-connect-email");
            expect(types.MEDIA_STREAMS).to.deep.equal({
                storageType: "KINESIS_VIDEO_STREAM",
                kinesisVideoStreamConfig: { prefix: "live", retentionPeriodHours: 12, encryptionConfig: { encryptionType: "KMS", keyId: KMS_KEY_ARN } },
            });
            expect(types.REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS.storageType).to.equal("KINESIS_STREAM");
            expect(g.one("aws:kinesis/stream:Stream").inputs).to.include({ encryptionType: "KMS", kmsKeyId: KMS_KEY_ARN });
            const sse = g.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            expect(sse.inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY_ARN }, bucketKeyEnabled: true }]);
            const config = await valueOf(component.permissionConfig);
            expect(config.screenRecordings).to.deep.equal({ bucket: "amazon-connect-more-storage-20260101", prefix: "screens" });
        });

        it("does not retain a bucket whose objects are to be destroyed with it", async function () {
            const g = await graph(new connect.ConnectInstance("scratch", { instanceAlias: "scratch", callRecordings: { createBucket: true }, bucket: { forceDestroy: true } }));
            expect(g.one("aws:s3/bucket:Bucket").retainOnDelete).to.equal(false);
        });

        it("declares nothing for a feature turned off with enabled: false", async function () {
            const component = new connect.ConnectInstance("minimal", {
                instanceAlias: "minimal",
                callRecordings: { enabled: false },
                agentEvents: { enabled: false },
            });
            const g = await graph(component);
            expect(g.children.map((c) => c.type).sort()).to.deep.equal([SLR_TYPE, CHECK_TYPE, GUARD_TYPE, "aws:connect/instance:Instance"].sort());
            expect(g.one("aws:connect/instance:Instance").inputs.contactFlowLogsEnabled).to.equal(undefined);
            const policy = await valueOf(component.requiredPolicy);
            expect(policy.Statement.map((s) => s.Sid)).to.deep.equal(["ConnectActions"]);
        });

        it("only creates the alias policy and lists the alias when associateLexV2Bots is false", async function () {
            const component = new connect.ConnectInstance("lex-list", {
                instanceAlias: "lex-list",
                lexBots: [{ aliasArn: LEX_V2_ALIAS_ARN }],
                associateLexV2Bots: false,
            });
            const g = await graph(component);
            expect(g.all(CLOUD_CONTROL).map((r) => r.inputs.typeName)).to.deep.equal(["AWS::Lex::ResourcePolicy"]);
            expect((await valueOf(component.permissionConfig)).lexBotArns).to.deep.equal([LEX_V2_ALIAS_ARN]);
        });

        it("uses explicit region, account and partition instead of looking them up", async function () {
            const before = engine.invokes.length;
            const component = new connect.ConnectInstance("explicit", {
                instanceAlias: "explicit",
                region: "eu-west-2",
                accountId: "444455556666",
                partition: "aws",
                contactFlowLogs: { createLogGroup: false },
            });
            const g = await graph(component);
            expect(engine.invokes.slice(before).map((i) => i.token)).to.deep.equal([]);
            expect(g.one("aws:connect/instance:Instance").inputs.region).to.equal("eu-west-2");
            expect(g.all("aws:cloudwatch/logGroup:LogGroup")).to.have.length(0);
            const policy = await valueOf(component.requiredPolicy);
            const resources = policy.Statement.flatMap((s) => s.Resource);
            expect(resources).to.include("arn:aws:logs:eu-west-2:444455556666:log-group:/aws/connect/explicit:*");
        });
    });

    describe("argument errors (thrown at construction, naming the property)", function () {
        const cases: Array<[string, ConnectModule.ConnectInstanceArgs, RegExp]> = [
            ["recordings enabled without a bucket", { instanceAlias: "x", callRecordings: {} }, /callRecordings: is enabled but has no bucket/],
            ["recordings with createBucket false", { instanceAlias: "x", callRecordings: { createBucket: false } }, /callRecordings: is enabled but has no bucket/],
            ["both an existing bucket and createBucket", { instanceAlias: "x", chatTranscripts: { bucketName: "amazon-connect-a", createBucket: true } }, /chatTranscripts: set either bucketName .* not both/],
            ["an invalid bucket name", { instanceAlias: "x", exportedReports: { bucketName: "Bad_Bucket" } }, /exportedReports\.bucketName: must be a valid S3 bucket name/],
            ["a wildcard in a prefix", { instanceAlias: "x", callRecordings: { createBucket: true, prefix: "rec/*" } }, /callRecordings\.prefix: must not contain \*/],
            ["a KMS alias instead of a key ARN", { instanceAlias: "x", callRecordings: { createBucket: true, kmsKeyArn: "alias/connect" } }, /callRecordings\.kmsKeyArn: must be a full KMS key ARN/],
            ["bucket settings with nothing creating a bucket", { instanceAlias: "x", bucket: { forceDestroy: true } }, /bucket: configures the bucket this component creates/],
            [
                "both an existing stream ARN and create",
                { instanceAlias: "x", agentEvents: { existingArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/a`, create: true } },
                /agentEvents: set either existingArn .* not both/,
            ],
            ["a stream enabled without a target", { instanceAlias: "x", contactTraceRecords: {} }, /contactTraceRecords: is enabled but has no stream/],
            ["agent events to Firehose", { instanceAlias: "x", agentEvents: { create: true, type: "firehose" } }, /agentEvents\.type: Connect delivers agentEvents to kinesis streams only/],
            [
                "a Kinesis ARN declared as firehose",
                { instanceAlias: "x", contactTraceRecords: { existingArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/a`, type: "firehose" } },
                /contactTraceRecords\.existingArn: is a kinesis ARN but type is firehose/,
            ],
            ["a stream ARN of another service", { instanceAlias: "x", contactTraceRecords: { existingArn: "arn:aws:sqs:us-west-2:111122223333:q" } }, /contactTraceRecords\.existingArn: must be a Kinesis data stream ARN/],
            [
                "creation settings on an existing stream",
                { instanceAlias: "x", agentEvents: { existingArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/a`, retentionHours: 48 } },
                /agentEvents\.retentionHours: applies only to a stream this component creates/,
            ],
            ["Kinesis retention out of range", { instanceAlias: "x", agentEvents: { create: true, retentionHours: 12 } }, /agentEvents\.retentionHours: must be a whole number of hours from 24 to 8760/],
            ["no alias for a new instance", {}, /instanceAlias: is required to create an instance/],
            ["an invalid alias", { instanceAlias: "d-starts-like-a-directory" }, /instanceAlias: must be 1-45 letters/],
            ["EXISTING_DIRECTORY without a directory", { identityManagementType: "EXISTING_DIRECTORY" }, /directoryId: is required when identityManagementType is EXISTING_DIRECTORY/],
            ["a directory with CONNECT_MANAGED", { instanceAlias: "x", directoryId: "d-1234567890" }, /directoryId: applies only to identityManagementType EXISTING_DIRECTORY/],
            [
                "instance settings with an existing instance",
                { existingInstanceId: INSTANCE_UUID, instanceAlias: "x", inboundCallsEnabled: false },
                /instanceAlias: applies only to an instance this component creates[\s\S]*inboundCallsEnabled: applies only/,
            ],
            [
                "allowInstanceReplacement with an existing instance",
                { existingInstanceId: INSTANCE_UUID, allowInstanceReplacement: true },
                /allowInstanceReplacement: applies only to an instance this component creates/,
            ],
            ["a malformed existing instance id", { existingInstanceId: "instance/abc def" }, /existingInstanceId: must be an instance id or an instance ARN/],
            ["a Lex bot with both a name and an alias ARN", { instanceAlias: "x", lexBots: [{ name: "Bot", aliasArn: LEX_V2_ALIAS_ARN } as never] }, /lexBots\[0\]: must have either name .* or aliasArn/],
            ["a malformed Lex V2 alias ARN", { instanceAlias: "x", lexBots: [{ aliasArn: "arn:aws:lex:us-west-2:111122223333:bot/Old" }] }, /lexBots\[0\]\.aliasArn: must be a Lex V2 bot alias ARN/],
            ["an invalid Lex V1 bot name", { instanceAlias: "x", lexBots: [{ name: "order-flowers" }] }, /lexBots\[0\]\.name: must be a Lex V1 bot name/],
            ["the same Lex bot twice", { instanceAlias: "x", lexBots: [{ name: "Bot" }, { name: "Bot" }] }, /lexBots\[1\]: repeats Lex bot Bot/],
            ["a log retention CloudWatch does not offer", { instanceAlias: "x", contactFlowLogs: { retentionInDays: 42 } }, /contactFlowLogs\.retentionInDays: must be one of/],
            ["a setting of the old role arguments", { instanceAlias: "x", serviceLinkedRole: { existingRole: "AWSServiceRoleForAmazonConnect" } as never }, /serviceLinkedRole\.existingRole: is not a setting of the Connect role/],
            ["an unknown role scheme", { instanceAlias: "x", serviceLinkedRole: { scheme: "shared" as never } }, /serviceLinkedRole\.scheme: must be one of instance, accountWide, none/],
            ["the account-wide scheme for an existing instance", { existingInstanceId: INSTANCE_UUID, serviceLinkedRole: { scheme: "accountWide" } }, /serviceLinkedRole\.scheme: accountWide ensures/],
            ["a deletion policy for the instance's own role", { instanceAlias: "x", serviceLinkedRole: { deletionPolicy: "alwaysDelete" } }, /serviceLinkedRole\.deletionPolicy: applies only to scheme accountWide/],
            ["a region that contradicts the existing instance's ARN", { existingInstanceId: `arn:aws:connect:eu-west-1:${ACCOUNT}:instance/${INSTANCE_UUID}`, region: "us-west-2" }, /region: is us-west-2, but existingInstanceId names an instance in eu-west-1/],
            ["instance attributes for a created instance", { instanceAlias: "x", instanceAttributes: { earlyMedia: true } }, /instanceAttributes: applies only to an existing instance/],
            ["an unknown instance attribute", { existingInstanceId: INSTANCE_UUID, instanceAttributes: { warpDrive: true } as never }, /instanceAttributes\.warpDrive: is not an instance attribute/],
            ["a retained bucket with forceDestroy", { instanceAlias: "x", callRecordings: { createBucket: true }, bucket: { forceDestroy: true, retainOnDelete: true } }, /bucket\.retainOnDelete: contradicts forceDestroy/],
            ["media streams without a key", { instanceAlias: "x", mediaStreams: { prefix: "live" } as never }, /mediaStreams\.kmsKeyArn: is required/],
            ["real-time segments to Firehose", { instanceAlias: "x", realTimeVoiceSegments: { create: true, type: "firehose" } }, /realTimeVoiceSegments\.type: Connect delivers realTimeVoiceSegments to kinesis streams only/],
            ["a Lambda ARN of another service", { instanceAlias: "x", lambdaFunctions: [{ functionArn: "arn:aws:sqs:us-west-2:111122223333:q" }] }, /lambdaFunctions\[0\]\.functionArn: must be a Lambda function ARN/],
            ["an approved origin with a path", { instanceAlias: "x", approvedOrigins: ["https://example.com/app"] }, /approvedOrigins\[0\]: must be an origin/],
            ["three security keys", { instanceAlias: "x", securityKeys: [PEM_KEY, PEM_KEY, PEM_KEY] }, /securityKeys: an instance holds at most 2/],
            ["a security key that is not a PEM public key", { instanceAlias: "x", securityKeys: ["ssh-rsa AAAA"] }, /securityKeys\[0\]: must be a PEM public key/],
            ["a malformed region", { instanceAlias: "x", region: "Oregon" }, /region: must be a Region code/],
        ];

        for (const [title, args, message] of cases) {
            it(`rejects ${title}`, function () {
                const before = engine.started();
                let thrown: unknown;
                try {
                    new connect.ConnectInstance("invalid", args);
                } catch (error) {
                    thrown = error;
                }
                expect(thrown).to.be.instanceOf(connect.ConnectInstanceArgsError);
                const error = thrown as ConnectModule.ConnectInstanceArgsError;
                expect(error.message).to.match(message);
                expect(error.message).to.match(/^ConnectInstance invalid: invalid arguments:/);
                expect(error.failures.length).to.be.greaterThan(0);
                // Nothing was registered: the component fails before its super() call.
                expect(engine.started()).to.equal(before);
            });
        }

        it("lists every problem at once", function () {
            let thrown: ConnectModule.ConnectInstanceArgsError | undefined;
            try {
                new connect.ConnectInstance("many", { callRecordings: {}, agentEvents: {}, contactFlowLogs: { retentionInDays: 2 } });
            } catch (error) {
                thrown = error as ConnectModule.ConnectInstanceArgsError;
            }
            expect(thrown?.failures.map((f) => f.property)).to.deep.equal(["instanceAlias", "agentEvents", "callRecordings", "contactFlowLogs.retentionInDays"]);
        });
    });
});
