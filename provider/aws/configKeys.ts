// Every `aws:*` stack config key of @pulumi/aws 7.48 (node_modules/@pulumi/aws/config/vars.d.ts),
// sorted by what this package does with it. A key that picks the credentials, the account or the
// endpoint is either honoured or refused at preview (configure runs before check), never skipped:
// a skipped one would silently land resources in the ambient account or behind another endpoint.
// tests/aws/configKeys.test.ts fails when @pulumi/aws declares a key missing from these tables.

/** Keys read (connectionSettings.ts parses them; `serviceLinkedRole:<name>` overrides each). */
export const HONOURED_KEYS = [
    "accessKey",
    "allowedAccountIds",
    "assumeRoles",
    "assumeRoleWithWebIdentity",
    "defaultTags",
    "endpoints",
    "forbiddenAccountIds",
    "ignoreTags",
    "maxRetries",
    "profile",
    "region",
    "retryMode",
    "secretKey",
    "sharedConfigFiles",
    "sharedCredentialsFiles",
    "skipRequestingAccountId",
    "stsRegion",
    "token",
    "useDualstackEndpoint",
    "useFipsEndpoint",
] as const;

/** Keys that would change the credentials, the account or the endpoint, but are not read: refused, with the fix. */
export const REFUSED_KEYS: Record<string, string> = {
    assumeRole:
        "is the @pulumi/aws v6 form, which v7 (and this package) no longer reads, so the role would land in the ambient account; " +
        'write it as a list: aws:assumeRoles: [{ roleArn: "...", sessionName: "..." }]',
    customCaBundle: "is not read (requests would be verified against the default CA set); give the bundle to Node with NODE_EXTRA_CA_CERTS instead",
    ec2MetadataServiceEndpoint: "is not read (credentials would come from the default metadata endpoint); set AWS_EC2_METADATA_SERVICE_ENDPOINT in the environment instead",
    ec2MetadataServiceEndpointMode: "is not read; set AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE in the environment instead",
    httpProxy: "is not read (requests would bypass the proxy); remove it, or reach AWS without a proxy for this stack",
    httpsProxy: "is not read (requests would bypass the proxy); remove it, or reach AWS without a proxy for this stack",
    noProxy: "is not read, and neither are the proxy settings it qualifies; remove it",
    insecure: "is not read: TLS certificates are always verified; remove it (for a local endpoint use http:// in aws:endpoints)",
};

/** Keys read by @pulumi/aws that do not pick credentials, the account or the IAM/STS/Connect endpoint: ignored. */
export const IGNORED_KEYS: Record<string, string> = {
    s3UsEast1RegionalEndpoint: "S3 only",
    s3UsePathStyle: "S3 only",
    skipCredentialsValidation: "the account gate always asks STS which account the credentials reach; use skipRequestingAccountId to turn that off",
    skipMetadataApiCheck: "only decides whether @pulumi/aws probes the metadata API at start",
    skipRegionValidation: "regions are not validated here",
    tagPolicyCompliance: "tag policies are enforced by AWS Organizations itself",
    tokenBucketRateLimiterCapacity: "client-side rate limit of @pulumi/aws; retries follow aws:retryMode",
    userAgents: "user-agent text only",
};

/**
 * The refusals for the keys present in stack config (under `aws:` or `serviceLinkedRole:`), each
 * naming the key and the fix. `read` returns a key's raw value or undefined.
 */
export function refusedKeyProblems(read: (key: string) => unknown): string[] {
    const problems: string[] = [];
    for (const [name, fix] of Object.entries(REFUSED_KEYS)) {
        for (const key of [`serviceLinkedRole:${name}`, `aws:${name}`]) {
            const value = read(key);
            if (value !== undefined && value !== null && value !== "") problems.push(`${key} ${fix}`);
        }
    }
    return problems;
}

/** `aws:*` keys in `keys` that none of the tables knows (typos, or keys of a newer @pulumi/aws). */
export function unknownAwsKeys(keys: Iterable<string>): string[] {
    const known = new Set<string>([...HONOURED_KEYS, ...Object.keys(REFUSED_KEYS), ...Object.keys(IGNORED_KEYS)]);
    return [...keys].filter((key) => key.startsWith("aws:") && !known.has(key.slice(4)));
}
