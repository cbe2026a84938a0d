/**
 * The one renderer of a role check report, used by `formatReport` (library) and by the CLI's
 * `check-role`: in at most the given width (a long ARN or statement list wraps onto continuation
 * lines), a block per feature and resource, then one summary line per failing feature and one line
 * per missing permission with its reason. The JSON form of the report carries every detail.
 */
import type { styleText } from "node:util";
import { formatStatementRef } from "../../policy";
import type { Decision } from "../../policy";
import { wrapHard, wrapWords } from "../../text/wrap";
import { DECISION_LABELS as LABELS, FeatureReport, missingLine, PermissionResult, RoleCheckReport } from "./report";

/** Applies a terminal format (colour, bold) to text, or returns it unchanged when colour is off. */
export type Style = (format: Parameters<typeof styleText>[0], text: string) => string;

/** How {@link renderReport} lays the report out. */
export interface RenderOptions {
    /** Columns available. @default 100 */
    width?: number;
    /** Colour and emphasis. @default none (plain text) */
    style?: Style;
    /**
     * List every missing permission with its reason under the summary. The CLI leaves them to
     * `--json` to keep a terminal page short. @default false
     */
    reasons?: boolean;
}

const PLAIN: Style = (_format, text) => text;
const COLORS: Record<Decision, Parameters<Style>[0]> = { allowed: "green", denied: "red", implicitDeny: "red", unknown: "yellow" };
const GAP = 2;

/** Renders the report in at most `width` columns. */
export function renderReport(report: RoleCheckReport, options: RenderOptions = {}): string {
    const width = options.width ?? 100;
    const style = options.style ?? PLAIN;
    const lines = [
        ...labelled("Role:", report.role.arn, width),
        ...labelled("Scope:", `account ${report.account}, region ${report.region}, partition ${report.partition}`, width),
        ...labelled("Policies:", report.policies.map((p) => `${p.name} (${p.kind}${p.versionId ? ` ${p.versionId}` : ""})`).join(", ") || "none", width),
        "",
        ...renderTable(report, width, style),
        "",
        ...summary(report, width, style, options.reasons === true),
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


function statementColumn(result: PermissionResult): string {
    const refs = result.decision === "denied" ? result.deniedBy : result.decision === "allowed" ? result.allowedBy : result.decision === "unknown" ? result.undecided : [];
    return refs.map(formatStatementRef).join(", ") || "-";
}

/** OK, or NOT OK with one line per failing feature: counts by outcome and the actions concerned. */
function summary(report: RoleCheckReport, width: number, style: Style, reasons: boolean): string[] {
    const total = report.features.reduce((sum, f) => sum + f.permissions.length, 0);
    if (report.ok) return [style(["bold", "green"], `OK: all ${total} required permissions are allowed.`)];
    const failing = report.features.filter((f) => !f.ok);
    const lines = [style(["bold", "red"], `NOT OK: ${report.missing.length} of ${total} required permissions are not allowed, in ${failing.length} feature${failing.length === 1 ? "" : "s"}:`)];
    for (const feature of failing) lines.push(featureLine(feature, width, style));
    if (!reasons) lines.push("Each permission's reason and the statements involved: --json.");
    else for (const m of report.missing) lines.push(...wrapHard(missingLine(m), width - 6).map((line, i) => `${i === 0 ? "    * " : "      "}${line}`));
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

/** A report as plain text (no colour) in 100 columns, with the reason for each missing permission. */
export function formatReport(report: RoleCheckReport): string {
    return renderReport(report, { reasons: true });
}
