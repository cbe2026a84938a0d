// AWS SDK clients for the services the stand-in forwards to moto. The endpoint comes from the
// environment the harness gives the engine (AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL);
// credentials from the SDK's default chain.
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ConnectClient } from "@aws-sdk/client-connect";
import { FirehoseClient } from "@aws-sdk/client-firehose";
import { IAMClient } from "@aws-sdk/client-iam";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { LexModelsV2Client } from "@aws-sdk/client-lex-models-v2";
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Readable } from "node:stream";

/** The Region of a request: the resource's own `region` input, else the environment's. */
export function regionOf(inputs?: { region?: unknown }): string {
    const region = typeof inputs?.region === "string" && inputs.region !== "" ? inputs.region : process.env.AWS_REGION;
    if (!region) throw new Error("no AWS Region: set the resource's region or AWS_REGION for the stand-in");
    return region;
}

function endpointFor(service: string): string {
    const endpoint = process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL;
    if (!endpoint) {
        throw new Error(`the AWS stand-in only talks to an emulator: set AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_${service}) to moto's address`);
    }
    return endpoint;
}

const cache = new Map<string, unknown>();

/** Forgets the clients, so the next request reads the environment again (in-process tests). */
export function resetClients(): void {
    cache.clear();
}

function cached<T>(service: string, region: string, make: (config: { endpoint: string; region: string; maxAttempts: number }) => T): T {
    const key = `${service}/${region}`;
    if (!cache.has(key)) cache.set(key, make({ endpoint: endpointFor(service), region, maxAttempts: 3 }));
    return cache.get(key) as T;
}

export const clients = {
    connect: (region: string) => cached("CONNECT", region, (c) => withEpochTimestamps(new ConnectClient(c))),
    iam: () => cached("IAM", "us-east-1", (c) => new IAMClient(c)),
    s3: (region: string) => cached("S3", region, (c) => new S3Client({ ...c, forcePathStyle: true })),
    // Kinesis defaults to HTTP/2 (for SubscribeToShard); moto's server speaks HTTP/1.1 only.
    kinesis: (region: string) => cached("KINESIS", region, (c) => new KinesisClient({ ...c, requestHandler: new NodeHttpHandler() })),
    kms: (region: string) => cached("KMS", region, (c) => new KMSClient(c)),
    firehose: (region: string) => cached("FIREHOSE", region, (c) => new FirehoseClient(c)),
    logs: (region: string) => cached("CLOUDWATCH_LOGS", region, (c) => new CloudWatchLogsClient(c)),
    lambda: (region: string) => cached("LAMBDA", region, (c) => new LambdaClient(c)),
    lex: (region: string) => cached("LEX_MODELS_V2", region, (c) => new LexModelsV2Client(c)),
    sts: (region: string) => cached("STS", region, (c) => new STSClient(c)),
};

/**
 * moto's Connect answers CreatedTime as an ISO 8601 string where the API (restJson1) has epoch
 * seconds, which the SDK refuses to parse. This rewrites such values before deserialization; it
 * runs innermost in the deserialize step, between the HTTP response and the SDK's parser.
 */
function withEpochTimestamps<T extends ConnectClient>(client: T): T {
    client.middlewareStack.add(
        (next) => async (args) => {
            const result = await next(args);
            const response = result.response as { body?: Readable; headers?: Record<string, string> };
            if (!(response.body instanceof Readable)) return result;
            const chunks: Buffer[] = [];
            for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
            const text = Buffer.concat(chunks).toString("utf8").replace(
                /"(CreatedTime|LastModifiedTime)":\s*"([^"]+)"/g,
                (_m, key: string, iso: string) => `"${key}": ${Date.parse(iso) / 1000}`,
            );
            response.body = Readable.from([Buffer.from(text)]);
            if (response.headers) delete response.headers["content-length"];
            return result;
        },
        { step: "deserialize", priority: "low", name: "motoEpochTimestamps" },
    );
    return client;
}
