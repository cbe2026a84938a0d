import type { ConnectBucketArgs, ConnectInstanceArgs, ConnectMediaStreamsArgs, ConnectS3StorageArgs } from "../component/args";
import { bucketNameProblem, kmsKeyCheck, plain, PlanContext, PlannedTarget, prefixProblem } from "./common";

// Planning of the storage area: S3 features, the created bucket, live media streaming.

export type S3Feature = "callRecordings" | "chatTranscripts" | "exportedReports" | "attachments" | "contactEvaluations" | "emailMessages" | "screenRecordings";

/** Each S3 feature's storage resource type and the folder the Connect console would use. */
export const S3_FEATURES: Record<S3Feature, { resourceType: string; folder: string }> = {
    callRecordings: { resourceType: "CALL_RECORDINGS", folder: "CallRecordings" },
    chatTranscripts: { resourceType: "CHAT_TRANSCRIPTS", folder: "ChatTranscripts" },
    exportedReports: { resourceType: "SCHEDULED_REPORTS", folder: "Reports" },
    attachments: { resourceType: "ATTACHMENTS", folder: "Attachments" },
    contactEvaluations: { resourceType: "CONTACT_EVALUATIONS", folder: "ContactEvaluations" },
    emailMessages: { resourceType: "EMAIL_MESSAGES", folder: "EmailMessages" },
    screenRecordings: { resourceType: "SCREEN_RECORDINGS", folder: "ScreenRecordings" },
};

/** Prefix of generated bucket names: the AWS-managed policy grants Connect `amazon-connect-*`. */
const MANAGED_BUCKET_PREFIX = "amazon-connect-";

export interface PlannedS3 {
    feature: S3Feature;
    args: ConnectS3StorageArgs;
    createBucket: boolean;
    prefix: string;
    target: PlannedTarget;
}

export interface StoragePlan {
    s3: PlannedS3[];
    /** Set when a feature (or a created Firehose stream) needs the component's bucket. */
    bucket?: ConnectBucketArgs & { retainOnDelete: boolean };
    mediaStreams?: ConnectMediaStreamsArgs & { retentionHours: number };
}

/** Plans the S3 features and media streaming; `firehoseNeedsBucket` comes from the streams plan. */
export function planStorage(args: ConnectInstanceArgs, ctx: PlanContext, firehoseNeedsBucket: boolean): StoragePlan {
    const s3 = (Object.keys(S3_FEATURES) as S3Feature[]).flatMap((feature) => {
        const planned = planS3Feature(feature, args, ctx);
        return planned ? [planned] : [];
    });
    const needsBucket = firehoseNeedsBucket || s3.some((s) => s.createBucket);
    return { s3, bucket: planBucket(args.bucket, needsBucket, ctx), mediaStreams: planMediaStreams(args.mediaStreams, ctx) };
}

function planS3Feature(feature: S3Feature, args: ConnectInstanceArgs, ctx: PlanContext): PlannedS3 | undefined {
    const settings = args[feature];
    if (settings === undefined || settings.enabled === false) return undefined;
    const createBucket = settings.createBucket === true;
    if (settings.bucketName !== undefined && createBucket) {
        ctx.fail(feature, "set either bucketName (an existing bucket) or createBucket: true, not both");
    } else if (settings.bucketName === undefined && !createBucket) {
        ctx.fail(feature, "is enabled but has no bucket: set bucketName to an existing bucket or createBucket: true (or enabled: false)");
    }
    if (plain(settings.bucketName)) {
        const problem = bucketNameProblem(settings.bucketName);
        if (problem) ctx.fail(`${feature}.bucketName`, problem);
    }
    if (settings.prefix !== undefined) {
        const problem = prefixProblem(settings.prefix);
        if (problem) ctx.fail(`${feature}.prefix`, problem);
    }
    kmsKeyCheck(settings.kmsKeyArn, `${feature}.kmsKeyArn`, ctx.fail);
    const prefix = settings.prefix ?? `connect/${ctx.alias ?? ctx.name}/${S3_FEATURES[feature].folder}`;
    const property = !createBucket ? `${feature}.bucketName` : args.bucket?.name !== undefined ? "bucket.name" : `${feature}.createBucket`;
    let preview: PlannedTarget["preview"];
    if (createBucket) {
        const generated = args.bucket?.name === undefined;
        const bucketName = args.bucket?.name ?? `${defaultBucketPrefix(ctx.name)}0`;
        const label = generated ? `the bucket this component creates (${defaultBucketPrefix(ctx.name)}...)` : undefined;
        preview = { fragment: { [feature]: { bucket: bucketName, prefix } }, label };
    } else if (plain(settings.bucketName)) {
        preview = { fragment: { [feature]: { bucket: settings.bucketName, prefix } } };
    }
    return { feature, args: settings, createBucket, prefix, target: { property, feature, preview } };
}

function planBucket(bucket: ConnectBucketArgs | undefined, needed: boolean, ctx: PlanContext): StoragePlan["bucket"] {
    if (bucket !== undefined && !needed) {
        ctx.fail("bucket", "configures the bucket this component creates, but no feature has createBucket: true (or a created Firehose stream without a destination)");
    }
    if (plain(bucket?.name)) {
        const problem = bucketNameProblem(bucket.name);
        if (problem) ctx.fail("bucket.name", problem);
    }
    kmsKeyCheck(bucket?.kmsKeyArn, "bucket.kmsKeyArn", ctx.fail);
    if (bucket?.retainOnDelete === true && bucket.forceDestroy === true) {
        ctx.fail("bucket.retainOnDelete", "contradicts forceDestroy: true (a retained bucket is never deleted, so its objects are not either); set one");
    }
    if (!needed) return undefined;
    // Retained unless the user asked for its objects to go with it.
    return { ...bucket, retainOnDelete: bucket?.retainOnDelete ?? bucket?.forceDestroy !== true };
}

function planMediaStreams(settings: ConnectMediaStreamsArgs | undefined, ctx: PlanContext): StoragePlan["mediaStreams"] {
    if (settings === undefined) return undefined;
    const problem = prefixProblem(settings.prefix);
    if (problem) ctx.fail("mediaStreams.prefix", problem);
    if (settings.kmsKeyArn === undefined) ctx.fail("mediaStreams.kmsKeyArn", "is required: Connect encrypts the Kinesis Video streams it creates with this key");
    kmsKeyCheck(settings.kmsKeyArn, "mediaStreams.kmsKeyArn", ctx.fail);
    const retentionHours = settings.retentionHours ?? 24;
    if (!(Number.isInteger(retentionHours) && retentionHours >= 0 && retentionHours <= 87600)) {
        ctx.fail("mediaStreams.retentionHours", `must be a whole number of hours from 0 to 87600; got ${retentionHours}`);
    }
    return { ...settings, retentionHours };
}

/** `bucketPrefix` for a generated bucket: at most 37 characters, inside the managed pattern. */
export function defaultBucketPrefix(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 37 - MANAGED_BUCKET_PREFIX.length - 1);
    return slug === "" ? MANAGED_BUCKET_PREFIX : `${MANAGED_BUCKET_PREFIX}${slug.replace(/-+$/, "")}-`;
}
