/**
 * A warning for the person running Pulumi. The dynamic-provider host has no engine log channel;
 * the engine shows what a provider writes to stderr in the command's output.
 */
export function warn(message: string): void {
    process.stderr.write(`warning: ServiceLinkedRole: ${message}\n`);
}
