// Kinesis Data Streams and Firehose delivery streams, forwarded to moto.
import {
    CreateDeliveryStreamCommand,
    DeleteDeliveryStreamCommand,
    DescribeDeliveryStreamCommand,
    TagDeliveryStreamCommand,
    UpdateDestinationCommand,
} from "@aws-sdk/client-firehose";
import {
    AddTagsToStreamCommand,
    CreateStreamCommand,
    DecreaseStreamRetentionPeriodCommand,
    DeleteStreamCommand,
    DescribeStreamSummaryCommand,
    IncreaseStreamRetentionPeriodCommand,
    RemoveTagsFromStreamCommand,
    StartStreamEncryptionCommand,
    StopStreamEncryptionCommand,
    StreamMode,
} from "@aws-sdk/client-kinesis";
import { clients, regionOf } from "../clients";
import type { Failure, ResourceHandler } from "../handler";
import type { Props } from "../values";
import { autoName, operation, requireInputs, tagList, unlessNotFound } from "./common";

async function setRetention(name: string, region: string, from: number, to: number): Promise<void> {
    if (from === to) return;
    const kinesis = clients.kinesis(region);
    if (to > from) await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: to }));
    else await kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: to }));
}

/** Server-side encryption with a KMS key (StartStreamEncryption / StopStreamEncryption). */
async function setEncryption(name: string, region: string, olds: Props, news: Props): Promise<void> {
    const before = olds.encryptionType === "KMS" ? olds.kmsKeyId : undefined;
    const after = news.encryptionType === "KMS" ? news.kmsKeyId : undefined;
    if (before === after) return;
    const kinesis = clients.kinesis(region);
    if (before) await kinesis.send(new StopStreamEncryptionCommand({ StreamName: name, EncryptionType: "KMS", KeyId: before }));
    if (after) await kinesis.send(new StartStreamEncryptionCommand({ StreamName: name, EncryptionType: "KMS", KeyId: after }));
}

export const streamHandler: ResourceHandler = {
    inputs: ["name", "shardCount", "streamModeDetails", "retentionPeriod", "enforceConsumerDeletion", "encryptionType", "kmsKeyId", "region", "tags", "arn"],
    computedInputs: ["region", "arn", "name", "encryptionType", "kmsKeyId"],
    check(news, olds, name) {
        autoName(news, olds, "name", name);
        const failures: Failure[] = [];
        const mode = news.streamModeDetails?.streamMode ?? "PROVISIONED";
        if (mode === "PROVISIONED" && news.shardCount === undefined) failures.push({ property: "shardCount", reason: "is required for a PROVISIONED stream" });
        const retention = news.retentionPeriod;
        if (typeof retention === "number" && (retention < 24 || retention > 8760)) failures.push({ property: "retentionPeriod", reason: "must be 24-8760 hours" });
        return failures;
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const mode = (inputs.streamModeDetails?.streamMode ?? "PROVISIONED") as StreamMode;
        await operation("creating Kinesis stream", inputs.name, () =>
            clients.kinesis(region).send(
                new CreateStreamCommand({ StreamName: inputs.name, ShardCount: mode === "ON_DEMAND" ? undefined : inputs.shardCount, StreamModeDetails: { StreamMode: mode } }),
            ),
        );
        await setRetention(inputs.name, region, 24, inputs.retentionPeriod ?? 24);
        await setEncryption(inputs.name, region, {}, inputs);
        if (inputs.tags && Object.keys(inputs.tags).length > 0) await clients.kinesis(region).send(new AddTagsToStreamCommand({ StreamName: inputs.name, Tags: inputs.tags }));
        const outs = await this.read("", { ...inputs, region });
        return { id: outs!.arn, outs: outs! };
    },
    async read(_id, state) {
        const region = regionOf(state);
        const found = await unlessNotFound(() => clients.kinesis(region).send(new DescribeStreamSummaryCommand({ StreamName: state.name })));
        const summary = found?.StreamDescriptionSummary;
        if (!summary) return undefined;
        return {
            ...state,
            arn: summary.StreamARN,
            name: summary.StreamName,
            retentionPeriod: summary.RetentionPeriodHours,
            encryptionType: summary.EncryptionType ?? "NONE",
            kmsKeyId: summary.KeyId ?? state.kmsKeyId,
            region,
            tagsAll: state.tags ?? {},
        };
    },
    async update(id, olds, news) {
        const region = regionOf(news);
        const kinesis = clients.kinesis(region);
        await setRetention(news.name, region, olds.retentionPeriod ?? 24, news.retentionPeriod ?? 24);
        await setEncryption(news.name, region, olds, news);
        const removed = Object.keys(olds.tags ?? {}).filter((k) => !(k in (news.tags ?? {})));
        if (removed.length > 0) await kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: news.name, TagKeys: removed }));
        if (news.tags && Object.keys(news.tags).length > 0) await kinesis.send(new AddTagsToStreamCommand({ StreamName: news.name, Tags: news.tags }));
        return (await this.read(id, news))!;
    },
    async delete(_id, state) {
        await unlessNotFound(() =>
            clients.kinesis(regionOf(state)).send(new DeleteStreamCommand({ StreamName: state.name, EnforceConsumerDeletion: state.enforceConsumerDeletion })),
        );
    },
};

function s3Destination(config: Props): Props {
    return {
        RoleARN: config.roleArn,
        BucketARN: config.bucketArn,
        Prefix: config.prefix,
        ErrorOutputPrefix: config.errorOutputPrefix,
        BufferingHints: config.bufferingSize || config.bufferingInterval ? { SizeInMBs: config.bufferingSize, IntervalInSeconds: config.bufferingInterval } : undefined,
        CompressionFormat: config.compressionFormat,
    };
}

export const firehoseHandler: ResourceHandler = {
    inputs: ["name", "destination", "extendedS3Configuration", "serverSideEncryption", "region", "tags", "arn", "versionId", "destinationId"],
    computedInputs: ["region", "arn", "name", "versionId", "destinationId"],
    check(news, olds, name) {
        autoName(news, olds, "name", name);
        const failures = requireInputs(news, "destination");
        if (news.destination !== undefined && news.destination !== "extended_s3") {
            failures.push({ property: "destination", reason: `the AWS stand-in emulates only extended_s3 destinations, not ${news.destination}` });
        }
        if (news.destination === "extended_s3") failures.push(...requireInputs(news, "extendedS3Configuration"));
        return failures;
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const sse = inputs.serverSideEncryption;
        await operation("creating Firehose delivery stream", inputs.name, () =>
            clients.firehose(region).send(
                new CreateDeliveryStreamCommand({
                    DeliveryStreamName: inputs.name,
                    DeliveryStreamType: "DirectPut",
                    ExtendedS3DestinationConfiguration: s3Destination(inputs.extendedS3Configuration) as any,
                    DeliveryStreamEncryptionConfigurationInput: sse?.enabled ? { KeyType: sse.keyType ?? "AWS_OWNED_CMK", KeyARN: sse.keyArn } : undefined,
                    Tags: tagList(inputs.tags).length > 0 ? tagList(inputs.tags) : undefined,
                }),
            ),
        );
        const outs = await this.read("", { ...inputs, region });
        return { id: outs!.arn, outs: outs! };
    },
    async read(_id, state) {
        const region = regionOf(state);
        const found = await unlessNotFound(() => clients.firehose(region).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: state.name })));
        const stream = found?.DeliveryStreamDescription;
        if (!stream) return undefined;
        return {
            ...state,
            arn: stream.DeliveryStreamARN,
            name: stream.DeliveryStreamName,
            versionId: stream.VersionId,
            destinationId: stream.Destinations?.[0]?.DestinationId,
            region,
            tagsAll: state.tags ?? {},
        };
    },
    async update(id, olds, news) {
        const region = regionOf(news);
        const firehose = clients.firehose(region);
        if (JSON.stringify(olds.serverSideEncryption) !== JSON.stringify(news.serverSideEncryption)) {
            throw new Error(`updating Firehose delivery stream ${news.name}: the AWS stand-in does not emulate changing serverSideEncryption`);
        }
        if (JSON.stringify(olds.extendedS3Configuration) !== JSON.stringify(news.extendedS3Configuration)) {
            await firehose.send(
                new UpdateDestinationCommand({
                    DeliveryStreamName: news.name,
                    CurrentDeliveryStreamVersionId: olds.versionId,
                    DestinationId: olds.destinationId,
                    ExtendedS3DestinationUpdate: s3Destination(news.extendedS3Configuration) as any,
                }),
            );
        }
        if (tagList(news.tags).length > 0) await firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: news.name, Tags: tagList(news.tags) }));
        return (await this.read(id, news))!;
    },
    async delete(_id, state) {
        await unlessNotFound(() => clients.firehose(regionOf(state)).send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: state.name })));
    },
};
