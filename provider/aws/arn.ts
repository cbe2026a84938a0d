// ARN parsing shared by every layer. The format is `arn:partition:service:region:account-id:resource`
// (IAM User Guide, "IAM identifiers" / AWS General Reference, "Amazon Resource Names"); IAM ARNs
// leave the region empty, S3 bucket ARNs leave both region and account empty.

/** The fields of an ARN. `resource` is everything after the account field (it may hold `:` and `/`). */
export interface Arn {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;

/** Splits an ARN into its fields, or undefined when the text is not an ARN. */
export function parseArn(arn: unknown): Arn | undefined {
    if (typeof arn !== "string") return undefined;
    const match = ARN.exec(arn);
    if (!match) return undefined;
    const [, partition, service, region, account, resource] = match;
    return { partition, service, region, account, resource };
}

/** The 12-digit account id in an ARN (`arn:aws:iam::123456789012:role/...`), or undefined. */
export function accountFromArn(arn: unknown): string | undefined {
    const account = parseArn(arn)?.account;
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: unknown): value is string {
    return typeof value === "string" && /^\d{12}$/.test(value);
}

// ARN shapes (below parseArn) follow each service's ARN format in the Service Authorization
// Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
// `iam/`, `connect/` and `cli/` take them from here so that each rule is written once.

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`, ...), or undefined. */
export function partitionOfArn(arn: unknown): string | undefined {
    return parseArn(arn)?.partition;
}

/** A 12-digit AWS account id (as {@link isAccountId}, for callers that build messages from the pattern). */
export const ACCOUNT_ID = /^\d{12}$/;
/** An AWS partition: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, ... */
export const PARTITION = /^aws(-[a-z]+)*$/;
/** A Region code such as `us-east-1` or `us-gov-west-1`. */
export const REGION_CODE = /^[a-z]{2,3}(-[a-z]+)+-\d{1,2}$/;

/**
 * The ARN shapes the library accepts. In each, group 1 is the partition; groups after it are
 * noted per shape.
 */
export const ARN_SHAPES = {
    /** Groups: partition, Region, account, instance id. */
    connectInstance: /^arn:([^:]+):connect:([a-z0-9-]+):(\d{12}):instance\/([a-zA-Z0-9-]+)$/,
    /** Groups: partition. */
    kinesisStream: /^arn:([^:]+):kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]{1,128}$/,
    /** Groups: partition. */
    firehoseStream: /^arn:([^:]+):firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]{1,64}$/,
    /** Groups: partition, Region, account, function name, `:qualifier` (optional). */
    lambdaFunction: /^arn:([^:]+):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9_$-]{1,128})?$/,
    /** A Lex V1 bot (`bot:<name>[:<alias>]`) or a Lex V2 bot alias (`bot-alias/<botId>/<aliasId>`). Groups: partition. */
    lexBot: /^arn:([^:]+):lex:[a-z0-9-]+:\d{12}:(bot:[A-Za-z_]{2,50}(:[A-Za-z_$]{1,100})?|bot-alias\/[0-9A-Z]{10}\/[0-9A-Z]{10})$/,
    /** Groups: partition, bot id, alias id. */
    lexV2Alias: /^arn:([^:]+):lex:[a-z0-9-]+:\d{12}:bot-alias\/([0-9A-Z]{10})\/([0-9A-Z]{10})$/,
    /** Groups: partition. */
    kmsKey: /^arn:([^:]+):kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/,
    /** Groups: partition. */
    s3Bucket: /^arn:([^:]+):s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    /** Groups: partition, account, path (with slashes), role name. */
    iamRole: /^arn:(aws[a-z-]*):iam::(\d{12}):role(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/,
} as const;

/** True for a Lex V2 bot-alias ARN (as opposed to a Lex V1 bot ARN). */
export function isLexV2AliasArn(arn: string): boolean {
    return /:bot-alias\//.test(arn);
}

/** `arn:...:function:name[:qualifier]` → the unqualified function ARN and the qualifier. */
export function splitLambdaQualifier(arn: string): { function: string; qualifier?: string } {
    const match = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::(.+))?$/.exec(arn);
    return match ? { function: match[1], qualifier: match[2] } : { function: arn };
}
