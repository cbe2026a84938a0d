import {
    DEFAULT_AWS_SERVICE_NAME,
    DEFAULT_DELETION_TIMEOUT_SECONDS,
    DELETION_POLICIES,
    DeletionPolicy,
    RoleInputs,
} from "./inputs";
import { connectionProblem, ConnectionArgs } from "./connectionSettings";
import { CLAIM_TAG_PREFIX, isClaimKey, RESERVED_CLAIM_SLOTS } from "./claims";

/** One rejected input property and the rule it broke. */
export interface InputFailure {
    property: string;
    reason: string;
}

/** Limits and character sets from the IAM API reference (CreateServiceLinkedRole, TagRole, UpdateRole). */
export const IAM_LIMITS = {
    serviceNameMaxLength: 128,
    customSuffixMaxLength: 64,
    descriptionMaxLength: 1000,
    maxTags: 50,
    /** Tags a user may declare: IAM's 50 less the slots kept for claims. */
    maxUserTags: 50 - RESERVED_CLAIM_SLOTS,
    claimantMaxLength: 1024,
    tagKeyMaxLength: 128,
    tagValueMaxLength: 256,
    roleNameMaxLength: 64,
    maxDeletionTimeoutSeconds: 3600,
} as const;

// `\w` in the IAM reference is ASCII-only: [A-Za-z0-9_].
const IAM_NAME_CHARS = /^[A-Za-z0-9_+=,.@-]+$/;
const SERVICE_PRINCIPAL_SHAPE = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com(?:\.cn)?$/;
const DESCRIPTION_CHARS = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\x21-\x7E]*\/)?[A-Za-z0-9_+=,.@-]{1,64}$/;

/** Value the engine sends for inputs that are not known until apply. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value that the engine only learns during `up` (validation waits for it). */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN_SENTINEL;
}

/**
 * Validates raw inputs before any API call and fills the defaults. Returns one failure per
 * property, so that `pulumi preview` lists every problem at once.
 */
export function validateInputs(raw: Record<string, unknown>): { inputs: RoleInputs; failures: InputFailure[] } {
    const failures: InputFailure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    const known = (v: unknown) => v !== undefined && v !== null && !isUnknown(v);

    const awsServiceName = raw.awsServiceName ?? DEFAULT_AWS_SERVICE_NAME;
    if (known(awsServiceName)) {
        const reason = serviceNameProblem(awsServiceName);
        if (reason) fail("awsServiceName", reason);
    }
    if (known(raw.description)) {
        const reason = descriptionProblem(raw.description);
        if (reason) fail("description", reason);
    }
    if (known(raw.customSuffix)) {
        const reason = customSuffixProblem(raw.customSuffix);
        if (reason) fail("customSuffix", reason);
    }
    if (known(raw.tags)) {
        const reason = tagsProblem(raw.tags);
        if (reason) fail("tags", reason);
    }
    const deletionPolicy = raw.deletionPolicy ?? "deleteIfCreated";
    if (known(deletionPolicy) && !DELETION_POLICIES.includes(deletionPolicy as DeletionPolicy)) {
        fail("deletionPolicy", `must be one of ${DELETION_POLICIES.join(", ")}; got ${describe(deletionPolicy)}`);
    }
    if (known(raw.existingRole)) {
        const reason = existingRoleProblem(raw.existingRole);
        if (reason) fail("existingRole", reason);
    }
    const deletionTimeoutSeconds = raw.deletionTimeoutSeconds ?? DEFAULT_DELETION_TIMEOUT_SECONDS;
    if (known(deletionTimeoutSeconds)) {
        const reason = timeoutProblem(deletionTimeoutSeconds);
        if (reason) fail("deletionTimeoutSeconds", reason);
    }

    if (known(raw.connection)) {
        const reason = connectionProblem(raw.connection);
        if (reason) fail("connection", reason);
    }
    if (known(raw.expectedAccountId) && !/^\d{12}$/.test(String(raw.expectedAccountId))) {
        fail("expectedAccountId", `must be a 12-digit AWS account id; got ${describe(raw.expectedAccountId)}`);
    }
    if (known(raw.claimant) && (typeof raw.claimant !== "string" || raw.claimant.length === 0 || raw.claimant.length > IAM_LIMITS.claimantMaxLength)) {
        fail("claimant", `must be a non-empty string of at most ${IAM_LIMITS.claimantMaxLength} characters (it is set by the ServiceLinkedRole constructor)`);
    }

    const inputs: RoleInputs = {
        awsServiceName: awsServiceName as string,
        deletionPolicy: deletionPolicy as DeletionPolicy,
        deletionTimeoutSeconds: deletionTimeoutSeconds as number,
    };
    if (raw.description !== undefined && raw.description !== null) inputs.description = raw.description as string;
    if (raw.customSuffix !== undefined && raw.customSuffix !== null) inputs.customSuffix = raw.customSuffix as string;
    if (raw.tags !== undefined && raw.tags !== null) inputs.tags = raw.tags as Record<string, string>;
    if (raw.existingRole !== undefined && raw.existingRole !== null) inputs.existingRole = raw.existingRole as string;
    if (raw.connection !== undefined && raw.connection !== null) inputs.connection = raw.connection as ConnectionArgs;
    if (raw.expectedAccountId !== undefined && raw.expectedAccountId !== null) inputs.expectedAccountId = raw.expectedAccountId as string;
    if (raw.claimant !== undefined && raw.claimant !== null) inputs.claimant = raw.claimant as string;
    return { inputs, failures };
}

function describe(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
    if (Array.isArray(value)) return "an array";
    return value === null ? "null" : `a ${typeof value}`;
}

function lengthProblem(value: string, min: number, max: number): string | undefined {
    // IAM counts characters (code points), not UTF-16 units.
    const length = [...value].length;
    if (length < min) return min === 1 ? "must not be empty" : `must be at least ${min} characters`;
    if (length > max) return `must be at most ${max} characters; got ${length}`;
    return undefined;
}

/** Why a service principal is invalid, or undefined when it is valid. */
export function serviceNameProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a string; got ${describe(value)}`;
    const length = lengthProblem(value, 1, IAM_LIMITS.serviceNameMaxLength);
    if (length) return length;
    if (!IAM_NAME_CHARS.test(value)) return "may contain only letters, digits and _+=,.@- (IAM pattern [\\w+=,.@-]+)";
    if (!SERVICE_PRINCIPAL_SHAPE.test(value)) {
        return `must be a service principal such as connect.amazonaws.com (lower-case labels ending in .amazonaws.com); got ${describe(value)}`;
    }
    return undefined;
}

/** Why a role description is invalid, or undefined when it is valid. */
export function descriptionProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a string; got ${describe(value)}`;
    if ([...value].length > IAM_LIMITS.descriptionMaxLength) {
        return `must be at most ${IAM_LIMITS.descriptionMaxLength} characters; got ${[...value].length}`;
    }
    if (!DESCRIPTION_CHARS.test(value)) {
        const bad = [...value].find((c) => !DESCRIPTION_CHARS.test(c)) ?? "";
        return `contains ${codePointName(bad)}, outside IAM's allowed set (tab, line breaks, printable ASCII and U+00A1-U+00FF)`;
    }
    return undefined;
}

/** Why a custom suffix is invalid, or undefined when it is valid. */
export function customSuffixProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a string; got ${describe(value)}`;
    const length = lengthProblem(value, 1, IAM_LIMITS.customSuffixMaxLength);
    if (length) return length;
    if (!IAM_NAME_CHARS.test(value)) return "may contain only letters, digits and _+=,.@- (IAM pattern [\\w+=,.@-]+)";
    return undefined;
}

/** Why a tag map is invalid, or undefined when it is valid. Names the offending key. */
export function tagsProblem(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return `must be a map of tag keys to string values; got ${describe(value)}`;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > IAM_LIMITS.maxUserTags) {
        return `at most ${IAM_LIMITS.maxUserTags} tags are allowed (IAM allows ${IAM_LIMITS.maxTags} per role; ${RESERVED_CLAIM_SLOTS} stay free for the claims of the stacks that share the role); got ${entries.length}`;
    }
    const lowerKeys = new Set<string>();
    for (const [key, tagValue] of entries) {
        const keyLength = lengthProblem(key, 1, IAM_LIMITS.tagKeyMaxLength);
        if (keyLength) return `tag key ${describe(key)} ${keyLength}`;
        if (!TAG_CHARS.test(key)) return `tag key ${describe(key)} may contain only letters, digits, spaces and _.:/=+-@`;
        if (key.toLowerCase().startsWith("aws:")) return `tag key ${describe(key)} uses the reserved prefix aws:`;
        if (isClaimKey(key)) return `tag key ${describe(key)} uses the prefix ${CLAIM_TAG_PREFIX}, reserved for the claims this package puts on shared roles`;
        if (lowerKeys.has(key.toLowerCase())) return `tag key ${describe(key)} repeats another key (IAM tag keys are case-insensitive)`;
        lowerKeys.add(key.toLowerCase());
        if (typeof tagValue !== "string") return `tag ${describe(key)} must have a string value; got ${describe(tagValue)}`;
        const valueLength = lengthProblem(tagValue, 0, IAM_LIMITS.tagValueMaxLength);
        if (valueLength) return `tag ${describe(key)} value ${valueLength}`;
        if (!TAG_CHARS.test(tagValue)) return `tag ${describe(key)} value may contain only letters, digits, spaces and _.:/=+-@`;
    }
    return undefined;
}

/** Why an `existingRole` reference is invalid, or undefined when it is valid. */
export function existingRoleProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a role name or ARN string; got ${describe(value)}`;
    if (value.startsWith("arn:")) {
        return ROLE_ARN.test(value) ? undefined : `must be a role ARN like arn:aws:iam::123456789012:role/aws-service-role/<service>/<name>; got ${describe(value)}`;
    }
    const length = lengthProblem(value, 1, IAM_LIMITS.roleNameMaxLength);
    if (length) return length;
    if (!IAM_NAME_CHARS.test(value)) return "a role name may contain only letters, digits and _+=,.@-";
    return undefined;
}

function timeoutProblem(value: unknown): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value)) return `must be a whole number of seconds; got ${describe(value)}`;
    if (value < 1 || value > IAM_LIMITS.maxDeletionTimeoutSeconds) {
        return `must be between 1 and ${IAM_LIMITS.maxDeletionTimeoutSeconds} seconds; got ${value}`;
    }
    return undefined;
}

function codePointName(char: string): string {
    const cp = char.codePointAt(0) ?? 0;
    return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}
