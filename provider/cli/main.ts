#!/usr/bin/env node
/**
 * Command line entry point (`pulumi-service-linked-role`): dispatches to the subcommands in
 * `commands.ts`, with per-command help, `--version`, and output sized and coloured for where it goes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConnectConfigError } from "../connect/permissionModel";
import { CliIo, Command, EXIT, OptionValues, parseArgsOptions, renderOptions, UsageError, wrapWords } from "./command";
import { COMMANDS } from "./commands";
import { colorWanted, createStyle } from "./style";

export { CliIo, EXIT };

<<<<<<< HEAD
const PROGRAM = "pulumi-service-linked-role";
const MAX_WIDTH = 100;
/** Narrower terminals still get this many columns: below it tables would be unreadable anyway. */
const MIN_WIDTH = 60;
=======
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
>>>>>>> issue-12

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
    const width = Math.max(MIN_WIDTH, Math.min(io.width || MAX_WIDTH, MAX_WIDTH));
    const sized: CliIo = { ...io, width };
    const [first, ...rest] = argv;
    if (first === "--version" || first === "-v") {
        io.out(`${packageVersion()}\n`);
        return EXIT.ok;
    }
    if (first === undefined || first === "--help" || first === "-h") {
        io.out(topHelp(width));
        return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === "help" && rest[0] !== undefined) return runCommand(findCommand(rest[0]), ["--help"], sized);
    if (first === "help") {
        io.out(topHelp(width));
        return EXIT.ok;
    }
    if (first.startsWith("-")) return usageFailure(io, `options go after the command; "${first}" came first`);
    return runCommand(findCommand(first), rest, sized);
}

function findCommand(name: string): Command | string {
    return COMMANDS.find((c) => c.name === name) ?? `unknown command "${name}"`;
}

async function runCommand(command: Command | string, args: string[], io: CliIo): Promise<number> {
    if (typeof command === "string") return usageFailure(io, command);
    let values: OptionValues;
    try {
        const parsed = parseArgs({ args, options: parseArgsOptions(command.options), allowPositionals: true, strict: true });
        if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
        values = parsed.values as OptionValues;
    } catch (err) {
        return usageFailure(io, (err as Error).message, command);
    }
    if (values.help) {
        io.out(commandHelp(command, io.width ?? MAX_WIDTH));
        return EXIT.ok;
    }
    try {
        return await command.run({ values, io, style: createStyle(io.color ?? false) });
    } catch (err) {
        if (err instanceof UsageError || err instanceof ConnectConfigError) return usageFailure(io, err.message, command);
        io.err(`Error: ${(err as Error).message}\n`);
        return EXIT.failed;
    }
}

function usageFailure(io: CliIo, message: string, command?: Command): number {
    io.err(`Error: ${message}\nRun "${PROGRAM}${command ? ` ${command.name}` : ""} --help" for usage.\n`);
    return EXIT.usage;
}

function topHelp(width: number): string {
    const nameWidth = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
    const lines = [`Usage: ${PROGRAM} <command> [options]`, "", "Commands:"];
    for (const c of COMMANDS) {
        const summary = wrapWords(c.summary, width - nameWidth - 2);
        lines.push(`  ${c.name.padEnd(nameWidth)}${summary.shift()}`, ...summary.map((s) => `  ${" ".repeat(nameWidth)}${s}`));
    }
    lines.push("", "Options:", "  -h, --help     Show this help, or a command's help after the command.", "  -v, --version  Print the version.");
    lines.push("", ...wrapWords(`Run "${PROGRAM} <command> --help" for the options of each command. Colour is on when output goes to a terminal; NO_COLOR turns it off.`, width));
    return `${lines.join("\n")}\n`;
}

function commandHelp(command: Command, width: number): string {
    const lines = [`Usage: ${PROGRAM} ${command.usage}`, "", ...wrapWords(command.description, width), "", `Options of ${command.name}:`];
    lines.push(...renderOptions({ ...command.options, help: { type: "boolean", short: "h", help: "Show this help." } }, width));
    return `${lines.join("\n")}\n`;
}

/** The version in the package's own package.json (two levels up in the sources, three in dist/). */
function packageVersion(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (manifest.name === PROGRAM && manifest.version) return manifest.version;
        }
    }
    throw new Error(`cannot find the package.json of ${PROGRAM} above ${__dirname}`);
}

if (require.main === module) {
    const io: CliIo = {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        env: process.env,
        width: process.stdout.isTTY ? process.stdout.columns : undefined,
        color: colorWanted(process.stdout.isTTY, process.env),
    };
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
