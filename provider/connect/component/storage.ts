import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FeatureContext, TargetOutput } from "./featureContext";
import type { ConnectStorageConfigs } from "./args";
import { kebab } from "../plan/common";
import { defaultBucketPrefix, PlannedS3, S3_FEATURES, StoragePlan } from "../plan/storagePlan";

/**
 * The storage area of a ConnectInstance: the bucket it creates (private, TLS-only, encrypted by
 * default, retained on delete unless `forceDestroy`), the S3 storage associations, and live media
 * streaming to Kinesis Video.
 */
export class ConnectStorage extends pulumi.ComponentResource {
    /** The bucket, when a feature asked for it. */
    public readonly bucket?: aws.s3.Bucket;
    /** Storage associations, by feature. */
    public readonly storageConfigs: ConnectStorageConfigs = {};
    /** The S3 targets, for the permission outputs. */
    public readonly targets: TargetOutput[] = [];

    constructor(ctx: FeatureContext, plan: StoragePlan, opts?: pulumi.ComponentResourceOptions) {
        super("service-linked-role:connect:ConnectStorage", `${ctx.name}-storage`, {}, opts);
        if (plan.bucket) this.bucket = this.createBucket(ctx, plan.bucket);
        for (const s3 of plan.s3) this.associateS3(ctx, s3);
        if (plan.mediaStreams) this.associateMediaStreams(ctx, plan.mediaStreams);
        this.registerOutputs({});
    }

    /** The bucket with its public access block, default encryption and TLS-only policy. */
    private createBucket(ctx: FeatureContext, settings: NonNullable<StoragePlan["bucket"]>): aws.s3.Bucket {
        const opts = { parent: this };
        const bucket = new aws.s3.Bucket(
            `${ctx.name}-bucket`,
            {
                bucket: settings.name,
                bucketPrefix: settings.name === undefined ? defaultBucketPrefix(ctx.name) : undefined,
                forceDestroy: settings.forceDestroy ?? false,
                region: ctx.region,
                tags: ctx.tags,
            },
            { parent: this, retainOnDelete: settings.retainOnDelete },
        );
        const access = new aws.s3.BucketPublicAccessBlock(
            `${ctx.name}-bucket`,
            { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, region: ctx.region },
            opts,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${ctx.name}-bucket`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        applyServerSideEncryptionByDefault:
                            settings.kmsKeyArn === undefined ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: settings.kmsKeyArn },
                        // A bucket key cuts KMS requests (and cost) for the many small objects Connect writes.
                        bucketKeyEnabled: settings.kmsKeyArn !== undefined,
                    },
                ],
                region: ctx.region,
            },
            opts,
        );
        // The public access block goes first: with BlockPublicPolicy S3 then vets the policy.
        new aws.s3.BucketPolicy(`${ctx.name}-bucket`, { bucket: bucket.id, policy: tlsOnlyPolicy(bucket.arn), region: ctx.region }, { parent: this, dependsOn: [access] });
        return bucket;
    }

    private associateS3(ctx: FeatureContext, s3: PlannedS3): void {
        const bucketName: pulumi.Input<string> = s3.createBucket ? this.bucket!.bucket : s3.args.bucketName!;
        const kmsKeyArn = s3.args.kmsKeyArn;
        this.storageConfigs[s3.feature] = new aws.connect.InstanceStorageConfig(
            `${ctx.name}-${kebab(s3.feature)}`,
            {
                instanceId: ctx.instanceId,
                resourceType: S3_FEATURES[s3.feature].resourceType,
                storageConfig: {
                    storageType: "S3",
                    s3Config: { bucketName, bucketPrefix: s3.prefix, encryptionConfig: kmsKeyArn === undefined ? undefined : { encryptionType: "KMS", keyId: kmsKeyArn } },
                },
                region: ctx.region,
            },
            { parent: this, dependsOn: ctx.attached },
        );
        const prefix = s3.prefix;
        this.targets.push({ planned: s3.target, fragment: pulumi.output(bucketName).apply((bucket) => ({ [s3.feature]: { bucket, prefix } })) });
    }

    private associateMediaStreams(ctx: FeatureContext, settings: NonNullable<StoragePlan["mediaStreams"]>): void {
        this.storageConfigs.mediaStreams = new aws.connect.InstanceStorageConfig(
            `${ctx.name}-media-streams`,
            {
                instanceId: ctx.instanceId,
                resourceType: "MEDIA_STREAMS",
                storageConfig: {
                    storageType: "KINESIS_VIDEO_STREAM",
                    kinesisVideoStreamConfig: {
                        prefix: settings.prefix,
                        retentionPeriodHours: settings.retentionHours,
                        encryptionConfig: { encryptionType: "KMS", keyId: settings.kmsKeyArn },
                    },
                },
                region: ctx.region,
            },
            { parent: this, dependsOn: ctx.attached },
        );
    }
}

/** Denies every request to the bucket that does not use TLS. */
export function tlsOnlyPolicy(bucketArn: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [bucketArn, pulumi.interpolate`${bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    });
}
