import type { PolicyDocumentInput } from "../../policy";

/** Name of the AWS-managed policy attached to Amazon Connect's service-linked role. */
export const CONNECT_MANAGED_POLICY_NAME = "AmazonConnectServiceLinkedRolePolicy";

/** Version of that policy the excerpt below was taken from, and when it was looked up. */
export const CONNECT_MANAGED_POLICY_VERSION = { versionId: "v56", retrieved: "2026-11-26" } as const;

/** ARN of the managed policy in a partition (`aws` by default). */
export function managedPolicyArn(partition = "aws"): string {
    return `arn:${partition}:iam::aws:policy/aws-service-role/${CONNECT_MANAGED_POLICY_NAME}`;
}

/**
 * The statements of `AmazonConnectServiceLinkedRolePolicy` that touch the services in the
 * permission model (Connect, S3, CloudWatch Logs, Lex), copied verbatim from the policy version named
 * in {@link CONNECT_MANAGED_POLICY_VERSION}. Statements for services the model does not cover are
 * left out: they cannot change any answer. A test compares this excerpt with the dated copy of the
 * whole policy under `tests/data/`, so refresh both together.
 */
export const CONNECT_MANAGED_POLICY_EXCERPT: PolicyDocumentInput = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "AllowConnectActions", Effect: "Allow", Action: ["connect:*"], Resource: ["*"] },
        {
            Sid: "AllowS3ObjectForConnectBucket",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"],
            Resource: ["arn:aws:s3:::amazon-connect-*/*"],
        },
        {
            Sid: "AllowGetBucketMetadataForConnectBucket",
            Effect: "Allow",
            Action: ["s3:GetBucketLocation", "s3:GetBucketAcl"],
            Resource: ["arn:aws:s3:::amazon-connect-*"],
        },
        {
            Sid: "AllowConnectLogGroupAccess",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: ["arn:aws:logs:*:*:log-group:/aws/connect/*:*"],
        },
        { Sid: "AllowListLexBotAccess", Effect: "Allow", Action: ["lex:ListBots", "lex:ListBotAliases"], Resource: "*" },
    ],
};

/**
 * The excerpt with its ARNs moved to another partition: AWS publishes the same policy in every
 * partition, with `arn:aws-cn:` (etc.) resources.
 */
export function managedPolicyExcerpt(partition = "aws"): PolicyDocumentInput {
    const statements = Array.isArray(CONNECT_MANAGED_POLICY_EXCERPT.Statement)
        ? CONNECT_MANAGED_POLICY_EXCERPT.Statement
        : [CONNECT_MANAGED_POLICY_EXCERPT.Statement];
    const move = (resource: string) => resource.replace(/^arn:aws:/, `arn:${partition}:`);
    return {
        Version: CONNECT_MANAGED_POLICY_EXCERPT.Version,
        Statement: statements.map((s) => ({
            ...s,
            Resource: Array.isArray(s.Resource) ? s.Resource.map(move) : s.Resource === undefined ? undefined : move(s.Resource),
        })),
    };
}
