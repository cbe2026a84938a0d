/** Text wrapping for terminal output: the CLI's help and the role check's report. */

/** Splits text into lines of at most `width` characters at spaces (a longer word gets its own line). */
export function wrapWords(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
    return lines;
}

/** Splits text into pieces of at most `width` characters, preferring breaks after `/`, `:`, `#`, `,` or a space. */
export function wrapHard(text: string, width: number): string[] {
    const pieces: string[] = [];
    let rest = text;
    while (rest.length > width) {
        const window = rest.slice(0, width);
        const cut = Math.max(...["/", ":", "#", ",", " "].map((c) => window.lastIndexOf(c))) + 1;
        const at = cut > width / 3 ? cut : width;
        pieces.push(rest.slice(0, at).trimEnd());
        rest = rest.slice(at).trimStart();
    }
    return [...pieces, rest];
}
