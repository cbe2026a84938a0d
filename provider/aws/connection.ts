import type { ConnectClient } from "@aws-sdk/client-connect";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { createIamClient, DEFAULT_MAX_ATTEMPTS, HTTP_TIMEOUTS, IamConnectionSettings } from "./client";
import { AssumeRoleSettings, ConnectionArgs, durationSeconds, StackSettings, WebIdentitySettings } from "./connectionSettings";
import { gatedClient } from "./gate";

// Builds the AWS SDK clients for one connection (stack settings plus a resource's `connection`
// input) with the SDK's own credential providers. This is the only place that builds the clients
// the package acts with, and each goes through the account gate (gate.ts). The SDK modules are
// loaded inside functions so that a serialized dynamic provider never captures them.

/**
 * The clients of one connection; credentials are resolved once and shared by all of them. `sts`
 * is the gate's own client (GetCallerIdentity) and is not gated; `iam` and `connect` are.
 */
export interface Connection {
    readonly iam: IAMClient;
    readonly sts: STSClient;
    /** The Amazon Connect client, built on first use (most connections never need it). */
    connect(): ConnectClient;
    /** Stable text naming the connection's non-secret settings, for caches and messages. */
    readonly key: string;
    /** Closes the clients' sockets. */
    destroy(): void;
}

let stack: StackSettings = {};
let base: IamConnectionSettings = {};
const connections = new Map<string, Connection>();

/** Replaces the stack settings (from `configure`) and the base client settings; drops cached clients. */
export function configureStack(settings: StackSettings, baseSettings: IamConnectionSettings = {}): void {
    stack = settings;
    base = baseSettings;
    for (const connection of connections.values()) {
        connection.destroy();
    }
    connections.clear();
}

/** Closes and forgets every cached connection (a CLI run ends with it); settings stay. */
export function closeConnections(): void {
    configureStack(stack, base);
}

/** The stack settings in effect. */
export function stackSettings(): StackSettings {
    return stack;
}

/** The clients for a resource's `connection` input (or the stack's own connection), cached. */
export function connectionFor(args: ConnectionArgs | undefined): Connection {
    const key = connectionKey(args);
    // The SDK reads these from the environment when a client is built: a changed one is another connection.
    const cacheKey = `${key} ${ENVIRONMENT_KEYS.map((name) => process.env[name] ?? "").join(" ")}`;
    let connection = connections.get(cacheKey);
    if (!connection) {
        connection = openConnection(args ?? {}, key);
        connections.set(cacheKey, connection);
    }
    return connection;
}

/** Environment variables that change where a client connects or as whom (not their values' secrets: only the key id). */
const ENVIRONMENT_KEYS = ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_CONNECT", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_REGION"];

/** Text that identifies a connection input: the same settings give the same key. */
export function connectionKey(args: ConnectionArgs | undefined): string {
    return JSON.stringify(args ?? {}, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? sortedObject(v) : v));
}

function sortedObject(value: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
}

function openConnection(args: ConnectionArgs, key: string): Connection {
    const region = args.region ?? base.region ?? stack.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    const stsConfig = stsClientConfig(stack.stsRegion ?? region);
    const credentials = assumeChain(baseCredentials(args, stsConfig), args.assumeRoles ?? stack.assumeRoles ?? [], stsConfig);
    const maxAttempts = base.maxAttempts ?? (stack.maxRetries !== undefined ? stack.maxRetries + 1 : DEFAULT_MAX_ATTEMPTS);
    const iamClient = createIamClient({
        region,
        profile: credentials ? undefined : (args.profile ?? stack.profile),
        maxAttempts,
        retryMode: stack.retryMode,
        endpoint: stack.endpoints?.iam,
        credentials,
        requestTimeoutMs: base.requestTimeoutMs,
        useFipsEndpoint: stack.useFipsEndpoint,
        useDualstackEndpoint: stack.useDualstackEndpoint,
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { STSClient: Sts } = require("@aws-sdk/client-sts") as typeof import("@aws-sdk/client-sts");
    const sts = new Sts({ ...stsConfig, maxAttempts, retryMode: stack.retryMode ?? "standard", credentials: credentials ?? iamClient.config.credentials });
    let connect: ConnectClient | undefined;
    const connection: Connection = {
        iam: iamClient,
        sts,
        key,
        connect() {
            if (!connect) {
                // eslint-disable-next-line @typescript-eslint/no-require-imports
                const { ConnectClient: Client } = require("@aws-sdk/client-connect") as typeof import("@aws-sdk/client-connect");
                connect = gatedClient(
                    new Client({
                        region,
                        maxAttempts,
                        retryMode: stack.retryMode ?? "standard",
                        requestHandler: { ...HTTP_TIMEOUTS, requestTimeout: base.requestTimeoutMs ?? HTTP_TIMEOUTS.requestTimeout },
                        credentials: credentials ?? iamClient.config.credentials,
                        useFipsEndpoint: stack.useFipsEndpoint,
                        useDualstackEndpoint: stack.useDualstackEndpoint,
                        ...(stack.endpoints?.connect ? { endpoint: stack.endpoints.connect } : {}),
                    }),
                    connection,
                );
            }
            return connect;
        },
        destroy() {
            iamClient.destroy();
            sts.destroy();
            connect?.destroy();
        },
    };
    gatedClient(iamClient, connection);
    return connection;
}

function stsClientConfig(region: string): STSClientConfig {
    const endpointChoice = { useFipsEndpoint: stack.useFipsEndpoint, useDualstackEndpoint: stack.useDualstackEndpoint };
    return { region, requestHandler: { ...HTTP_TIMEOUTS }, ...endpointChoice, ...(stack.endpoints?.sts ? { endpoint: stack.endpoints.sts } : {}) };
}

type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;

/**
 * The identity the assume-role chain starts from, in @pulumi/aws's order: the resource's profile,
 * static keys from (secret) stack config, web identity, the stack's profile or shared files, and
 * otherwise the SDK's default chain (undefined).
 */
function baseCredentials(args: ConnectionArgs, sts: STSClientConfig): Credentials {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const providers = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
    const files = { filepath: stack.sharedCredentialsFiles?.[0], configFilepath: stack.sharedConfigFiles?.[0] };
    if (args.profile) return providers.fromIni({ profile: args.profile, ...files });
    if (stack.accessKey && stack.secretKey) {
        return { accessKeyId: stack.accessKey, secretAccessKey: stack.secretKey, ...(stack.token ? { sessionToken: stack.token } : {}) };
    }
    if (stack.assumeRoleWithWebIdentity) return webIdentityCredentials(stack.assumeRoleWithWebIdentity, sts);
    if (stack.profile || files.filepath || files.configFilepath) return providers.fromIni({ profile: stack.profile, ...files });
    return undefined;
}

function webIdentityCredentials(settings: WebIdentitySettings, sts: STSClientConfig): AwsCredentialIdentityProvider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fromWebToken, fromTokenFile } = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
    const common = {
        roleArn: settings.roleArn,
        roleSessionName: settings.sessionName ?? SESSION_NAME,
        durationSeconds: settings.duration ? durationSeconds(settings.duration) : undefined,
        policy: settings.policy,
        policyArns: settings.policyArns?.map((arn) => ({ arn })),
        clientConfig: sts,
    };
    if (settings.webIdentityToken) return fromWebToken({ ...common, webIdentityToken: settings.webIdentityToken });
    return fromTokenFile({ ...common, webIdentityTokenFile: settings.webIdentityTokenFile });
}

/** Session name when the config gives none, so CloudTrail shows who assumed the role. */
const SESSION_NAME = "pulumi-service-linked-role";

/** Each role is assumed with the credentials of the one before it, in the order given. */
function assumeChain(start: Credentials, roles: AssumeRoleSettings[], sts: STSClientConfig): Credentials {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fromTemporaryCredentials } = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
    return roles.reduce<Credentials>(
        (masterCredentials, role) =>
            fromTemporaryCredentials({
                masterCredentials,
                clientConfig: sts,
                params: {
                    RoleArn: role.roleArn,
                    RoleSessionName: role.sessionName ?? SESSION_NAME,
                    ExternalId: role.externalId,
                    DurationSeconds: role.duration ? durationSeconds(role.duration) : undefined,
                    Policy: role.policy,
                    PolicyArns: role.policyArns?.map((arn) => ({ arn })),
                    Tags: role.tags ? Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
                    TransitiveTagKeys: role.transitiveTagKeys,
                    SourceIdentity: role.sourceIdentity,
                },
            }),
        start,
    );
}
