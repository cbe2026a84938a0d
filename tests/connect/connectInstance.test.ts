/**
 * ConnectInstance under Pulumi mocks: the child resources it declares, their inputs, parents and
 * dependencies, its outputs, and the argument errors it throws before registering anything.
 *
 * The mock monitor only hands `newResource` the type, name and inputs, so the suite also wraps the
 * monitor's `registerResource` to read the parent URN and the dependency URNs the SDK sends.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type * as ConnectModule from "../../provider/connect/connectInstance";
import type * as RoleModule from "../../provider/iam/serviceLinkedRole";

const ACCOUNT = "111122223333";
const REGION = "us-west-2";
const INSTANCE_UUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${INSTANCE_UUID}`;
const SERVICE_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_abc123`;
const LEX_V2_ALIAS_ARN = `arn:aws:lex:${REGION}:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
const KMS_KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const COMPONENT_TYPE = "service-linked-role:connect:ConnectInstance";
const SLR_TYPE = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";

/** One resource registration as the SDK sent it to the (mock) engine. */
interface Registration {
    type: string;
    name: string;
    urn: string;
    parent: string;
    custom: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    inputs: Record<string, any>;
}

const registrations: Registration[] = [];
const invokes: Array<{ token: string; inputs: Record<string, any> }> = [];
const warnings: string[] = [];
let pending = 0;
/** What the mocked `aws.connect.getInstance` reports for contact flow logs. */
let existingInstanceLogsEnabled = false;

/** Cloud-assigned outputs for each resource type, the way the real providers would fill them. */
function mockState(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, any> } {
    switch (type) {
        case "aws:connect/instance:Instance":
            return {
                id: INSTANCE_UUID,
                state: { ...inputs, arn: INSTANCE_ARN, serviceRole: SERVICE_ROLE_ARN, contactFlowLogsEnabled: inputs.contactFlowLogsEnabled ?? false },
            };
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
        case SLR_TYPE:
            return {
                id: "AWSServiceRoleForAmazonConnect",
                state: {
                    ...inputs,
                    roleName: "AWSServiceRoleForAmazonConnect",
                    arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect`,
                    ownership: "adopted",
                },
            };
        default:
            return { id: `${name}-id`, state: inputs };
    }
}

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => mockState(args.type, args.name, args.inputs),
    call: (args) => {
        invokes.push({ token: args.token, inputs: args.inputs });
        switch (args.token) {
            case "aws:index/getRegion:getRegion":
                return { region: REGION, name: REGION, id: REGION };
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/deployer`, userId: "AIDAEXAMPLE", id: ACCOUNT };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            case "aws:connect/getInstance:getInstance":
                return {
                    id: args.inputs.instanceId,
                    instanceId: args.inputs.instanceId,
                    arn: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${args.inputs.instanceId}`,
                    instanceAlias: "legacy-center",
                    serviceRole: SERVICE_ROLE_ARN,
                    contactFlowLogsEnabled: existingInstanceLogsEnabled,
                };
            default:
                throw new Error(`unexpected invoke ${args.token}`);
        }
    },
};

/** Wraps the mock monitor so that every registration's parent and dependencies are recorded. */
function recordRegistrations(): void {
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
        pending++;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const entry: Omit<Registration, "urn" | "inputs"> = {
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            dependencies: req.getDependenciesList(),
            propertyDependencies,
        };
        const inputs = req.getObject()?.toJavaScript() ?? {};
        register(req, (err: any, resp: any) => {
            if (!err) registrations.push({ ...entry, urn: resp.getUrn(), inputs });
            pending--;
            callback(err, resp);
        });
    };
}

/** Resolves an output's value (the mocks make every value known). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** Waits until every registration the program started has reached the mock engine. */
async function settle(): Promise<void> {
    let quietTicks = 0;
    let seen = -1;
    while (quietTicks < 5) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (pending === 0 && registrations.length === seen) quietTicks++;
        else quietTicks = 0;
        seen = registrations.length;
    }
}

/** The component's URN and its direct children, once everything has registered. */
async function graph(component: pulumi.ComponentResource) {
    await valueOf((component as ConnectModule.ConnectInstance).managedPolicyGaps);
    await settle();
    const urn = await valueOf(component.urn);
    const children = registrations.filter((r) => r.parent === urn);
    const one = (type: string, name?: string) => {
        const found = children.filter((r) => r.type === type && (name === undefined || r.name === name));
        expect(found, `${type} ${name ?? ""}`).to.have.length(1);
        return found[0];
    };
    return { urn, children, one, all: (type: string) => children.filter((r) => r.type === type) };
}

describe("ConnectInstance (Pulumi mocks)", function () {
    let connect: typeof ConnectModule;
    let roleModule: typeof RoleModule;
    let originalWarn: typeof pulumi.log.warn;

    before(async function () {
        await pulumi.runtime.setMocks(mocks, "project", "stack", false);
        recordRegistrations();
        originalWarn = pulumi.log.warn;
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (message: string) => {
            warnings.push(message);
        };
        // The modules capture the runtime settings when they load, so they load after setMocks.
        connect = await import("../../provider/connect/connectInstance");
        roleModule = await import("../../provider/iam/serviceLinkedRole");
    });

    after(async function () {
        await settle();
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = originalWarn;
    });

    describe("a new instance with every feature", function () {
        let component: ConnectModule.ConnectInstance;
        let g: Awaited<ReturnType<typeof graph>>;

        before(async function () {
            warnings.length = 0;
            component = new connect.ConnectInstance("full", {
                instanceAlias: "acme-support",
                callRecordings: { createBucket: true, kmsKeyArn: KMS_KEY_ARN },
                chatTranscripts: { createBucket: true, prefix: "chats" },
                exportedReports: { createBucket: true },
                agentEvents: { create: true, retentionHours: 48 },
                contactTraceRecords: { create: true, type: "firehose" },
                lexBots: [{ name: "OrderFlowers", region: "us-east-1" }, { aliasArn: LEX_V2_ALIAS_ARN }],
                contactFlowLogs: { retentionInDays: 30 },
                tags: { team: "support" },
            });
            g = await graph(component);
        });

        it("registers the component with its type token", function () {
            expect(g.urn).to.equal(`urn:pulumi:stack::project::${COMPONENT_TYPE}::full`);
        });

        it("parents every child to the component", function () {
            const types = g.children.map((c) => c.type).sort();
            expect(types).to.deep.equal(
                [
                    SLR_TYPE,
                    "aws:cloudcontrol/resource:Resource",
                    "aws:cloudwatch/logGroup:LogGroup",
                    "aws:connect/botAssociation:BotAssociation",
                    "aws:connect/instance:Instance",
                    ...Array(5).fill("aws:connect/instanceStorageConfig:InstanceStorageConfig"),
                    "aws:iam/role:Role",
                    "aws:iam/rolePolicy:RolePolicy",
                    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
                    "aws:kinesis/stream:Stream",
                    "aws:s3/bucket:Bucket",
                ].sort(),
            );
            for (const child of g.children) {
                expect(child.urn, child.name).to.match(new RegExp(`::${COMPONENT_TYPE.replace(/[$]/g, "\\$")}\\$${child.type.replace(/[$]/g, "\\$")}::${child.name}$`));
            }
        });

        it("ensures Connect's service-linked role, adopting it, deleted only if created", function () {
            const role = g.one(SLR_TYPE);
            expect(role.name).to.equal("full-slr");
            expect(role.inputs.awsServiceName).to.equal("connect.amazonaws.com");
            expect(role.inputs.deletionPolicy).to.equal("deleteIfCreated");
        });

        it("creates the instance after the role and the log group", function () {
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
            expect(instance.dependencies).to.include(g.one(SLR_TYPE).urn);
            expect(instance.dependencies).to.include(g.one("aws:cloudwatch/logGroup:LogGroup").urn);
        });

        it("creates the contact flow log group /aws/connect/<alias> with the retention", function () {
            const logGroup = g.one("aws:cloudwatch/logGroup:LogGroup");
            expect(logGroup.inputs).to.include({ name: "/aws/connect/acme-support", retentionInDays: 30 });
        });

        it("creates one bucket, named inside the managed policy's amazon-connect-* pattern", function () {
            const bucket = g.one("aws:s3/bucket:Bucket");
            expect(bucket.inputs.bucketPrefix).to.equal("amazon-connect-full-");
            expect(bucket.inputs.forceDestroy).to.equal(false);
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

        it("associates the Lex V1 bot with BotAssociation and the V2 alias through Cloud Control", function () {
            const instance = g.one("aws:connect/instance:Instance");
            const v1 = g.one("aws:connect/botAssociation:BotAssociation");
            expect(v1.name).to.equal("full-lex-OrderFlowers-us-east-1");
            expect(v1.inputs.instanceId).to.equal(INSTANCE_UUID);
            expect(v1.inputs.lexBot).to.deep.equal({ name: "OrderFlowers", lexRegion: "us-east-1" });
            expect(v1.dependencies).to.include(instance.urn);
            const v2 = g.one("aws:cloudcontrol/resource:Resource");
            expect(v2.inputs.typeName).to.equal("AWS::Connect::IntegrationAssociation");
            expect(JSON.parse(v2.inputs.desiredState)).to.deep.equal({ InstanceId: INSTANCE_ARN, IntegrationType: "LEX_BOT", IntegrationArn: LEX_V2_ALIAS_ARN });
            expect(v2.dependencies).to.include(instance.urn);
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
                contactFlowLogGroup: "/aws/connect/acme-support",
            });
            const policy = await valueOf(component.requiredPolicy);
            expect(policy.Version).to.equal("2012-10-17");
            const resources = policy.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
            expect(resources).to.include("arn:aws:s3:::amazon-connect-full-20260101/connect/acme-support/CallRecordings/*");
            expect(resources).to.include(`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/connect/acme-support:*`);
            expect(resources).to.include(LEX_V2_ALIAS_ARN);
            expect(invokes.map((i) => i.token)).to.include.members([
                "aws:index/getRegion:getRegion",
                "aws:index/getCallerIdentity:getCallerIdentity",
                "aws:index/getPartition:getPartition",
            ]);
        });

        it("reports the streams and bots as managed-policy gaps, not the amazon-connect-* bucket or the log group", async function () {
            const gaps = await valueOf(component.managedPolicyGaps);
            const features = [...new Set(gaps.map((g) => g.feature))].sort();
            expect(features).to.deep.equal(["firehoseStreams", "kinesisStreams", "lexBots"]);
            expect(warnings.some((w) => w.startsWith("agentEvents.create:") && w.includes("kinesis:PutRecord"))).to.equal(true);
            expect(warnings.some((w) => w.startsWith("contactTraceRecords.create:") && w.includes("firehose:PutRecord"))).to.equal(true);
            expect(warnings.some((w) => w.startsWith("lexBots[0]:"))).to.equal(true);
            // Stand-in ARNs used before the cloud names the stream never reach a message.
            expect(warnings.join("\n")).to.not.include("000000000000");
        });
    });

    describe("an existing instance", function () {
        let component: ConnectModule.ConnectInstance;
        let g: Awaited<ReturnType<typeof graph>>;
        const existingStream = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/ctr-feed`;

        before(async function () {
            warnings.length = 0;
            existingInstanceLogsEnabled = false;
            component = new connect.ConnectInstance("legacy", {
                existingInstanceId: `arn:aws:connect:${REGION}:${ACCOUNT}:instance/11111111-2222-3333-4444-555555555555`,
                callRecordings: { bucketName: "amazon-connect-legacy-recordings", prefix: "recordings" },
                contactTraceRecords: { existingArn: existingStream },
                contactFlowLogs: {},
            });
            g = await graph(component);
        });

        it("declares no instance and looks the existing one up by id", function () {
            expect(g.all("aws:connect/instance:Instance")).to.have.length(0);
            const lookup = invokes.find((i) => i.token === "aws:connect/getInstance:getInstance");
            expect(lookup?.inputs.instanceId).to.equal("11111111-2222-3333-4444-555555555555");
        });

        it("associates storage with the existing instance after the role", function () {
            const role = g.one(SLR_TYPE);
            const recordings = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", "legacy-call-recordings");
            expect(recordings.inputs.instanceId).to.equal("11111111-2222-3333-4444-555555555555");
            expect(recordings.inputs.storageConfig.s3Config).to.deep.include({ bucketName: "amazon-connect-legacy-recordings", bucketPrefix: "recordings" });
            expect(recordings.dependencies).to.include(role.urn);
            const ctr = g.one("aws:connect/instanceStorageConfig:InstanceStorageConfig", "legacy-contact-trace-records");
            expect(ctr.inputs.storageConfig).to.deep.equal({ storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn: existingStream } });
            expect(g.all("aws:kinesis/stream:Stream")).to.have.length(0);
            expect(g.all("aws:s3/bucket:Bucket")).to.have.length(0);
        });

        it("names the log group after the looked-up alias", function () {
            expect(g.one("aws:cloudwatch/logGroup:LogGroup").inputs.name).to.equal("/aws/connect/legacy-center");
        });

        it("outputs what the lookup found, and warns that it cannot turn the logs on", async function () {
            expect(await valueOf(component.instanceId)).to.equal("11111111-2222-3333-4444-555555555555");
            expect(await valueOf(component.serviceRoleArn)).to.equal(SERVICE_ROLE_ARN);
            expect(await valueOf(component.instanceAlias)).to.equal("legacy-center");
            expect(await valueOf(component.contactFlowLogsEnabled)).to.equal(false);
            expect(warnings.some((w) => w.startsWith("contactFlowLogs:") && w.includes("UpdateInstanceAttribute"))).to.equal(true);
            expect((await valueOf(component.permissionConfig)).contactFlowLogGroup).to.equal("/aws/connect/legacy-center");
        });
    });

    describe("the service-linked role", function () {
        it("depends on a ServiceLinkedRole passed in, without declaring another", async function () {
            const role = new roleModule.ServiceLinkedRole("shared-connect-role", { deletionPolicy: "neverDelete" });
            const component = new connect.ConnectInstance("shared", { instanceAlias: "shared-center", serviceLinkedRole: role });
            const g = await graph(component);
            expect(g.all(SLR_TYPE)).to.have.length(0);
            const roleUrn = await valueOf(role.urn);
            expect(g.one("aws:connect/instance:Instance").dependencies).to.include(roleUrn);
            expect(component.serviceLinkedRole).to.equal(role);
        });

        it("passes role settings through to the role it declares", async function () {
            const component = new connect.ConnectInstance("adopt", {
                instanceAlias: "adopt-center",
                serviceLinkedRole: { existingRole: "AWSServiceRoleForAmazonConnect_abc123", deletionPolicy: "neverDelete", description: "Connect" },
            });
            const g = await graph(component);
            expect(g.one(SLR_TYPE).inputs).to.include({
                awsServiceName: "connect.amazonaws.com",
                existingRole: "AWSServiceRoleForAmazonConnect_abc123",
                deletionPolicy: "neverDelete",
                description: "Connect",
            });
        });
    });

    describe("managed-policy gaps", function () {
        it("warns, naming the property, about a bucket outside amazon-connect-*", async function () {
            warnings.length = 0;
            const component = new connect.ConnectInstance("gap-warn", {
                instanceAlias: "gap-warn",
                callRecordings: { bucketName: "corp-recordings" },
            });
            const gaps = await valueOf(component.managedPolicyGaps);
            await settle();
            expect(gaps.map((g) => g.resource)).to.include("arn:aws:s3:::corp-recordings/connect/gap-warn/CallRecordings/*");
            expect(gaps.every((g) => g.feature === "callRecordings")).to.equal(true);
            const warning = warnings.find((w) => w.startsWith("callRecordings.bucketName:"));
            expect(warning).to.include("corp-recordings").and.include("s3:PutObject");
        });

        it("throws at construction under strictManagedPolicy, before registering anything", function () {
            const before = registrations.length + pending;
            expect(
                () =>
                    new connect.ConnectInstance("gap-strict", {
                        instanceAlias: "gap-strict",
                        callRecordings: { bucketName: "corp-recordings" },
                        strictManagedPolicy: true,
                    }),
            )
                .to.throw(connect.ConnectInstanceArgsError, /callRecordings\.bucketName: .*corp-recordings.*strictManagedPolicy/s);
            expect(registrations.length + pending).to.equal(before);
        });

        it("accepts strictManagedPolicy when every resource is covered", async function () {
            const component = new connect.ConnectInstance("gap-none", {
                instanceAlias: "gap-none",
                callRecordings: { createBucket: true },
                chatTranscripts: { bucketName: "amazon-connect-chats" },
                contactFlowLogs: {},
                strictManagedPolicy: true,
            });
            expect(await valueOf(component.managedPolicyGaps)).to.deep.equal([]);
            await settle();
        });

        it("checks a bucket name known only at deployment once it resolves", async function () {
            warnings.length = 0;
            const component = new connect.ConnectInstance("gap-late", {
                instanceAlias: "gap-late",
                exportedReports: { bucketName: pulumi.output("corp-reports"), prefix: "reports" },
            });
            const gaps = await valueOf(component.managedPolicyGaps);
            await settle();
            expect(gaps.map((g) => g.resource)).to.include("arn:aws:s3:::corp-reports/reports/*");
            expect(warnings.some((w) => w.startsWith("exportedReports.bucketName:") && w.includes("corp-reports"))).to.equal(true);
        });
    });

    describe("optional features", function () {
        it("declares nothing for a feature turned off with enabled: false", async function () {
            const component = new connect.ConnectInstance("minimal", {
                instanceAlias: "minimal",
                callRecordings: { enabled: false },
                agentEvents: { enabled: false },
            });
            const g = await graph(component);
            expect(g.children.map((c) => c.type).sort()).to.deep.equal([SLR_TYPE, "aws:connect/instance:Instance"].sort());
            expect(g.one("aws:connect/instance:Instance").inputs.contactFlowLogsEnabled).to.equal(undefined);
            const policy = await valueOf(component.requiredPolicy);
            expect(policy.Statement.map((s) => s.Sid)).to.deep.equal(["ConnectActions"]);
        });

        it("only lists Lex V2 aliases in the permissions when associateLexV2Bots is false", async function () {
            const component = new connect.ConnectInstance("lex-list", {
                instanceAlias: "lex-list",
                lexBots: [{ aliasArn: LEX_V2_ALIAS_ARN }],
                associateLexV2Bots: false,
            });
            const g = await graph(component);
            expect(g.all("aws:cloudcontrol/resource:Resource")).to.have.length(0);
            expect((await valueOf(component.permissionConfig)).lexBotArns).to.deep.equal([LEX_V2_ALIAS_ARN]);
        });

        it("uses explicit region, account and partition instead of looking them up", async function () {
            const before = invokes.length;
            const component = new connect.ConnectInstance("explicit", {
                instanceAlias: "explicit",
                region: "eu-west-2",
                accountId: "444455556666",
                partition: "aws",
                contactFlowLogs: { createLogGroup: false },
            });
            const g = await graph(component);
            expect(invokes.slice(before).map((i) => i.token)).to.deep.equal([]);
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
            ["a malformed existing instance id", { existingInstanceId: "instance/abc def" }, /existingInstanceId: must be an instance id or an instance ARN/],
            ["a Lex bot with both a name and an alias ARN", { instanceAlias: "x", lexBots: [{ name: "Bot", aliasArn: LEX_V2_ALIAS_ARN } as never] }, /lexBots\[0\]: must have either name .* or aliasArn/],
            ["a malformed Lex V2 alias ARN", { instanceAlias: "x", lexBots: [{ aliasArn: "arn:aws:lex:us-west-2:111122223333:bot/Old" }] }, /lexBots\[0\]\.aliasArn: must be a Lex V2 bot alias ARN/],
            ["an invalid Lex V1 bot name", { instanceAlias: "x", lexBots: [{ name: "order-flowers" }] }, /lexBots\[0\]\.name: must be a Lex V1 bot name/],
            ["the same Lex bot twice", { instanceAlias: "x", lexBots: [{ name: "Bot" }, { name: "Bot" }] }, /lexBots\[1\]: repeats Lex bot Bot/],
            ["a log retention CloudWatch does not offer", { instanceAlias: "x", contactFlowLogs: { retentionInDays: 42 } }, /contactFlowLogs\.retentionInDays: must be one of/],
            ["a role for another service", { instanceAlias: "x", serviceLinkedRole: { awsServiceName: "lex.amazonaws.com" } }, /serviceLinkedRole\.awsServiceName: must be connect\.amazonaws\.com/],
            ["a malformed region", { instanceAlias: "x", region: "Oregon" }, /region: must be a Region code/],
        ];

        for (const [title, args, message] of cases) {
            it(`rejects ${title}`, function () {
                const before = registrations.length + pending;
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
                expect(registrations.length + pending).to.equal(before);
            });
        }

        it("lists every problem at once", function () {
            let thrown: ConnectModule.ConnectInstanceArgsError | undefined;
            try {
                new connect.ConnectInstance("many", { callRecordings: {}, agentEvents: {}, contactFlowLogs: { retentionInDays: 2 } });
            } catch (error) {
                thrown = error as ConnectModule.ConnectInstanceArgsError;
            }
            expect(thrown?.failures.map((f) => f.property)).to.deep.equal(["instanceAlias", "callRecordings", "agentEvents", "contactFlowLogs.retentionInDays"]);
        });
    });
});
