/**
 * The check-role report for a terminal, in at most the given width (a long ARN or statement list
 * wraps onto continuation lines), then one summary line per failing feature. `--json` carries
 * every detail this drops.
 */
import type { FeatureReport, PermissionResult, RoleCheckReport } from "../connect/roleCheck";
import { formatStatementRef } from "../policy";
import type { Decision } from "../policy";
import { wrapWords } from "./command";
import type { Style } from "./style";

const LABELS: Record<Decision, string> = { allowed: "allowed", denied: "DENIED", implicitDeny: "MISSING", unknown: "UNKNOWN" };
const COLORS: Record<Decision, Parameters<Style>[0]> = { allowed: "green", denied: "red", implicitDeny: "red", unknown: "yellow" };
const GAP = 2;

/** Renders the report in at most `width` columns. */
export function renderReport(report: RoleCheckReport, width: number, style: Style): string {
    const lines = [
        ...labelled("Role:", report.role.arn, width),
        ...labelled("Scope:", `account ${report.account}, region ${report.region}, partition ${report.partition}`, width),
        ...labelled("Policies:", report.policies.map((p) => `${p.name} (${p.kind}${p.versionId ? ` ${p.versionId}` : ""})`).join(", ") || "none", width),
        "",
        ...renderTable(report, width, style),
        "",
        ...summary(report, width, style),
    ];
    for (const warning of report.warnings) lines.push(...wrapWords(`Warning: ${warning}`, width).map((l) => l.replace(/^Warning:/, style("yellow", "Warning:"))));
    lines.push(...wrapWords("Note: SCPs, session policies and resource-based policies (bucket, stream, key policies) are not evaluated.", width));
    return lines.join("\n");
}

function labelled(label: string, text: string, width: number): string[] {
    const indent = 10;
    return wrapHard(text, width - indent).map((line, i) => `${i === 0 ? label.padEnd(indent) : " ".repeat(indent)}${line}`);
}

/**
 * One block per feature and resource: a heading `feature: resource` (the resource gets the whole
 * width, so ARNs rarely wrap), then a row per action with its result and the deciding statements.
 */
function renderTable(report: RoleCheckReport, width: number, style: Style): string[] {
    const actionWidth = Math.max(6, ...report.features.flatMap((f) => f.permissions.map((p) => p.action.length)));
    const statementWidth = Math.max(10, width - INDENT.length - RESULT_WIDTH - actionWidth - 2 * GAP);
    const row = (result: string, action: string, statement: string) =>
        `${INDENT}${result.padEnd(RESULT_WIDTH)}${" ".repeat(GAP)}${action.padEnd(actionWidth)}${" ".repeat(GAP)}${statement}`.trimEnd();
    const lines = [style("bold", "FEATURE: RESOURCE"), style("bold", row("RESULT", "ACTION", "STATEMENT"))];
    for (const feature of report.features) {
        for (const [resource, permissions] of groupByResource(feature.permissions)) {
            lines.push(...wrapHard(`${feature.feature}: ${resource}`, width).map((line, i) => (i === 0 ? line.replace(feature.feature, style("bold", feature.feature)) : `    ${line}`)));
            for (const p of permissions) {
                const [first, ...more] = wrapHard(statementColumn(p), statementWidth);
                const label = LABELS[p.decision];
                lines.push(row(label, p.action, first).replace(label, style(COLORS[p.decision], label)));
                for (const line of more) lines.push(row("", "", line));
            }
        }
    }
    return lines;
}

const INDENT = "  ";
const RESULT_WIDTH = 7;

function groupByResource(permissions: PermissionResult[]): Map<string, PermissionResult[]> {
    const groups = new Map<string, PermissionResult[]>();
    for (const p of permissions) groups.set(p.resource, [...(groups.get(p.resource) ?? []), p]);
    return groups;
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

function statementColumn(result: PermissionResult): string {
    const refs = result.decision === "denied" ? result.deniedBy : result.decision === "allowed" ? result.allowedBy : result.decision === "unknown" ? result.undecided : [];
    return refs.map(formatStatementRef).join(", ") || "-";
}

/** OK, or NOT OK with one line per failing feature: counts by outcome and the actions concerned. */
function summary(report: RoleCheckReport, width: number, style: Style): string[] {
    const total = report.features.reduce((sum, f) => sum + f.permissions.length, 0);
    if (report.ok) return [style(["bold", "green"], `OK: all ${total} required permissions are allowed.`)];
    const failing = report.features.filter((f) => !f.ok);
    const lines = [style(["bold", "red"], `NOT OK: ${report.missing.length} of ${total} required permissions are not allowed, in ${failing.length} feature${failing.length === 1 ? "" : "s"}:`)];
    for (const feature of failing) lines.push(featureLine(feature, width, style));
    lines.push("Each permission's reason and the statements involved: --json.");
    return lines;
}

function featureLine(feature: FeatureReport, width: number, style: Style): string {
    const counts = new Map<string, number>();
    for (const m of feature.missing) counts.set(LABELS[m.decision], (counts.get(LABELS[m.decision]) ?? 0) + 1);
    const outcome = [...counts].map(([label, n]) => `${n} ${label}`).join(", ");
    const actions = [...new Set(feature.missing.map((m) => m.action))].join(", ");
    const plain = `  - ${feature.feature}: ${outcome} of ${feature.permissions.length}: ${actions}`;
    const fitted = plain.length > width ? `${plain.slice(0, width - 3)}...` : plain;
    return fitted.replace(feature.feature, style("bold", feature.feature));
}
