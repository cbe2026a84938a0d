import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FeatureContext, TargetOutput } from "./featureContext";
import type { ConnectStorageConfigs } from "./args";
import { kebab } from "../plan/common";
import { PlannedStream, STREAM_FEATURES, StreamFeature } from "../plan/streamsPlan";

/**
 * The streaming area of a ConnectInstance: agent events, contact trace records and Contact Lens
 * real-time segments, to existing streams or to streams it creates (always encrypted).
 */
export class ConnectStreams extends pulumi.ComponentResource {
    /** Created Kinesis data streams, by feature. */
    public readonly kinesisStreams: Partial<Record<StreamFeature, aws.kinesis.Stream>> = {};
    /** The created Firehose delivery stream for contact trace records. */
    public readonly firehoseStream?: aws.kinesis.FirehoseDeliveryStream;
    /** The role a created Firehose stream delivers to S3 with. */
    public readonly firehoseRole?: aws.iam.Role;
    /** Storage associations, by feature. */
    public readonly storageConfigs: ConnectStorageConfigs = {};
    /** The stream targets, for the permission outputs. */
    public readonly targets: TargetOutput[] = [];

    /** `bucket` is the storage area's bucket, the default destination of a created Firehose stream. */
    constructor(ctx: FeatureContext, streams: PlannedStream[], bucket: aws.s3.Bucket | undefined, opts?: pulumi.ComponentResourceOptions) {
        super("service-linked-role:connect:ConnectStreams", `${ctx.name}-streams`, {}, opts);
        for (const stream of streams) {
            const arn = this.streamArn(ctx, stream, bucket);
            this.associate(ctx, stream, arn);
        }
        this.registerOutputs({});
    }

    /** The ARN of the stream the feature delivers to, creating the stream if asked. */
    private streamArn(ctx: FeatureContext, stream: PlannedStream, bucket: aws.s3.Bucket | undefined): pulumi.Input<string> {
        if (!stream.create) return stream.args.existingArn!;
        if (stream.type === "kinesis") {
            const created = new aws.kinesis.Stream(
                `${ctx.name}-${kebab(stream.feature)}-stream`,
                {
                    name: stream.args.name,
                    streamModeDetails: { streamMode: "ON_DEMAND" },
                    retentionPeriod: stream.args.retentionHours ?? 24,
                    // Server-side encryption at rest, with the AWS-managed key unless one is given.
                    encryptionType: "KMS",
                    kmsKeyId: stream.args.kmsKeyArn ?? "alias/aws/kinesis",
                    region: ctx.region,
                    tags: ctx.tags,
                },
                { parent: this },
            );
            this.kinesisStreams[stream.feature] = created;
            return created.arn;
        }
        const firehose = this.createFirehose(ctx, stream, stream.args.firehoseDestinationBucketArn ?? bucket!.arn);
        return firehose.arn;
    }

    private associate(ctx: FeatureContext, stream: PlannedStream, arn: pulumi.Input<string>): void {
        this.storageConfigs[stream.feature] = new aws.connect.InstanceStorageConfig(
            `${ctx.name}-${kebab(stream.feature)}`,
            {
                instanceId: ctx.instanceId,
                resourceType: STREAM_FEATURES[stream.feature].resourceType,
                storageConfig:
                    stream.type === "kinesis"
                        ? { storageType: "KINESIS_STREAM", kinesisStreamConfig: { streamArn: arn } }
                        : { storageType: "KINESIS_FIREHOSE", kinesisFirehoseConfig: { firehoseArn: arn } },
                region: ctx.region,
            },
            { parent: this, dependsOn: ctx.attached },
        );
        const field = stream.type === "kinesis" ? "kinesisStreamArns" : "firehoseStreamArns";
        this.targets.push({ planned: stream.target, fragment: pulumi.output(arn).apply((a) => ({ [field]: [a] })) });
    }

    /** A Firehose stream delivering to S3, with the role it delivers with. */
    private createFirehose(ctx: FeatureContext, stream: PlannedStream, bucketArn: pulumi.Input<string>): aws.kinesis.FirehoseDeliveryStream {
        const childName = `${ctx.name}-ctr-firehose`;
        const role = new aws.iam.Role(childName, { assumeRolePolicy: firehoseTrustPolicy(ctx.account), tags: ctx.tags }, { parent: this });
        const policy = new aws.iam.RolePolicy(childName, { role: role.id, policy: firehoseAccessPolicy(bucketArn) }, { parent: this });
        const prefix = stream.args.firehoseDestinationPrefix ?? `connect/${ctx.fallbackAlias}/${STREAM_FEATURES[stream.feature].folder}/`;
        const kmsKeyArn = stream.args.kmsKeyArn;
        const created = new aws.kinesis.FirehoseDeliveryStream(
            childName,
            {
                name: stream.args.name,
                destination: "extended_s3",
                extendedS3Configuration: { roleArn: role.arn, bucketArn, prefix },
                serverSideEncryption: kmsKeyArn === undefined ? { enabled: true, keyType: "AWS_OWNED_CMK" } : { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: kmsKeyArn },
                region: ctx.region,
                tags: ctx.tags,
            },
            // Firehose checks the role's access when the stream is created.
            { parent: this, dependsOn: [policy] },
        );
        Object.assign(this, { firehoseStream: created, firehoseRole: role });
        return created;
    }
}

/**
 * Firehose passes the account id as the external id; requiring it stops another account's stream
 * from using this role (the confused-deputy problem).
 */
function firehoseTrustPolicy(account: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": account } } },
        ],
    });
}

function firehoseAccessPolicy(bucketArn: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:PutObject"],
                Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
            },
        ],
    });
}
