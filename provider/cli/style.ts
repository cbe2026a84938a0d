/**
 * Terminal colour through `node:util`'s styleText, decided once per run: on when standard output
 * is a terminal, off when it is piped or redirected, and off whenever NO_COLOR is set
 * (https://no-color.org). FORCE_COLOR (not 0) turns it on for a pipe.
 */
import { styleText } from "node:util";

type Format = Parameters<typeof styleText>[0];

/** Applies a format when colour is on, else returns the text unchanged. */
export type Style = (format: Format, text: string) => string;

/** Whether output to a stream should be coloured, from the stream and the environment. */
export function colorWanted(isTty: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
    return isTty === true && env.TERM !== "dumb";
}

/** A styler that colours only when `color` is true. */
export function createStyle(color: boolean): Style {
    // validateStream: false because the decision above already looked at the stream and NO_COLOR.
    return color ? (format, text) => styleText(format, text, { validateStream: false }) : (_format, text) => text;
}
