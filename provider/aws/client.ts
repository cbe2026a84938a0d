import type { IAMClient, IAMClientConfig } from "@aws-sdk/client-iam";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/**
 * Connection settings for the IAM client. Every field is optional: the AWS SDK's standard chains
 * (environment, shared config and SSO profiles, container and instance metadata) fill the rest,
 * and `AWS_ENDPOINT_URL_IAM` / `AWS_ENDPOINT_URL` redirect the endpoint.
 */
export interface IamConnectionSettings {
    /** Region used to sign requests. IAM is global; defaults to the SDK's region chain, else `us-east-1`. */
    region?: string;
    /** Named profile from the shared AWS config files. */
    profile?: string;
    /** Total attempts per API call, including the first (SDK standard retry strategy). */
    maxAttempts?: number;
    /** `standard` (default) or `adaptive` (client-side rate limiting). */
    retryMode?: string;
    /** IAM endpoint URL (stack config `aws:endpoints`); by default the SDK's own resolution. */
    endpoint?: string;
    /** Credentials or a provider of them; by default the SDK's chain (with `profile`). */
    credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
    /** Bound on one attempt's wait for an answer; default `HTTP_TIMEOUTS.requestTimeout` (60 s). */
    requestTimeoutMs?: number;
    /** FIPS endpoints (`aws:useFipsEndpoint`). */
    useFipsEndpoint?: boolean;
    /** Dual-stack endpoints (`aws:useDualstackEndpoint`). */
    useDualstackEndpoint?: boolean;
}

/** Default attempts per call: enough to ride out IAM's throttling bursts without hiding a real outage. */
export const DEFAULT_MAX_ATTEMPTS = 6;

/**
 * Without timeouts a connection that stops answering would hang `pulumi up` forever. A timed-out
 * attempt is retried like a reset one (a create it may have applied is recognised as ours).
 */
export const HTTP_TIMEOUTS = { connectionTimeout: 10_000, requestTimeout: 60_000, throwOnRequestTimeout: true } as const;

/**
 * Builds a bare IAM client. Only connection.ts calls it, and installs the account gate on what it
 * returns: use `connectionFor(...).iam` to act. The SDK is loaded here rather than at module scope
 * so that a serialized dynamic provider never captures it.
 */
export function createIamClient(settings: IamConnectionSettings = {}): IAMClient {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { IAMClient: Client } = require("@aws-sdk/client-iam") as typeof import("@aws-sdk/client-iam");
    const config: IAMClientConfig = {
        maxAttempts: settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        retryMode: settings.retryMode ?? "standard",
        requestHandler: { ...HTTP_TIMEOUTS, requestTimeout: settings.requestTimeoutMs ?? HTTP_TIMEOUTS.requestTimeout },
    };
    if (settings.endpoint) config.endpoint = settings.endpoint;
    if (settings.credentials) config.credentials = settings.credentials;
    if (settings.useFipsEndpoint !== undefined) config.useFipsEndpoint = settings.useFipsEndpoint;
    if (settings.useDualstackEndpoint !== undefined) config.useDualstackEndpoint = settings.useDualstackEndpoint;
    const region = settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    config.region = region ?? "us-east-1";
    if (settings.profile) {
        config.profile = settings.profile;
    }
    return new Client(config);
}

/** The AWS error code of an SDK error (`NoSuchEntity`, `Throttling`, ...), or undefined. */
export function awsErrorCode(err: unknown): string | undefined {
    if (err && typeof err === "object") {
        const e = err as { name?: unknown; Code?: unknown; Error?: { Code?: unknown } };
        if (typeof e.Error?.Code === "string") return e.Error.Code;
        if (typeof e.Code === "string") return e.Code;
        if (typeof e.name === "string" && e.name !== "Error") return e.name;
    }
    return undefined;
}

/** True when IAM says the entity does not exist. */
export function isNoSuchEntity(err: unknown): boolean {
    return awsErrorCode(err) === "NoSuchEntity" || awsErrorCode(err) === "NoSuchEntityException";
}

/**
 * True when a CreateServiceLinkedRole failed because the role exists. AWS answers `InvalidInput`
 * with "...has been taken in this account..."; emulators and older paths answer `EntityAlreadyExists`.
 */
export function isRoleAlreadyExists(err: unknown): boolean {
    const code = awsErrorCode(err);
    if (code === "EntityAlreadyExists" || code === "EntityAlreadyExistsException") return true;
    const message = err instanceof Error ? err.message : "";
    return code === "InvalidInput" && /has been taken/i.test(message);
}

/**
 * An error that names the IAM operation, the role and the AWS error code, so the user can act on it
 * without reading a stack trace.
 */
export class IamOperationError extends Error {
    /** The AWS error code, when AWS supplied one. */
    readonly code: string | undefined;
    constructor(operation: string, role: string, cause: unknown) {
        const code = awsErrorCode(cause);
        const detail = cause instanceof Error ? cause.message : String(cause);
        super(`${operation} failed for role ${role}${code ? ` (${code})` : ""}: ${detail}`);
        this.name = "IamOperationError";
        this.code = code;
    }
}
