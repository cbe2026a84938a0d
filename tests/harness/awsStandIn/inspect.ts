// What moto holds, for test assertions and the demo (read with the stand-in's clients, so the
// AWS SDK packages only this folder installs stay here).
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand } from "@aws-sdk/client-firehose";
import { DeleteStreamCommand, DescribeStreamSummaryCommand, ListStreamsCommand } from "@aws-sdk/client-kinesis";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { CreateKeyCommand, ListGrantsCommand } from "@aws-sdk/client-kms";
import { CreateFunctionCommand, GetPolicyCommand } from "@aws-sdk/client-lambda";
import { CreateResourcePolicyCommand } from "@aws-sdk/client-lex-models-v2";
import { HeadBucketCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { clients } from "./clients";
import { lexPolicy } from "./resources/connectGrants";

/** An empty zip archive: moto stores the code of a function it never invokes. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

const exists = (call: Promise<unknown>) => call.then(() => true, () => false);

export const inspect = {
    bucketExists: (bucket: string, region = "us-east-1") => exists(clients.s3(region).send(new HeadBucketCommand({ Bucket: bucket }))),
    buckets: async (region = "us-east-1") => ((await clients.s3(region).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!),
    logGroups: async (region = "us-east-1") => ((await clients.logs(region).send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map((g) => g.logGroupName!),
    streams: async (region = "us-east-1") => (await clients.kinesis(region).send(new ListStreamsCommand({}))).StreamNames ?? [],
    firehoses: async (region = "us-east-1") => (await clients.firehose(region).send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames ?? [],
    streamExists: (name: string, region = "us-east-1") => exists(clients.kinesis(region).send(new DescribeStreamSummaryCommand({ StreamName: name }))),
    firehoseExists: (name: string, region = "us-east-1") => exists(clients.firehose(region).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))),
    /** A symmetric KMS key; returns its ARN and id. */
    createKey: async (region = "us-east-1") => {
        const key = (await clients.kms(region).send(new CreateKeyCommand({}))).KeyMetadata!;
        return { arn: key.Arn!, id: key.KeyId! };
    },
    keyGrants: async (keyArn: string, region = "us-east-1") => (await clients.kms(region).send(new ListGrantsCommand({ KeyId: keyArn }))).Grants ?? [],
    /** A Lambda function (with a role for it); returns its ARN. */
    createFunction: async (name: string, region = "us-east-1") => {
        const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        const role = await clients.iam().send(new CreateRoleCommand({ RoleName: `${name}-role`, AssumeRolePolicyDocument: trust }));
        const fn = await clients.lambda(region).send(new CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs22.x", Role: role.Role!.Arn, Handler: "index.handler", Code: { ZipFile: EMPTY_ZIP } }));
        return fn.FunctionArn!;
    },
    /** The function's resource policy statements ([] when it has none). */
    functionStatements: async (name: string, region = "us-east-1"): Promise<any[]> => {
        try {
            return JSON.parse((await clients.lambda(region).send(new GetPolicyCommand({ FunctionName: name }))).Policy!).Statement ?? [];
        } catch {
            return [];
        }
    },
    /** The Lex V2 resource policy's statements, or undefined when there is no policy. */
    lexStatements: async (resourceArn: string, region = "us-east-1"): Promise<any[] | undefined> => (await lexPolicy(resourceArn, region))?.policy.Statement,
    putLexPolicy: (resourceArn: string, statements: unknown[], region = "us-east-1") =>
        clients.lex(region).send(new CreateResourcePolicyCommand({ resourceArn, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) })).then(() => undefined),
    /** Deletes a Kinesis stream behind Pulumi's back. */
    deleteStream: (name: string, region = "us-east-1") => clients.kinesis(region).send(new DeleteStreamCommand({ StreamName: name })).then(() => undefined),
};
