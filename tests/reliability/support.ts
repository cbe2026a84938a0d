import * as fs from "node:fs";
import * as path from "node:path";
import { DeleteServiceLinkedRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { ActionCount, RawRequest } from "../harness/faultProxy";
import { Credentials, serviceLinkedRoles } from "../harness/iam";
import { repoRoot, testCredentials } from "../harness/moto";

export { Credentials, directIamClient, roleInIam, serviceLinkedRoles } from "../harness/iam";

/** Deletes every service-linked role of a service (test clean-up when moto cannot simply be reset). */
export async function deleteServiceLinkedRoles(client: IAMClient, awsServiceName: string): Promise<void> {
    for (const role of await serviceLinkedRoles(client, awsServiceName)) {
        await client.send(new DeleteServiceLinkedRoleCommand({ RoleName: role.RoleName }));
    }
}

/** The outcome of a promise with its duration, so a test can assert on failures without try/catch noise. */
export interface Settled<T> {
    value?: T;
    error?: Error;
    ms: number;
}

/** Awaits a promise and captures its value or error and how long it took. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
    const started = Date.now();
    try {
        const value = await promise;
        return { value, ms: Date.now() - started };
    } catch (err) {
        return { error: err instanceof Error ? err : new Error(String(err)), ms: Date.now() - started };
    }
}

/**
 * Watches everything the lifecycle hands back (values and errors) and reports where a secret shows
 * up. Errors are walked through their non-enumerable properties too (`message`, `stack`, `cause`,
 * the SDK's `$response`), since that is where a leaked request would hide.
 */
export class SecretGuard {
    private readonly secrets: Set<string>;
    private readonly findings: string[] = [];
    private observed = 0;

    constructor(secrets: Iterable<string>) {
        this.secrets = new Set([...secrets].filter((s) => s.length > 0));
    }

    /** Adds secrets to look for (for instance access keys created during a test). */
    add(...secrets: string[]): void {
        for (const s of secrets) if (s) this.secrets.add(s);
    }

    /** Awaits `promise`, inspects its value or error, and passes the outcome through unchanged. */
    async watch<T>(label: string, promise: Promise<T>): Promise<T> {
        try {
            const value = await promise;
            this.inspect(label, value);
            return value;
        } catch (err) {
            this.inspect(`${label} (error)`, err);
            throw err;
        }
    }

    /** Inspects one value now. */
    inspect(label: string, value: unknown): void {
        this.observed += 1;
        for (const where of locateSecrets(value, this.secrets)) this.findings.push(`${label}: ${where}`);
    }

    /** Where secrets were found, as `label: property path`. */
    report(): { observed: number; findings: string[] } {
        return { observed: this.observed, findings: [...this.findings] };
    }
}

/** Property paths under `value` whose string form contains one of `secrets`. */
export function locateSecrets(value: unknown, secrets: ReadonlySet<string>): string[] {
    const found: string[] = [];
    const seen = new WeakSet<object>();
    const visit = (node: unknown, at: string, depth: number) => {
        if (typeof node === "string") {
            if ([...secrets].some((s) => node.includes(s))) found.push(at || "(value)");
            return;
        }
        if (node === null || typeof node !== "object" || depth > 12 || seen.has(node)) return;
        seen.add(node);
        if (node instanceof Map) {
            for (const [k, v] of node) visit(v, `${at}.get(${String(k)})`, depth + 1);
            return;
        }
        for (const key of Object.getOwnPropertyNames(node)) {
            visit(String(key), `${at}[key]`, depth + 1);
            visit((node as Record<string, unknown>)[key], `${at}.${key}`, depth + 1);
        }
    };
    visit(value, "", 0);
    return found;
}

/**
 * Wire-level secret check: the secret access key must never leave the process (SigV4 only sends a
 * signature), and the session token may travel only in `x-amz-security-token`.
 */
export function secretsOnTheWire(requests: readonly RawRequest[], credentials: Credentials = testCredentials): string[] {
    const problems: string[] = [];
    for (const request of requests) {
        const everything = `${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
        if (everything.includes(credentials.secretAccessKey)) problems.push(`request ${request.seq}: secret access key`);
        if (!credentials.sessionToken) continue;
        const { ["x-amz-security-token"]: _allowed, ...otherHeaders } = request.headers;
        const outsideTokenHeader = `${request.url}\n${JSON.stringify(otherHeaders)}\n${request.body}`;
        if (outsideTokenHeader.includes(credentials.sessionToken)) problems.push(`request ${request.seq}: session token outside x-amz-security-token`);
    }
    return problems;
}

/** One row of the reliability matrix. */
export interface MatrixRow {
    scenario: string;
    fault: string;
    outcome: string;
    calls: Record<string, ActionCount>;
}

/** Short names keep the matrix readable; the order follows a role's lifecycle. */
const ACTION_LABELS: Array<[string, string]> = [
    ["CreateServiceLinkedRole", "Create"],
    ["ListRoles", "List"],
    ["GetRole", "Get"],
    ["UpdateRole", "Update"],
    ["TagRole", "Tag"],
    ["UntagRole", "Untag"],
    ["DeleteServiceLinkedRole", "Delete"],
    ["GetServiceLinkedRoleDeletionStatus", "Status"],
];

/** `Create 3/1, Get 1/1`: received/forwarded per action. */
export function formatCalls(calls: Record<string, ActionCount>): string {
    const known = ACTION_LABELS.filter(([action]) => calls[action]).map(([action, label]) => `${label} ${calls[action].received}/${calls[action].forwarded}`);
    const others = Object.keys(calls)
        .filter((action) => !ACTION_LABELS.some(([a]) => a === action))
        .map((action) => `${action} ${calls[action].received}/${calls[action].forwarded}`);
    return [...known, ...others].join(", ") || "none";
}

/** The matrix as a markdown table. */
export function renderMatrix(rows: readonly MatrixRow[]): string {
    const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
    const lines = [
        "| Scenario | Injected fault | Outcome | IAM calls per action (received/forwarded) |",
        "|---|---|---|---|",
        ...rows.map((r) => `| ${cell(r.scenario)} | ${cell(r.fault)} | ${cell(r.outcome)} | ${cell(formatCalls(r.calls))} |`),
    ];
    return lines.join("\n");
}

/** Where the last run's matrix is written (git-ignored). */
export const MATRIX_FILE = path.join(repoRoot, ".tools", "reliability-matrix.md");

/** Writes the matrix as markdown, with the legend, to {@link MATRIX_FILE}. */
export function writeMatrix(rows: readonly MatrixRow[], legend: string): void {
    fs.mkdirSync(path.dirname(MATRIX_FILE), { recursive: true });
    fs.writeFileSync(MATRIX_FILE, `# Reliability matrix (${new Date().toISOString()})\n\n${legend}\n\n${renderMatrix(rows)}\n`);
}
