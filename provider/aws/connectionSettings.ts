// The settings that decide which AWS account and identity the provider acts as: stack config
// (`aws:*` as @pulumi/aws 7 reads it, overridden by `serviceLinkedRole:*`) and the per-resource
// `connection` input. This module only parses and validates; `connection.ts` builds the clients.
// configKeys.ts says which `aws:*` keys are read, refused and ignored.

import { refusedKeyProblems } from "./configKeys";

/** One role to assume, with the fields of @pulumi/aws's `aws:assumeRoles` entries. */
export interface AssumeRoleSettings {
    /** ARN of the role to assume. */
    roleArn: string;
    /** Session name; default `pulumi-service-linked-role`. */
    sessionName?: string;
    /** External id the role's trust policy may require. */
    externalId?: string;
    /** Session duration as a Go duration (`1h`, `45m`, `900s`), 15 minutes to 12 hours. */
    duration?: string;
    /** Session policy JSON that further restricts the session. */
    policy?: string;
    /** ARNs of managed session policies that further restrict the session. */
    policyArns?: string[];
    /** Session tags. */
    tags?: Record<string, string>;
    /** Session tag keys passed on to later roles in the chain. */
    transitiveTagKeys?: string[];
    /** Source identity of the principal assuming the role. */
    sourceIdentity?: string;
}

/** `aws:assumeRoleWithWebIdentity`: base credentials from an OIDC token. */
export interface WebIdentitySettings {
    roleArn: string;
    sessionName?: string;
    /** The token itself (keep it in secret config). */
    webIdentityToken?: string;
    /** A file holding the token. */
    webIdentityTokenFile?: string;
    duration?: string;
    policy?: string;
    policyArns?: string[];
}

/**
 * Per-resource connection (the `connection` input): where one role lives. It holds no secret and
 * is shown in preview. Each field replaces the stack setting of the same name.
 */
export interface ConnectionArgs {
    /** Region used to sign IAM and STS requests. */
    region?: string;
    /** Named profile from the shared AWS config files. */
    profile?: string;
    /** Roles to assume, in order, starting from the stack's base credentials. */
    assumeRoles?: AssumeRoleSettings[];
}

/** Stack-wide settings read from `aws:*` config (and `serviceLinkedRole:*` overrides). */
export interface StackSettings extends ConnectionArgs {
    sharedCredentialsFiles?: string[];
    sharedConfigFiles?: string[];
    accessKey?: string;
    secretKey?: string;
    token?: string;
    assumeRoleWithWebIdentity?: WebIdentitySettings;
    stsRegion?: string;
    allowedAccountIds?: string[];
    forbiddenAccountIds?: string[];
    /** Retries after the first attempt (@pulumi/aws's meaning); the SDK gets `maxRetries + 1` attempts. */
    maxRetries?: number;
    retryMode?: "standard" | "adaptive";
    /** IAM, STS and Connect endpoints from `aws:endpoints`. */
    endpoints?: { iam?: string; sts?: string; connect?: string };
    /** `aws:useFipsEndpoint`: FIPS endpoints for every client. */
    useFipsEndpoint?: boolean;
    /** `aws:useDualstackEndpoint`: dual-stack (IPv6) endpoints for every client. */
    useDualstackEndpoint?: boolean;
    /** `aws:defaultTags.tags`: merged under each role's own `tags`. */
    defaultTags?: Record<string, string>;
    /** `aws:ignoreTags`: tag keys and key prefixes the provider neither sets, removes nor reports. */
    ignoreTags?: { keys: string[]; keyPrefixes: string[] };
    /** `aws:skipRequestingAccountId`: never call STS GetCallerIdentity (account checks are then off). */
    skipRequestingAccountId?: boolean;
}

/** A stack config error: names the key and the rule. */
export class ConnectionConfigError extends Error {
    constructor(problems: string[]) {
        super(`Invalid AWS connection config: ${problems.join("; ")}`);
        this.name = "ConnectionConfigError";
    }
}

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\x21-\x7E]{1,512}$/;
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+$/;
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
/** STS AssumeRole's limits on DurationSeconds. */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43_200;

/** Seconds in a Go duration string such as `1h30m`; undefined when it is not one. */
export function durationSeconds(value: string): number | undefined {
    if (!GO_DURATION.test(value)) return undefined;
    let total = 0;
    for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(amount) * UNIT_SECONDS[unit];
    return Math.floor(total);
}

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string, problems: Problems): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        problems.push(`${where} must be a list of strings`);
        return undefined;
    }
    return value as string[];
}

function optionalString(value: unknown, where: string, problems: Problems): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") problems.push(`${where} must be a non-empty string`);
    return typeof value === "string" ? value : undefined;
}

function stringMap(value: unknown, where: string, problems: Problems): Record<string, string> | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value) || Object.values(value).some((v) => typeof v !== "string")) {
        problems.push(`${where} must be a map of strings`);
        return undefined;
    }
    return value as Record<string, string>;
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, problems: Problems, hint = ""): void {
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) problems.push(`${where}.${key} is not a known setting (allowed: ${allowed.join(", ")})${hint}`);
    }
}

function sessionProblems(value: Record<string, unknown>, where: string, problems: Problems): void {
    if (typeof value.roleArn !== "string" || !ROLE_ARN.test(value.roleArn)) {
        problems.push(`${where}.roleArn must be a role ARN like arn:aws:iam::123456789012:role/deployer`);
    }
    optionalString(value.sessionName, `${where}.sessionName`, problems);
    optionalString(value.policy, `${where}.policy`, problems);
    stringList(value.policyArns, `${where}.policyArns`, problems);
    if (value.duration !== undefined) {
        const seconds = typeof value.duration === "string" ? durationSeconds(value.duration) : undefined;
        if (seconds === undefined || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
            problems.push(`${where}.duration must be a duration between 15m and 12h such as "1h"; got ${JSON.stringify(value.duration)}`);
        }
    }
}

const ASSUME_ROLE_KEYS = ["roleArn", "sessionName", "externalId", "duration", "policy", "policyArns", "tags", "transitiveTagKeys", "sourceIdentity"] as const;

/** Validates a list of roles to assume; `where` names the setting in messages. */
export function parseAssumeRoles(value: unknown, where: string, problems: Problems): AssumeRoleSettings[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
        problems.push(`${where} must be a list of { roleArn, ... } objects`);
        return undefined;
    }
    value.forEach((entry, i) => {
        const at = `${where}[${i}]`;
        if (!isRecord(entry)) return problems.push(`${at} must be an object with a roleArn`);
        unknownKeys(entry, ASSUME_ROLE_KEYS, at, problems);
        sessionProblems(entry, at, problems);
        optionalString(entry.externalId, `${at}.externalId`, problems);
        optionalString(entry.sourceIdentity, `${at}.sourceIdentity`, problems);
        stringMap(entry.tags, `${at}.tags`, problems);
        stringList(entry.transitiveTagKeys, `${at}.transitiveTagKeys`, problems);
    });
    return value as AssumeRoleSettings[];
}

const CONNECTION_KEYS = ["region", "profile", "assumeRoles"] as const;

/**
 * Why a `connection` input is invalid (every problem, joined), or undefined. Keys and tokens are
 * refused by name: the input is stored in state and shown in preview.
 */
export function connectionProblem(value: unknown): string | undefined {
    if (!isRecord(value)) return "must be an object such as { region, profile, assumeRoles }";
    const problems: Problems = [];
    const secretHint = "; credentials belong in secret stack config (aws:accessKey, aws:secretKey, aws:token) or a profile, never in an input";
    unknownKeys(value, CONNECTION_KEYS, "connection", problems, secretHint);
    optionalString(value.region, "connection.region", problems);
    optionalString(value.profile, "connection.profile", problems);
    parseAssumeRoles(value.assumeRoles, "connection.assumeRoles", problems);
    return problems.length > 0 ? problems.join("; ") : undefined;
}

/** A reader of one stack config key (`aws:region`), returning the raw value or undefined. */
export type ConfigReader = (key: string) => unknown;

/** Reads `serviceLinkedRole:<name>`, else `aws:<name>`; objects may arrive JSON-encoded. */
function setting(read: ConfigReader, name: string, problems: Problems): { value: unknown; key: string } {
    for (const key of [`serviceLinkedRole:${name}`, `aws:${name}`]) {
        const raw = read(key);
        if (raw === undefined || raw === null || raw === "") continue;
        if (typeof raw === "string" && /^\s*[[{]/.test(raw)) {
            try {
                return { value: JSON.parse(raw), key };
            } catch {
                problems.push(`${key} is not valid JSON`);
            }
        }
        return { value: raw, key };
    }
    return { value: undefined, key: `aws:${name}` };
}

/** Parses the stack's AWS settings; throws {@link ConnectionConfigError} naming every bad key. */
export function parseStackSettings(read: ConfigReader): StackSettings {
    const problems: Problems = [];
    const get = (name: string) => setting(read, name, problems);
    const text = (name: string) => {
        const { value, key } = get(name);
        return optionalString(value, key, problems);
    };
    const list = (name: string) => {
        const { value, key } = get(name);
        return stringList(value, key, problems);
    };
    const settings: StackSettings = {
        region: text("region"),
        profile: text("profile"),
        sharedCredentialsFiles: list("sharedCredentialsFiles"),
        sharedConfigFiles: list("sharedConfigFiles"),
        accessKey: text("accessKey"),
        secretKey: text("secretKey"),
        token: text("token"),
        stsRegion: text("stsRegion"),
        allowedAccountIds: list("allowedAccountIds"),
        forbiddenAccountIds: list("forbiddenAccountIds"),
    };
    const assumeRoles = get("assumeRoles");
    settings.assumeRoles = parseAssumeRoles(assumeRoles.value, assumeRoles.key, problems);
    settings.assumeRoleWithWebIdentity = webIdentity(get("assumeRoleWithWebIdentity"), problems);
    Object.assign(settings, retries(get("maxRetries"), get("retryMode"), problems), { endpoints: endpoints(get("endpoints"), problems) });
    Object.assign(settings, tagSettings(get("defaultTags"), get("ignoreTags"), problems));
    settings.skipRequestingAccountId = flag(get("skipRequestingAccountId"), problems);
    settings.useFipsEndpoint = flag(get("useFipsEndpoint"), problems);
    settings.useDualstackEndpoint = flag(get("useDualstackEndpoint"), problems);
    problems.push(...refusedKeyProblems(read));
    accountProblems(settings, problems);
    if (problems.length > 0) throw new ConnectionConfigError(problems);
    return prune(settings);
}

function accountProblems(settings: StackSettings, problems: Problems): void {
    for (const name of ["allowedAccountIds", "forbiddenAccountIds"] as const) {
        const bad = (settings[name] ?? []).filter((id) => !ACCOUNT_ID.test(id));
        if (bad.length > 0) problems.push(`aws:${name} must hold 12-digit account ids; got ${bad.join(", ")}`);
    }
    if (settings.allowedAccountIds && settings.forbiddenAccountIds) problems.push("aws:allowedAccountIds and aws:forbiddenAccountIds cannot both be set");
    if ((settings.accessKey === undefined) !== (settings.secretKey === undefined)) problems.push("aws:accessKey and aws:secretKey must be set together");
    for (const name of ["sharedCredentialsFiles", "sharedConfigFiles"] as const) {
        // The SDK's shared-file loader reads one file of each kind.
        if ((settings[name]?.length ?? 0) > 1) problems.push(`aws:${name}: only one file is supported; got ${settings[name]!.length}`);
    }
}

function webIdentity({ value, key }: { value: unknown; key: string }, problems: Problems): WebIdentitySettings | undefined {
    if (value === undefined) return undefined;
    if (!isRecord(value)) {
        problems.push(`${key} must be an object with roleArn and webIdentityToken or webIdentityTokenFile`);
        return undefined;
    }
    sessionProblems(value, key, problems);
    if (value.webIdentityToken === undefined && value.webIdentityTokenFile === undefined) {
        problems.push(`${key} needs webIdentityToken or webIdentityTokenFile`);
    }
    return value as unknown as WebIdentitySettings;
}

function retries(max: { value: unknown; key: string }, mode: { value: unknown; key: string }, problems: Problems): Partial<StackSettings> {
    const out: Partial<StackSettings> = {};
    if (max.value !== undefined) {
        const n = Number(max.value);
        if (!Number.isInteger(n) || n < 0 || n > 100) problems.push(`${max.key} must be a whole number from 0 to 100; got ${JSON.stringify(max.value)}`);
        else out.maxRetries = n;
    }
    if (mode.value !== undefined) {
        if (mode.value !== "standard" && mode.value !== "adaptive") problems.push(`${mode.key} must be standard or adaptive; got ${JSON.stringify(mode.value)}`);
        else out.retryMode = mode.value;
    }
    return out;
}

/** `aws:endpoints` is a list of maps from service to URL; only iam, sts and connect matter here. */
function endpoints({ value, key }: { value: unknown; key: string }, problems: Problems): StackSettings["endpoints"] {
    if (value === undefined) return undefined;
    const entries = Array.isArray(value) ? value : [value];
    const found: NonNullable<StackSettings["endpoints"]> = {};
    for (const entry of entries) {
        if (!isRecord(entry)) {
            problems.push(`${key} must be a list of { <service>: <url> } maps`);
            continue;
        }
        for (const service of ["iam", "sts", "connect"] as const) {
            const url = entry[service];
            if (url === undefined) continue;
            if (typeof url !== "string" || !/^https?:\/\/\S+$/.test(url)) problems.push(`${key}.${service} must be an http(s) URL; got ${JSON.stringify(url)}`);
            else found[service] = url;
        }
    }
    return found.iam || found.sts || found.connect ? found : undefined;
}

function tagSettings(defaults: { value: unknown; key: string }, ignore: { value: unknown; key: string }, problems: Problems): Partial<StackSettings> {
    const out: Partial<StackSettings> = {};
    if (defaults.value !== undefined) {
        if (!isRecord(defaults.value)) problems.push(`${defaults.key} must be an object { tags: { ... } }`);
        else out.defaultTags = stringMap(defaults.value.tags, `${defaults.key}.tags`, problems);
    }
    if (ignore.value !== undefined) {
        if (!isRecord(ignore.value)) problems.push(`${ignore.key} must be an object { keys, keyPrefixes }`);
        else {
            const keys = stringList(ignore.value.keys, `${ignore.key}.keys`, problems) ?? [];
            const keyPrefixes = stringList(ignore.value.keyPrefixes, `${ignore.key}.keyPrefixes`, problems) ?? [];
            out.ignoreTags = { keys, keyPrefixes };
        }
    }
    return out;
}

function flag({ value, key }: { value: unknown; key: string }, problems: Problems): boolean | undefined {
    if (value === undefined) return undefined;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    problems.push(`${key} must be true or false`);
    return undefined;
}

function prune<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
