/**
 * Options that describe a Connect instance's features, shared by check-role and required-policy,
 * and how they become a permission config.
 */
import { parseS3Target } from "../connect/permissions/config";
import { parseRoleReference } from "../connect/roleCheck/reference";
import { RoleCheckConfig } from "../connect/roleCheck/report";
import { OptionSpec, OptionValues, UsageError } from "./command";

/** Where the instance is: region, account, partition. */
export const SCOPE_OPTIONS: Record<string, OptionSpec> = {
    region: { type: "string", value: "<region>", help: "Region of the Connect instance (default: AWS_REGION, AWS_DEFAULT_REGION)." },
    account: { type: "string", value: "<id>", help: "Account of the instance's resources (default: the role's account)." },
    partition: { type: "string", value: "<p>", help: "AWS partition (default: from the role ARN, else aws)." },
};

/** The features to check, each naming the resource Connect writes to or reads from. */
export const FEATURE_OPTIONS: Record<string, OptionSpec> = {
    "recordings-bucket": { type: "string", value: "<b[/p]>", help: "Bucket (and key prefix) for recorded conversations." },
    "transcripts-bucket": { type: "string", value: "<b[/p]>", help: "Bucket (and key prefix) for chat transcripts." },
    "reports-bucket": { type: "string", value: "<b[/p]>", help: "Bucket (and key prefix) for exported reports." },
    "kinesis-stream": { type: "string", multiple: true, value: "<arn>", help: "Kinesis data stream for agent events or contact records." },
    "firehose-stream": { type: "string", multiple: true, value: "<arn>", help: "Firehose delivery stream for agent events or contact records." },
    "lex-bot": { type: "string", multiple: true, value: "<arn>", help: "Lex V1 bot ARN (checked on the role) or Lex V2 bot-alias ARN (listed only: the alias's resource policy grants it)." },
    "flow-log-group": { type: "string", value: "<name>", help: "CloudWatch Logs group name for contact flow logs." },
};

function text(values: OptionValues, name: string): string | undefined {
    return values[name] as string | undefined;
}

function list(values: OptionValues, name: string): string[] | undefined {
    return values[name] as string[] | undefined;
}

/** Builds the permission config from flags, the role ARN and the environment. */
export function buildConfig(values: OptionValues, env: NodeJS.ProcessEnv): RoleCheckConfig {
    const roleText = text(values, "role");
    const role = roleText ? parseRoleReference(roleText) : undefined;
    const region = text(values, "region") ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError("--region is required (or set AWS_REGION)");
    const config: RoleCheckConfig = { region };
    // Left unset, the partition follows the role ARN (check-role reads it from IAM), else aws.
    const partition = text(values, "partition") ?? role?.partition;
    if (partition) config.partition = partition;
    const account = text(values, "account") ?? role?.account;
    if (account) config.account = account;
    const bucket = (flag: string) => {
        const value = text(values, flag);
        return value ? parseS3Target(value, `--${flag}`) : undefined;
    };
    if (text(values, "recordings-bucket")) config.callRecordings = bucket("recordings-bucket");
    if (text(values, "transcripts-bucket")) config.chatTranscripts = bucket("transcripts-bucket");
    if (text(values, "reports-bucket")) config.exportedReports = bucket("reports-bucket");
    if (list(values, "kinesis-stream")) config.kinesisStreamArns = list(values, "kinesis-stream");
    if (list(values, "firehose-stream")) config.firehoseStreamArns = list(values, "firehose-stream");
    if (list(values, "lex-bot")) config.lexBotArns = list(values, "lex-bot");
    if (text(values, "flow-log-group")) config.contactFlowLogGroup = text(values, "flow-log-group");
    return config;
}
