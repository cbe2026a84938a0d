import type { AccountResult, RolloutReport } from "./results";

// Text renderings of a rollout: one line per account as it finishes, a summary table, a Markdown
// summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY, GitLab's job artifacts), and a
// progress bar that the CLI draws only on a terminal.

const MARK: Record<AccountResult["outcome"], string> = { ok: "ok", drift: "DRIFT", failed: "FAILED", unreachable: "UNREACHABLE", forgotten: "forgotten" };

/** What happened in the account, in a few words: `create 1`, `no changes`, `adopted`, the error. */
export function accountDetail(result: AccountResult): string {
    if (result.outcome === "failed" || result.outcome === "unreachable" || result.outcome === "forgotten") return result.error ?? "";
    const parts: string[] = [];
    if (result.reason === "leftSelection") parts.push("left the selection");
    if (result.action === "status") {
        for (const role of result.roles ?? []) {
            const claims = role.claims ? `, ${role.claims.length} claim${role.claims.length === 1 ? "" : "s"}` : "";
            const drift = role.drift.length > 0 ? `, drift: ${role.drift.join(", ")}` : "";
            parts.push(`${role.roleName ?? role.role} ${role.state}${role.ownership ? ` (${role.ownership})` : ""}${claims}${drift}`);
        }
        return parts.join("; ");
    }
    const changes = Object.entries(result.changes ?? {}).filter(([op, n]) => op !== "same" && n > 0);
    parts.push(changes.length === 0 ? "no changes" : changes.map(([op, n]) => `${op} ${n}`).join(", "));
    const adopted = (result.roles ?? []).filter((r) => r.ownership === "adopted").length;
    if (adopted > 0) parts.push(`${adopted} adopted`);
    return parts.join("; ");
}

/** The line printed when an account finishes. */
export function accountLine(result: AccountResult): string {
    const name = result.accountName ? ` (${result.accountName})` : "";
    return `${MARK[result.outcome].padEnd(11)} ${result.accountId}${name}  ${result.action}  ${accountDetail(result)}  [${(result.durationMs / 1000).toFixed(1)} s]`;
}

/** Counts of outcomes, in a fixed order. */
export function outcomeCounts(report: RolloutReport): Record<AccountResult["outcome"], number> {
    const counts = { ok: 0, drift: 0, failed: 0, unreachable: 0, forgotten: 0 };
    for (const a of report.accounts) counts[a.outcome]++;
    return counts;
}

function headline(report: RolloutReport): string {
    const counts = Object.entries(outcomeCounts(report))
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ");
    const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.count})` : "";
    const verdict = report.converged ? "every account converged" : "NOT every account converged";
    return `rollout ${report.operation}${shard}: ${report.accounts.length} account${report.accounts.length === 1 ? "" : "s"} in ${(report.durationMs / 1000).toFixed(1)} s, ${counts || "nothing to do"}; ${verdict}`;
}

/** A fixed-width summary table of every account, sized to `width` columns. */
export function summaryTable(report: RolloutReport, width = 100): string {
    const rows = report.accounts.map((a) => [a.accountId, a.accountName ?? "", a.action, MARK[a.outcome], accountDetail(a)]);
    const head = ["ACCOUNT", "NAME", "ACTION", "RESULT", "DETAIL"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < 4 ? r[i].length : 0))));
    widths[1] = Math.min(widths[1], 20);
    const fixed = widths.slice(0, 4).reduce((a, b) => a + b + 2, 0);
    const detailWidth = Math.max(20, width - fixed);
    const line = (cells: string[]) =>
        cells
            .map((c, i) => (i < 4 ? (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i])) : c.length > detailWidth ? `${c.slice(0, detailWidth - 1)}…` : c))
            .join("  ")
            .trimEnd();
    const skipped = report.skipped.map((s) => `skipped ${s.id}: ${s.reason}`);
    return [line(head), ...rows.map(line), "", ...skipped, headline(report)].join("\n") + "\n";
}

/** A Markdown summary: the verdict, the counts and one table row per account (errors in full). */
export function markdownSummary(report: RolloutReport): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
    const lines = [
        `### Service-linked role rollout: \`${report.operation}\` ${report.converged ? "✅" : "❌"}`,
        "",
        headline(report),
        "",
        `Project \`${report.project}\`, backend \`${report.backendUrl.replace(/\?.*$/, "")}\`, management account \`${report.managementAccountId}\`, parallel ${report.parallel}.`,
        "",
        "| Account | Name | Action | Result | Detail |",
        "|---|---|---|---|---|",
        ...report.accounts.map((a) => `| \`${a.accountId}\` | ${cell(a.accountName ?? "")} | ${a.action} | ${MARK[a.outcome]} | ${cell(accountDetail(a))} |`),
    ];
    for (const s of report.skipped) lines.push("", `Skipped \`${s.id}\`: ${s.reason}.`);
    return `${lines.join("\n")}\n`;
}

/** A one-line progress bar (`[#####.....] 12/40 accounts, 2 failed`), for a terminal only. */
export function progressBar(done: number, total: number, failed: number, width = 30): string {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} accounts${failed > 0 ? `, ${failed} not converged` : ""}`;
}
