// S3 resources, forwarded to moto's S3.
import {
    CreateBucketCommand,
    DeleteBucketCommand,
    DeleteBucketEncryptionCommand,
    DeleteBucketPolicyCommand,
    DeleteObjectsCommand,
    DeletePublicAccessBlockCommand,
    GetBucketEncryptionCommand,
    GetBucketPolicyCommand,
    GetPublicAccessBlockCommand,
    HeadBucketCommand,
    ListObjectVersionsCommand,
    PutBucketEncryptionCommand,
    PutBucketPolicyCommand,
    PutBucketTaggingCommand,
    PutPublicAccessBlockCommand,
    DeleteBucketTaggingCommand,
    BucketLocationConstraint,
} from "@aws-sdk/client-s3";
import { clients, regionOf } from "../clients";
import type { ResourceHandler } from "../handler";
import type { Props } from "../values";
import { autoName, jsonText, operation, partitionOf, requireInputs, sameJsonOr, tagList, unlessNotFound } from "./common";

const BUCKET_MISSING = ["NoSuchBucket", "NotFound"];

async function bucketExists(bucket: string, region: string): Promise<boolean> {
    return (await unlessNotFound(() => clients.s3(region).send(new HeadBucketCommand({ Bucket: bucket })), ...BUCKET_MISSING)) !== undefined;
}

function bucketOutputs(inputs: Props, region: string): Props {
    const name = inputs.bucket;
    return {
        ...inputs,
        arn: `arn:${partitionOf(region)}:s3:::${name}`,
        bucketDomainName: `${name}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
        region,
        tagsAll: inputs.tags ?? {},
    };
}

async function putTags(bucket: string, region: string, tags: Record<string, string> | undefined): Promise<void> {
    const s3 = clients.s3(region);
    if (tags && Object.keys(tags).length > 0) await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tagList(tags) } }));
    else await s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
}

/** Deletes every object version (forceDestroy), so the bucket can go. */
async function emptyBucket(bucket: string, region: string): Promise<void> {
    const s3 = clients.s3(region);
    for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
        const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
        if (objects.length === 0) return;
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
    }
}

export const bucketHandler: ResourceHandler = {
    inputs: ["bucket", "bucketPrefix", "forceDestroy", "region", "tags"],
    computedInputs: ["region", "bucket"],
    check(news, olds, name) {
        if (news.bucket === undefined) {
            autoName(news, olds, "bucket", name, { prefix: news.bucketPrefix, lower: true, maxLength: 63 });
        }
        return [];
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const s3 = clients.s3(region);
        await operation("creating S3 bucket", inputs.bucket, () =>
            s3.send(
                new CreateBucketCommand({
                    Bucket: inputs.bucket,
                    CreateBucketConfiguration: region === "us-east-1" ? undefined : { LocationConstraint: region as BucketLocationConstraint },
                }),
            ),
        );
        if (inputs.tags && Object.keys(inputs.tags).length > 0) await putTags(inputs.bucket, region, inputs.tags);
        return { id: inputs.bucket, outs: bucketOutputs(inputs, region) };
    },
    async read(id, state) {
        const region = regionOf(state);
        return (await bucketExists(id, region)) ? bucketOutputs({ ...state, bucket: id }, region) : undefined;
    },
    async update(id, olds, news) {
        const region = regionOf(news);
        if (JSON.stringify(olds.tags ?? {}) !== JSON.stringify(news.tags ?? {})) await putTags(id, region, news.tags);
        return bucketOutputs({ ...news, bucket: id }, region);
    },
    async delete(id, state) {
        const region = regionOf(state);
        if (!(await bucketExists(id, region))) return;
        if (state.forceDestroy) await emptyBucket(id, region);
        try {
            await clients.s3(region).send(new DeleteBucketCommand({ Bucket: id }));
        } catch (error) {
            if ((error as Error).name === "BucketNotEmpty") {
                throw new Error(`deleting S3 bucket ${id}: BucketNotEmpty: the bucket still holds objects; empty it, or set forceDestroy: true to let pulumi delete them`);
            }
            throw error;
        }
    },
};

/** A bucket sub-resource: one S3 configuration, with the bucket as id. */
function bucketSetting(options: {
    inputs: string[];
    put(bucket: string, inputs: Props, region: string): Promise<unknown>;
    get(bucket: string, region: string): Promise<Props | undefined>;
    remove(bucket: string, region: string): Promise<unknown>;
    missing: string[];
}): ResourceHandler {
    return {
        inputs: options.inputs,
        computedInputs: ["region"],
        check: (news) => requireInputs(news, "bucket"),
        async create(inputs) {
            const region = regionOf(inputs);
            await operation("configuring S3 bucket", inputs.bucket, () => options.put(inputs.bucket, inputs, region));
            return { id: inputs.bucket, outs: { ...inputs, region } };
        },
        async read(id, state) {
            const region = regionOf(state);
            const remote = await unlessNotFound(() => options.get(id, region), ...options.missing, ...BUCKET_MISSING);
            return remote && { ...state, ...remote, region };
        },
        async update(id, _olds, news) {
            const region = regionOf(news);
            await operation("configuring S3 bucket", id, () => options.put(id, news, region));
            return { ...news, region };
        },
        async delete(id, state) {
            if (state.skipDestroy) return;
            await unlessNotFound(() => options.remove(id, regionOf(state)), ...options.missing, ...BUCKET_MISSING);
        },
    };
}

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const publicAccessBlockHandler = bucketSetting({
    inputs: ["bucket", ...PAB_FLAGS, "region", "skipDestroy"],
    missing: ["NoSuchPublicAccessBlockConfiguration"],
    put: (bucket, inputs, region) =>
        clients.s3(region).send(
            new PutPublicAccessBlockCommand({
                Bucket: bucket,
                PublicAccessBlockConfiguration: {
                    BlockPublicAcls: inputs.blockPublicAcls ?? false,
                    BlockPublicPolicy: inputs.blockPublicPolicy ?? false,
                    IgnorePublicAcls: inputs.ignorePublicAcls ?? false,
                    RestrictPublicBuckets: inputs.restrictPublicBuckets ?? false,
                },
            }),
        ),
    get: async (bucket, region) => {
        const c = (await clients.s3(region).send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration ?? {};
        return { blockPublicAcls: c.BlockPublicAcls, blockPublicPolicy: c.BlockPublicPolicy, ignorePublicAcls: c.IgnorePublicAcls, restrictPublicBuckets: c.RestrictPublicBuckets };
    },
    remove: (bucket, region) => clients.s3(region).send(new DeletePublicAccessBlockCommand({ Bucket: bucket })),
});

export const encryptionHandler = bucketSetting({
    inputs: ["bucket", "rules", "expectedBucketOwner", "region"],
    missing: ["ServerSideEncryptionConfigurationNotFoundError"],
    put: (bucket, inputs, region) =>
        clients.s3(region).send(
            new PutBucketEncryptionCommand({
                Bucket: bucket,
                ServerSideEncryptionConfiguration: {
                    Rules: (inputs.rules ?? []).map((r: Props) => ({
                        ApplyServerSideEncryptionByDefault: r.applyServerSideEncryptionByDefault && {
                            SSEAlgorithm: r.applyServerSideEncryptionByDefault.sseAlgorithm,
                            KMSMasterKeyID: r.applyServerSideEncryptionByDefault.kmsMasterKeyId,
                        },
                        BucketKeyEnabled: r.bucketKeyEnabled,
                    })),
                },
            }),
        ),
    get: async (bucket, region) => {
        await clients.s3(region).send(new GetBucketEncryptionCommand({ Bucket: bucket }));
        return {};
    },
    remove: (bucket, region) => clients.s3(region).send(new DeleteBucketEncryptionCommand({ Bucket: bucket })),
});

export const bucketPolicyHandler = bucketSetting({
    inputs: ["bucket", "policy", "region"],
    missing: ["NoSuchBucketPolicy"],
    put: (bucket, inputs, region) => clients.s3(region).send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: jsonText(inputs.policy) })),
    get: async (bucket, region) => {
        const policy = (await clients.s3(region).send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? "{}";
        return { policy };
    },
    remove: (bucket, region) => clients.s3(region).send(new DeleteBucketPolicyCommand({ Bucket: bucket })),
});

/** Keeps the program's policy text when S3's means the same. */
const readPolicy = bucketPolicyHandler.read;
bucketPolicyHandler.read = async (id, state) => {
    const outs = await readPolicy(id, state);
    return outs && { ...outs, policy: sameJsonOr(jsonText(state.policy), outs.policy) };
};
