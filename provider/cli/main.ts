#!/usr/bin/env node
/**
 * Command line entry point (`pulumi-service-linked-role`): dispatches to the subcommands in
 * `commands.ts`, with per-command help, `--version`, and output sized and coloured for where it goes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConnectConfigError } from "../connect/permissions/config";
import { CliIo, Command, EXIT, OptionValues, parseArgsOptions, renderOptions, UsageError, wrapWords } from "./command";
import { COMMANDS } from "./commands";
import { colorWanted, createStyle } from "./style";

export { CliIo, EXIT };

const PROGRAM = "pulumi-service-linked-role";
const MAX_WIDTH = 100;
/** Narrower terminals still get this many columns: below it tables would be unreadable anyway. */
const MIN_WIDTH = 60;

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
