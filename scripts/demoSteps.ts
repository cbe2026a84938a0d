// Output helpers shared by the demo's parts.

/** Prints a numbered step heading. */
export function step(title: string): void {
    console.log(`\n=== ${title}`);
}

/** Indents command output under its step. */
export function indent(text: string): string {
    return text
        .trimEnd()
        .split("\n")
        .map((line) => `    ${line}`)
        .join("\n");
}

/** Fails the demo when the engine's change counts differ from the expected ones. */
export function assertChanges(what: string, actual: Record<string, number> | undefined, expected: Record<string, number>): void {
    for (const [op, count] of Object.entries(expected)) {
        if ((actual?.[op] ?? 0) !== count) {
            throw new Error(`${what}: expected ${count} ${op}, engine reported ${JSON.stringify(actual)}`);
        }
    }
}
