/** `rollout preview|up|status|destroy`: service-linked roles across the accounts of an AWS Organization. */
import * as fs from "node:fs";
import { loadSpecFile } from "../org/specFile";
import { RolloutSpecError } from "../org/specValidation";
import { parseShard, RolloutOperation } from "../org/plan";
import { runRollout } from "../org/rollout";
import { accountLine, markdownSummary, progressBar, summaryTable } from "../org/report";
import { isConverged } from "../org/results";
import { Command, EXIT, UsageError } from "./command";

const ACTIONS: readonly RolloutOperation[] = ["preview", "up", "status", "destroy"];

export const rolloutCommand: Command = {
    name: "rollout",
    summary: "Ensure service-linked roles in every account of an AWS Organization (preview, up, status, destroy).",
    usage: "rollout <preview|up|status|destroy> --spec <file> [options]",
    description:
        "Reads a spec (YAML or JSON: roles, accounts, member role, backend), discovers the accounts through AWS Organizations with the " +
        "caller's credentials, and runs one Pulumi stack <project>/<account-id> per account, several at once. preview shows what would " +
        "change, up converges (and destroys the stacks of accounts that left the selection), status reads every role from IAM (present, " +
        "created or adopted, claims, drift), destroy removes every stack. An account that cannot be reached is reported and its stack kept. " +
        "Exit code 0 when every account converged, 1 when one did not, 2 for a bad spec or usage, 3 when the run could not start. See docs/org-rollout.md.",
    actions: ACTIONS,
    options: {
        spec: { type: "string", value: "<file>", help: "The rollout spec, YAML or JSON." },
        parallel: { type: "string", value: "<n>", help: "Accounts worked on at once. Default 4." },
        shard: { type: "string", value: "<k/n>", help: "Only shard k of n (for a CI matrix sharing one backend)." },
        backend: { type: "string", value: "<url>", help: "Pulumi backend URL, instead of the spec's (file://, s3://, https://api.pulumi.com)." },
        "forget-unreachable": { type: "boolean", help: "Remove from the backend the stacks of unreachable accounts that left the selection (or, with destroy, all)." },
        json: { type: "boolean", help: "Print the report as JSON (every account's result and error) instead of text." },
        markdown: { type: "string", value: "<file>", help: "Append a Markdown summary to this file (e.g. \"$GITHUB_STEP_SUMMARY\")." },
        "pulumi-root": { type: "string", value: "<dir>", help: "A Pulumi CLI installation (<dir>/bin/pulumi). Default: pulumi on PATH." },
        "pulumi-home": { type: "string", value: "<dir>", help: "PULUMI_HOME for the engine. Default: Pulumi's own." },
    },
    async run({ values, positionals, io }) {
        const operation = positionals[0] as RolloutOperation | undefined;
        if (!operation || !ACTIONS.includes(operation)) throw new UsageError(`rollout needs an action: ${ACTIONS.join(", ")}${operation ? `; got "${operation}"` : ""}`);
        if (typeof values.spec !== "string") throw new UsageError("rollout needs --spec <file>");
        const parallel = values.parallel === undefined ? undefined : Number(values.parallel);
        if (parallel !== undefined && (!Number.isInteger(parallel) || parallel < 1)) throw new UsageError(`--parallel must be a whole number of at least 1; got "${values.parallel}"`);
        let shard;
        try {
            shard = typeof values.shard === "string" ? parseShard(values.shard) : undefined;
        } catch (err) {
            throw new UsageError((err as Error).message);
        }
        let spec;
        try {
            spec = loadSpecFile(values.spec);
        } catch (err) {
            if (!(err instanceof RolloutSpecError)) throw err;
            io.err(`Error: ${err.message}\n`);
            return EXIT.usage;
        }
        if (typeof values.backend === "string") spec = { ...spec, backendUrl: values.backend };
        const progress = liveProgress(io, !values.json);
        const report = await runRollout(spec, operation, {
            parallel,
            shard,
            forgetUnreachable: values["forget-unreachable"] === true,
            pulumiRoot: values["pulumi-root"] as string | undefined,
            pulumiHome: values["pulumi-home"] as string | undefined,
            onPlan: progress.plan,
            onAccountDone: progress.done,
        });
        progress.clear();
        if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
        else io.out(`\n${summaryTable(report, io.width)}`);
        if (typeof values.markdown === "string") fs.appendFileSync(values.markdown, markdownSummary(report));
        return report.converged ? EXIT.ok : EXIT.missing;
    },
};

/** One line per account on standard output as it finishes; a bar on standard error when it is a terminal. */
function liveProgress(io: Parameters<Command["run"]>[0]["io"], lines: boolean) {
    let total = 0;
    let finished = 0;
    let failed = 0;
    const bar = io.tty === true;
    const draw = () => bar && io.err(`\r\x1b[2K${progressBar(finished, total, failed)}`);
    return {
        plan: (tasks: readonly unknown[]) => {
            total = tasks.length;
            draw();
        },
        done: (result: Parameters<typeof accountLine>[0]) => {
            finished++;
            if (!isConverged(result)) failed++;
            if (bar) io.err("\r\x1b[2K");
            if (lines) io.out(`${accountLine(result)}\n`);
            draw();
        },
        clear: () => bar && io.err("\r\x1b[2K"),
    };
}
