/**
 * The check-role report for a terminal: a table that fits the given width (long ARNs and statement
 * names wrap onto continuation lines), then one summary line per failing feature. `--json` carries
 * every detail this drops.
 */
import type { FeatureReport, PermissionResult, RoleCheckReport } from "../connect/roleCheck";
import { formatStatementRef } from "../policy";
import type { Decision } from "../policy";
import { wrapWords } from "./command";
import type { Style } from "./style";

const LABELS: Record<Decision, string> = { allowed: "allowed", denied: "DENIED", implicitDeny: "MISSING", unknown: "UNKNOWN" };
const COLORS: Record<Decision, Parameters<Style>[0]> = { allowed: "green", denied: "red", implicitDeny: "red", unknown: "yellow" };
const HEADER = ["FEATURE", "ACTION", "RESOURCE", "RESULT", "STATEMENT"];
/** Columns that wrap when the table is too wide: RESOURCE and STATEMENT. */
const FLEXIBLE = [2, 4];
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
    for (const warning of report.warnings) lines.push(...wrapWords(`${style("yellow", "Warning:")} ${warning}`, width));
    lines.push(...wrapWords("Note: SCPs, session policies and resource-based policies (bucket, stream, key policies) are not evaluated.", width));
    return lines.join("\n");
}

function labelled(label: string, text: string, width: number): string[] {
    const indent = 10;
    return wrapHard(text, width - indent).map((line, i) => `${i === 0 ? label.padEnd(indent) : " ".repeat(indent)}${line}`);
}

function renderTable(report: RoleCheckReport, width: number, style: Style): string[] {
    const rows = report.features.flatMap((f) => f.permissions.map((p) => ({ decision: p.decision, cells: [f.feature, p.action, p.resource, LABELS[p.decision], statementColumn(p)] })));
    const widths = columnWidths([HEADER, ...rows.map((r) => r.cells)], width);
    const lines = [style("bold", renderRow(HEADER, widths)), renderRow(widths.map((w) => "-".repeat(w)), widths)];
    for (const row of rows) {
        const wrapped = row.cells.map((cell, i) => (FLEXIBLE.includes(i) ? wrapHard(cell, widths[i]) : [cell]));
        const height = Math.max(...wrapped.map((w) => w.length));
        for (let line = 0; line < height; line++) {
            const cells = wrapped.map((w) => w[line] ?? "");
            const text = renderRow(cells, widths);
            lines.push(line === 0 ? colorResult(text, cells, widths, style(COLORS[row.decision], cells[3])) : text);
        }
    }
    return lines;
}

/** Natural widths, with the flexible columns shrunk (the narrower one kept whole when it fits half) to fit. */
export function columnWidths(rows: string[][], width: number): number[] {
    const natural = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const fixed = natural.reduce((sum, w, i) => (FLEXIBLE.includes(i) ? sum : sum + w), 0) + GAP * (natural.length - 1);
    const room = Math.max(24, width - fixed);
    const [a, b] = FLEXIBLE.map((i) => natural[i]);
    if (a + b <= room) return natural;
    const widths = [...natural];
    const half = Math.floor(room / 2);
    if (a <= half) widths[FLEXIBLE[1]] = room - a;
    else if (b <= half) widths[FLEXIBLE[0]] = room - b;
    else [widths[FLEXIBLE[0]], widths[FLEXIBLE[1]]] = [room - half, half];
    return widths;
}

function renderRow(cells: string[], widths: number[]): string {
    return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join(" ".repeat(GAP)).trimEnd();
}

/** Colours the RESULT cell of an already padded row (colour codes must not count towards widths). */
function colorResult(text: string, cells: string[], widths: number[], colored: string): string {
    const start = widths.slice(0, 3).reduce((sum, w) => sum + w + GAP, 0);
    return text.slice(0, start) + colored + text.slice(start + cells[3].length);
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
