// What moto holds, for test assertions and the demo (read with the stand-in's clients, so the
// AWS SDK packages only this folder installs stay here).
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { DeleteStreamCommand, DescribeStreamSummaryCommand, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { HeadBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { clients } from "./clients";

const exists = (call: Promise<unknown>) => call.then(() => true, () => false);

export const inspect = {
    bucketExists: (bucket: string, region = "us-east-1") => exists(clients.s3(region).send(new HeadBucketCommand({ Bucket: bucket }))),
    buckets: async (region = "us-east-1") => ((await clients.s3(region).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!),
    logGroups: async (region = "us-east-1") => ((await clients.logs(region).send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName!),
    streams: async (region = "us-east-1") => (await clients.kinesis(region).send(new ListStreamsCommand({}))).StreamNames ?? [],
    firehoses: async (region = "us-east-1") => (await clients.firehose(region).send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? [],
    streamExists: (name: string, region = "us-east-1") => exists(clients.kinesis(region).send(new DescribeStreamSummaryCommand({ StreamName: name }))),
    firehoseExists: (name: string, region = "us-east-1") => exists(clients.firehose(region).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))),
    /** Deletes a Kinesis stream behind Pulumi's back. */
    deleteStream: (name: string, region = "us-east-1") => clients.kinesis(region).send(new DeleteStreamCommand({ StreamName: name })).then(() => undefined),
};
