/**
 * Validation of a {@link ConnectPermissionConfig}: every field checked and normalized before the
 * model is expanded, each failure naming its field.
 */
import { ACCOUNT_ID, ARN_SHAPES, PARTITION, REGION_CODE } from "../../aws/arn";
import type { ConnectPermissionConfig, S3Target } from "./model";

/** An invalid {@link ConnectPermissionConfig}; `field` names the offending input (e.g. `callRecordings.bucket`). */
export class ConnectConfigError extends Error {
    constructor(
        readonly field: string,
        detail: string,
    ) {
        super(`Invalid Connect permission config: ${field}: ${detail}`);
        this.name = "ConnectConfigError";
    }
}

/** A config with every field checked and normalized (partition defaulted, prefixes trimmed). */
export interface NormalizedConnectConfig {
    partition: string;
    region: string;
    account: string;
    callRecordings?: { bucket: string; prefix: string };
    chatTranscripts?: { bucket: string; prefix: string };
    exportedReports?: { bucket: string; prefix: string };
    attachments?: { bucket: string; prefix: string };
    contactEvaluations?: { bucket: string; prefix: string };
    emailMessages?: { bucket: string; prefix: string };
    screenRecordings?: { bucket: string; prefix: string };
    kinesisStreamArns: string[];
    firehoseStreamArns: string[];
    lexBotArns: string[];
    lambdaFunctionArns: string[];
    contactFlowLogGroup?: string;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOG_GROUP = /^[A-Za-z0-9._\-/#]{1,512}$/;

/** The S3 storage features, in model order. */
export const S3_CONFIG_FIELDS = ["callRecordings", "chatTranscripts", "exportedReports", "attachments", "contactEvaluations", "emailMessages", "screenRecordings"] as const;

/** Validates and normalizes a config; throws {@link ConnectConfigError} naming the first bad field. */
export function normalizeConfig(config: ConnectPermissionConfig): NormalizedConnectConfig {
    if (typeof config !== "object" || config === null) throw new ConnectConfigError("config", "must be an object");
    const partition = config.partition ?? "aws";
    check(typeof partition === "string" && PARTITION.test(partition), "partition", `"${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`);
    check(typeof config.region === "string" && REGION_CODE.test(config.region), "region", `"${config.region}" is not an AWS Region code such as us-east-1`);
    check(typeof config.account === "string" && ACCOUNT_ID.test(config.account), "account", `"${config.account}" is not a 12-digit AWS account id`);
    const normalized: NormalizedConnectConfig = {
        partition,
        region: config.region,
        account: config.account,
        kinesisStreamArns: arnList(config.kinesisStreamArns, "kinesisStreamArns", partition, ARN_SHAPES.kinesisStream, "a Kinesis data stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>)"),
        firehoseStreamArns: arnList(
            config.firehoseStreamArns,
            "firehoseStreamArns",
            partition,
            ARN_SHAPES.firehoseStream,
            "a Firehose delivery stream ARN (arn:<partition>:firehose:<region>:<account>:deliverystream/<name>)",
        ),
        lexBotArns: arnList(config.lexBotArns, "lexBotArns", partition, ARN_SHAPES.lexBot, "a Lex V1 bot ARN (...:bot:<name>[:<alias>]) or a Lex V2 bot-alias ARN (...:bot-alias/<botId>/<aliasId>)"),
        lambdaFunctionArns: arnList(config.lambdaFunctionArns, "lambdaFunctionArns", partition, ARN_SHAPES.lambdaFunction, "a Lambda function ARN (arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>])"),
    };
    for (const field of S3_CONFIG_FIELDS) {
        const target = config[field];
        if (target !== undefined) normalized[field] = normalizeS3Target(target, field);
    }
    if (config.contactFlowLogGroup !== undefined) {
        normalized.contactFlowLogGroup = normalizeLogGroup(config.contactFlowLogGroup);
    }
    return normalized;
}

function arnList(values: string[] | undefined, field: string, partition: string, shape: RegExp, expected: string): string[] {
    if (values === undefined) return [];
    check(Array.isArray(values), field, "must be a list of ARNs");
    const seen = new Set<string>();
    values.forEach((arn, i) => {
        const match = typeof arn === "string" ? shape.exec(arn) : null;
        check(match !== null, `${field}[${i}]`, `${JSON.stringify(arn)} is not ${expected}`);
        check(match![1] === partition, `${field}[${i}]`, `partition "${match![1]}" differs from the config's partition "${partition}"`);
        seen.add(arn);
    });
    return [...seen];
}

/** Validates an S3 target; the prefix comes back without leading slashes and with one trailing slash (or empty). */
export function normalizeS3Target(target: S3Target, field: string): { bucket: string; prefix: string } {
    check(typeof target === "object" && target !== null, field, "must be an object with a bucket");
    const problem = bucketNameProblem(target.bucket);
    check(problem === undefined, `${field}.bucket`, `${JSON.stringify(target.bucket)} is not a valid S3 bucket name: ${problem}`);
    let prefix = target.prefix ?? "";
    check(typeof prefix === "string", `${field}.prefix`, "must be a string");
    prefix = prefix.replace(/^\/+|\/+$/g, "");
    check(!/[*?]|\$\{/.test(prefix), `${field}.prefix`, `"${prefix}" must not contain *, ? or \${ (they would widen the policy)`);
    check(prefix.length <= 1000, `${field}.prefix`, "is longer than 1000 characters");
    return { bucket: target.bucket, prefix: prefix === "" ? "" : `${prefix}/` };
}

/** Why a bucket name breaks S3's naming rules, or undefined when it is valid. */
export function bucketNameProblem(bucket: unknown): string | undefined {
    if (typeof bucket !== "string") return "must be a string";
    if (bucket.length < 3 || bucket.length > 63) return "must be 3 to 63 characters long";
    if (!BUCKET_NAME.test(bucket)) return "use only lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit";
    if (bucket.includes("..")) return "must not contain two adjacent dots";
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return "must not be formatted as an IP address";
    for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
        if (bucket.startsWith(prefix)) return `must not start with "${prefix}"`;
    }
    for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
        if (bucket.endsWith(suffix)) return `must not end with "${suffix}"`;
    }
    return undefined;
}

function normalizeLogGroup(name: string): string {
    check(typeof name === "string", "contactFlowLogGroup", "must be a string");
    check(!name.startsWith("arn:"), "contactFlowLogGroup", `expects the log group name (e.g. /aws/connect/my-alias), not an ARN: ${name}`);
    check(LOG_GROUP.test(name), "contactFlowLogGroup", `"${name}" is not a valid log group name (1-512 of A-Z a-z 0-9 . _ - / #)`);
    return name;
}

/**
 * Parses `bucket`, `bucket/prefix` or `s3://bucket/prefix` into an {@link S3Target}
 * (the form the CLI accepts).
 */
export function parseS3Target(text: string, field = "s3 target"): S3Target {
    const stripped = text.replace(/^s3:\/\//, "");
    const slash = stripped.indexOf("/");
    const bucket = slash < 0 ? stripped : stripped.slice(0, slash);
    const prefix = slash < 0 ? "" : stripped.slice(slash + 1);
    const target: S3Target = { bucket };
    if (prefix.replace(/\//g, "") !== "") target.prefix = prefix;
    normalizeS3Target(target, field);
    return target;
}


function check(condition: boolean, field: string, detail: string): asserts condition {
    if (!condition) throw new ConnectConfigError(field, detail);
}

