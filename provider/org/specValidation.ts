import { validateInputs } from "../iam/validation";
import { ResolvedSpec, roleResourceName, ROLLOUT_DEFAULTS, RolloutRoleSpec } from "./spec";

/** A spec that breaks a rule; lists every problem, each naming its field (`roles[1].deletionPolicy`). */
export class RolloutSpecError extends Error {
    constructor(
        public readonly problems: string[],
        where = "rollout spec",
    ) {
        super(`Invalid ${where}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "RolloutSpecError";
    }
}

// Identifier shapes from the AWS Organizations API reference (Account.Id, OrganizationalUnit.Id,
// Root.Id) and the IAM role-name rules (IAM User Guide, "IAM object quotas").
const ACCOUNT_ID = /^\d{12}$/;
const PARENT_ID = /^(?:ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;
const ROLE_NAME = /^(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,64}$/;
// STS AssumeRole: RoleSessionName 2-64 of [\w+=,.@-], ExternalId 2-1224 of [\w+=,.@:/-].
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
// Pulumi project names: letters, digits, `-`, `_`, `.`; at most 100.
const PROJECT = /^[A-Za-z0-9_.-]{1,100}$/;

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, problems: Problems): void {
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) problems.push(`${where}${where ? "." : ""}${key} is not a known field (allowed: ${allowed.join(", ")})`);
    }
}

function text(value: unknown, where: string, pattern: RegExp, rule: string, problems: Problems): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !pattern.test(value)) {
        problems.push(`${where} must be ${rule}; got ${JSON.stringify(value)}`);
        return undefined;
    }
    return value;
}

function flag(value: unknown, where: string, problems: Problems): boolean {
    if (value === undefined) return false;
    if (typeof value !== "boolean") problems.push(`${where} must be true or false; got ${JSON.stringify(value)}`);
    return value === true;
}

function idList(value: unknown, where: string, pattern: RegExp, rule: string, problems: Problems): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
        problems.push(`${where} must be a list of ${rule}`);
        return [];
    }
    const ids: string[] = [];
    value.forEach((id, i) => {
        // YAML reads an unquoted 12-digit id as a number; a number of 12 digits is accepted as text.
        const candidate = typeof id === "number" && Number.isInteger(id) ? String(id).padStart(12, "0") : id;
        const ok = text(candidate, `${where}[${i}]`, pattern, rule, problems);
        if (ok !== undefined) ids.push(ok);
    });
    return ids;
}

const ROLE_KEYS = ["awsServiceName", "customSuffix", "description", "tags", "deletionPolicy"] as const;

function roles(value: unknown, problems: Problems): RolloutRoleSpec[] {
    if (!Array.isArray(value) || value.length === 0) {
        problems.push("roles must be a non-empty list of { awsServiceName, customSuffix, description, tags, deletionPolicy }");
        return [];
    }
    const seen = new Map<string, number>();
    return value.flatMap((role, i) => {
        const at = `roles[${i}]`;
        if (!isRecord(role)) {
            problems.push(`${at} must be an object with an awsServiceName`);
            return [];
        }
        unknownKeys(role, ROLE_KEYS, at, problems);
        if (role.awsServiceName === undefined) problems.push(`${at}.awsServiceName is required (e.g. connect.amazonaws.com)`);
        // The same rules as the ServiceLinkedRole resource, so a spec never fails later at preview.
        for (const failure of validateInputs(role).failures) problems.push(`${at}.${failure.property} ${failure.reason}`);
        const name = roleResourceName(role as unknown as RolloutRoleSpec);
        if (seen.has(name)) problems.push(`${at} repeats roles[${seen.get(name)}] (same awsServiceName and customSuffix)`);
        seen.set(name, i);
        return [role as unknown as RolloutRoleSpec];
    });
}

const ACCOUNT_KEYS = ["organization", "organizationalUnits", "ids", "exclude", "managementAccount"] as const;

function accounts(value: unknown, problems: Problems): ResolvedSpec["accounts"] {
    const empty = { organization: false, managementAccount: false, organizationalUnits: [], ids: [], exclude: [] };
    if (!isRecord(value)) {
        problems.push("accounts must be an object such as { organization: true } or { organizationalUnits: [ou-...], ids: [...] }");
        return empty;
    }
    unknownKeys(value, ACCOUNT_KEYS, "accounts", problems);
    const selected = {
        organization: flag(value.organization, "accounts.organization", problems),
        managementAccount: flag(value.managementAccount, "accounts.managementAccount", problems),
        organizationalUnits: idList(value.organizationalUnits, "accounts.organizationalUnits", PARENT_ID, "OU ids (ou-xxxx-xxxxxxxx) or root ids (r-xxxx)", problems),
        ids: idList(value.ids, "accounts.ids", ACCOUNT_ID, "12-digit account ids", problems),
        exclude: idList(value.exclude, "accounts.exclude", ACCOUNT_ID, "12-digit account ids", problems),
    };
    if (!selected.organization && selected.organizationalUnits.length === 0 && selected.ids.length === 0 && !selected.managementAccount) {
        problems.push("accounts selects nothing: set organization: true, organizationalUnits, ids or managementAccount: true");
    }
    return selected;
}

function memberRole(value: unknown, problems: Problems): ResolvedSpec["memberRole"] {
    const role = { name: ROLLOUT_DEFAULTS.memberRoleName as string, sessionName: ROLLOUT_DEFAULTS.sessionName as string };
    if (value === undefined) return role;
    if (!isRecord(value)) {
        problems.push("memberRole must be an object { name, sessionName, externalId }");
        return role;
    }
    unknownKeys(value, ["name", "sessionName", "externalId"], "memberRole", problems);
    const externalId = text(value.externalId, "memberRole.externalId", EXTERNAL_ID, "2 to 1224 characters of letters, digits and +=,.@:/-", problems);
    return {
        name: text(value.name, "memberRole.name", ROLE_NAME, "an IAM role name (up to 64 of letters, digits and +=,.@_-, after an optional path)", problems) ?? role.name,
        sessionName: text(value.sessionName, "memberRole.sessionName", SESSION_NAME, "2 to 64 characters of letters, digits and +=,.@_-", problems) ?? role.sessionName,
        ...(externalId ? { externalId } : {}),
    };
}

function backendUrl(value: unknown, problems: Problems): string | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
        problems.push("backend must be an object { url }");
        return undefined;
    }
    unknownKeys(value, ["url"], "backend", problems);
    return text(value.url, "backend.url", /^(?:file|s3|azblob|gs|https?):\/\/\S*$/, "a Pulumi backend URL (file://, s3://, azblob://, gs://, https://)", problems);
}

/**
 * Checks a rollout spec (a parsed YAML/JSON file or a TypeScript object) before anything runs and
 * fills the defaults. Throws {@link RolloutSpecError} listing every problem, each naming its field.
 */
export function validateSpec(raw: unknown, where?: string): ResolvedSpec {
    const problems: Problems = [];
    if (!isRecord(raw)) throw new RolloutSpecError(["the spec must be an object with roles and accounts"], where);
    unknownKeys(raw, ["project", "region", "roles", "accounts", "memberRole", "backend"], "", problems);
    const spec: ResolvedSpec = {
        project: text(raw.project, "project", PROJECT, "a Pulumi project name (letters, digits, -, _, .)", problems) ?? ROLLOUT_DEFAULTS.project,
        region: text(raw.region, "region", /^[a-z]{2}(?:-[a-z]+)+-\d+$/, "an AWS region such as us-east-1", problems),
        roles: roles(raw.roles, problems),
        accounts: accounts(raw.accounts, problems),
        memberRole: memberRole(raw.memberRole, problems),
        backendUrl: backendUrl(raw.backend, problems),
    };
    if (problems.length > 0) throw new RolloutSpecError(problems, where);
    return markValidated(spec);
}

const validated = new WeakSet<object>();

/** Records that a spec object came out of {@link validateSpec} (so it is not validated twice). */
export function markValidated<T extends object>(spec: T): T {
    validated.add(spec);
    return spec;
}

/** Whether `spec` came out of {@link validateSpec} (or {@link markValidated}). */
export function isValidated(spec: unknown): spec is ResolvedSpec {
    return typeof spec === "object" && spec !== null && validated.has(spec);
}
