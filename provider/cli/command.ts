/**
 * The shape every CLI command shares: its name, a one-line summary, its options (each with help
 * text) and its action. A new command is one module exporting a {@link Command}, listed in
 * `commands.ts`.
 */
import type { ParseArgsConfig } from "node:util";
import { wrapWords } from "../text/wrap";
import type { Style } from "./style";

export { wrapWords };

/** Exit codes: everything allowed; something missing, denied or undecidable; bad usage; the check could not run. */
export const EXIT = { ok: 0, missing: 1, usage: 2, failed: 3 } as const;

/** Where the CLI writes, which environment it reads, and how wide and colourful its output may be. */
export interface CliIo {
    out(text: string): void;
    err(text: string): void;
    env: NodeJS.ProcessEnv;
    /** Columns available to tables and summaries (at most 100). */
    width?: number;
    /** Colour for standard output; off unless it is a terminal and NO_COLOR is unset. */
    color?: boolean;
}

/** One option of a command: the `node:util` parseArgs spec plus its help line. */
export interface OptionSpec {
    type: "string" | "boolean";
    multiple?: boolean;
    short?: string;
    /** Placeholder for the value in help, e.g. `<arn>`. */
    value?: string;
    /** Help text; "Repeatable." is added for multiple options. */
    help: string;
}

/** Parsed option values, by option name. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** Everything a command's action receives. */
export interface CommandContext {
    values: OptionValues;
    io: CliIo;
    style: Style;
}

/** A subcommand of `pulumi-service-linked-role`. */
export interface Command {
    name: string;
    /** One line for the top-level help. */
    summary: string;
    /** Usage line after the program name, e.g. `check-role --role <name|arn> [options]`. */
    usage: string;
    /** Paragraphs printed under the usage line in the command's help. */
    description: string;
    options: Record<string, OptionSpec>;
    run(context: CommandContext): Promise<number> | number;
}

/** A command-line mistake: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** The parseArgs options of a command (its own plus --help). */
export function parseArgsOptions(options: Record<string, OptionSpec>): NonNullable<ParseArgsConfig["options"]> {
    const spec: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
    for (const [name, option] of Object.entries(options)) {
        spec[name] = { type: option.type, ...(option.multiple ? { multiple: true } : {}), ...(option.short ? { short: option.short } : {}) };
    }
    return spec;
}

/** The options section of a help text: one aligned line per option, wrapped to `width`. */
export function renderOptions(options: Record<string, OptionSpec>, width: number): string[] {
    const rows = Object.entries(options).map(([name, o]) => [
        `${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`,
        `${o.help}${o.multiple ? " Repeatable." : ""}`,
    ]);
    const left = Math.min(32, Math.max(...rows.map(([flag]) => flag.length)) + 2);
    const lines: string[] = [];
    for (const [flag, help] of rows) {
        const wrapped = wrapWords(help, width - left - 2);
        if (flag.length + 2 > left) lines.push(`  ${flag}`);
        else lines.push(`  ${flag.padEnd(left)}${wrapped.shift() ?? ""}`);
        for (const line of wrapped) lines.push(`  ${" ".repeat(left)}${line}`);
    }
    return lines;
}
