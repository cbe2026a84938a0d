#!/usr/bin/env node
/**
 * Command line entry point (`pulumi-service-linked-role`): checks a Connect service-linked role's
 * permissions and prints the policy its features need.
 */
import { parseArgs } from "node:util";
import { createIamClient } from "../iam/client";
import { ConnectConfigError, ConnectPermissionConfig, parseS3Target, requiredPolicyDocument } from "../connect/permissionModel";
import { checkRolePermissions, formatReport, parseRoleReference, RoleCheckConfig } from "../connect/roleCheck";
import type { RequestContext } from "../policy";

/** Exit codes: everything allowed; something missing, denied or undecidable; bad usage; the check could not run. */
export const EXIT = { ok: 0, missing: 1, usage: 2, failed: 3 } as const;

/** Where the CLI writes and which environment it reads (injectable for tests). */
export interface CliIo {
    out(text: string): void;
    err(text: string): void;
    env: NodeJS.ProcessEnv;
}

const USAGE = `Usage:
  pulumi-service-linked-role check-role --role <name|arn> [options]
  pulumi-service-linked-role required-policy [--role <arn>] [options]
  pulumi-service-linked-role --help

check-role reads the role's managed, inline and boundary policies from IAM and checks that they
allow every permission Amazon Connect needs for the features given below. It prints a table and
exits 0 when everything is allowed, 1 when something is missing, denied or undecidable,
2 on usage errors, and 3 when IAM could not be read.

required-policy prints the IAM policy (JSON) that grants exactly those permissions.

Options:
  --role <name|arn>              The Connect service-linked role (AWSServiceRoleForAmazonConnect[_<id>]).
  --region <region>              Region of the Connect instance (default: AWS_REGION, AWS_DEFAULT_REGION).
  --account <id>                 Account of the instance's resources (default: the role's account).
  --partition <p>                AWS partition (default: from the role ARN, else aws).
  --recordings-bucket <b[/p]>    Bucket (and key prefix) for recorded conversations.
  --transcripts-bucket <b[/p]>   Bucket (and key prefix) for chat transcripts.
  --reports-bucket <b[/p]>       Bucket (and key prefix) for exported reports.
  --kinesis-stream <arn>         Kinesis data stream for agent events / contact records (repeatable).
  --firehose-stream <arn>        Firehose delivery stream for agent events / contact records (repeatable).
  --lex-bot <arn>                Lex V1 bot ARN (checked on the role) or Lex V2 bot-alias ARN (listed only:
                                 the alias's resource policy grants it) (repeatable).
  --flow-log-group <name>        CloudWatch Logs group name for contact flow logs.
  --context <key=value>          Condition key to assume while evaluating (repeatable; repeat a key for a list).
  --missing-keys <unknown|absent>
                                 Treat condition keys nobody supplied as undecidable (default) or as absent.
  --profile <name>               Named AWS profile for the IAM calls.
  --json                         Print the report as JSON instead of a table.
  -h, --help                     Show this help.
`;

/** A command-line mistake: printed with a pointer to --help, exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
    role: { type: "string" },
    region: { type: "string" },
    account: { type: "string" },
    partition: { type: "string" },
    "recordings-bucket": { type: "string" },
    "transcripts-bucket": { type: "string" },
    "reports-bucket": { type: "string" },
    "kinesis-stream": { type: "string", multiple: true },
    "firehose-stream": { type: "string", multiple: true },
    "lex-bot": { type: "string", multiple: true },
    "flow-log-group": { type: "string" },
    context: { type: "string", multiple: true },
    "missing-keys": { type: "string" },
    profile: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
} as const;

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
    let values: ParsedValues;
    let positionals: string[];
    try {
        ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
    } catch (err) {
        return usageFailure(io, (err as Error).message);
    }
    const command = positionals[0];
    if (values.help || command === "help" || (command === undefined && argv.length === 0)) {
        io.out(USAGE);
        return command === undefined && argv.length === 0 && !values.help ? EXIT.usage : EXIT.ok;
    }
    try {
        if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
        if (command === "check-role") return await checkRoleCommand(values, io);
        if (command === "required-policy") return requiredPolicyCommand(values, io);
        throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
    } catch (err) {
        if (err instanceof UsageError || err instanceof ConnectConfigError) return usageFailure(io, err.message);
        io.err(`Error: ${(err as Error).message}\n`);
        return EXIT.failed;
    }
}

function usageFailure(io: CliIo, message: string): number {
    io.err(`Error: ${message}\nRun "pulumi-service-linked-role --help" for usage.\n`);
    return EXIT.usage;
}

async function checkRoleCommand(values: ParsedValues, io: CliIo): Promise<number> {
    if (!values.role) throw new UsageError("check-role needs --role <name|arn>");
    const config = buildConfig(values, io.env);
    const client = createIamClient({ region: config.region, profile: values.profile });
    try {
        const report = await checkRolePermissions({
            role: values.role,
            config,
            client,
            context: parseContext(values.context ?? []),
            missingKeys: parseMissingKeys(values["missing-keys"]),
        });
        io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
        return report.ok ? EXIT.ok : EXIT.missing;
    } finally {
        client.destroy();
    }
}

function requiredPolicyCommand(values: ParsedValues, io: CliIo): number {
    const config = buildConfig(values, io.env);
    if (!config.account) throw new UsageError("required-policy needs --account, or --role given as an ARN");
    io.out(`${JSON.stringify(requiredPolicyDocument(config as ConnectPermissionConfig), null, 2)}\n`);
    return EXIT.ok;
}

/** Builds the permission config from flags, the role ARN and the environment. */
function buildConfig(values: ParsedValues, env: NodeJS.ProcessEnv): RoleCheckConfig {
    const role = values.role ? parseRoleReference(values.role) : undefined;
    const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new UsageError("--region is required (or set AWS_REGION)");
    const config: RoleCheckConfig = { region };
    // Left unset, the partition follows the role ARN (check-role reads it from IAM), else aws.
    const partition = values.partition ?? role?.partition;
    if (partition) config.partition = partition;
    const account = values.account ?? role?.account;
    if (account) config.account = account;
    if (values["recordings-bucket"]) config.callRecordings = parseS3Target(values["recordings-bucket"], "--recordings-bucket");
    if (values["transcripts-bucket"]) config.chatTranscripts = parseS3Target(values["transcripts-bucket"], "--transcripts-bucket");
    if (values["reports-bucket"]) config.exportedReports = parseS3Target(values["reports-bucket"], "--reports-bucket");
    if (values["kinesis-stream"]) config.kinesisStreamArns = values["kinesis-stream"];
    if (values["firehose-stream"]) config.firehoseStreamArns = values["firehose-stream"];
    if (values["lex-bot"]) config.lexBotArns = values["lex-bot"];
    if (values["flow-log-group"]) config.contactFlowLogGroup = values["flow-log-group"];
    return config;
}

/** `key=value` pairs; a key given more than once becomes a multi-valued key. */
function parseContext(pairs: string[]): RequestContext {
    const context: Record<string, string[]> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new UsageError(`--context expects key=value, got "${pair}"`);
        const key = pair.slice(0, eq);
        (context[key] ??= []).push(pair.slice(eq + 1));
    }
    return Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

function parseMissingKeys(value: string | undefined): "unknown" | "absent" | undefined {
    if (value === undefined || value === "unknown" || value === "absent") return value;
    throw new UsageError(`--missing-keys must be "unknown" or "absent", got "${value}"`);
}

if (require.main === module) {
    const io: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env };
    runCli(process.argv.slice(2), io).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`Error: ${(err as Error)?.stack ?? String(err)}\n`);
            process.exitCode = EXIT.failed;
        },
    );
}
