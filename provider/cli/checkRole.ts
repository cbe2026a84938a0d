/** `check-role`: reads a Connect service-linked role's policies from IAM and checks them. */
import { createIamClient } from "../iam/client";
import { checkRolePermissions } from "../connect/roleCheck/check";
import type { RequestContext } from "../policy";
import { Command, EXIT, UsageError } from "./command";
import { buildConfig, FEATURE_OPTIONS, SCOPE_OPTIONS } from "./connectOptions";
import { renderReport } from "../connect/roleCheck/render";

export const checkRoleCommand: Command = {
    name: "check-role",
    summary: "Check that a Connect service-linked role allows what the given features need.",
    usage: "check-role --role <name|arn> [options]",
    description:
        "Reads the role's managed, inline and boundary policies from IAM and checks that they allow every permission Amazon Connect needs for the features given by the options below. " +
        "Prints a table (all details with --json) and exits 0 when everything is allowed, 1 when something is missing, denied or undecidable, 2 on usage errors, and 3 when IAM could not be read.",
    options: {
        role: { type: "string", value: "<name|arn>", help: "The Connect service-linked role (AWSServiceRoleForAmazonConnect[_<id>])." },
        ...SCOPE_OPTIONS,
        ...FEATURE_OPTIONS,
        context: { type: "string", multiple: true, value: "<key=value>", help: "Condition key to assume while evaluating; repeat a key for a list." },
        "missing-keys": { type: "string", value: "<unknown|absent>", help: "Treat condition keys nobody supplied as undecidable (default) or as absent." },
        profile: { type: "string", value: "<name>", help: "Named AWS profile for the IAM calls." },
        json: { type: "boolean", help: "Print the full report as JSON instead of a table." },
    },
    async run({ values, io, style }) {
        const role = values.role as string | undefined;
        if (!role) throw new UsageError("check-role needs --role <name|arn>");
        const config = buildConfig(values, io.env);
        const client = createIamClient({ region: config.region, profile: values.profile as string | undefined });
        try {
            const report = await checkRolePermissions({
                role,
                config,
                client,
                context: parseContext((values.context as string[] | undefined) ?? []),
                missingKeys: parseMissingKeys(values["missing-keys"] as string | undefined),
            });
            io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderReport(report, { width: io.width ?? 100, style })}\n`);
            return report.ok ? EXIT.ok : EXIT.missing;
        } finally {
            client.destroy();
        }
    },
};

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
