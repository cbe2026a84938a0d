import policy from "./deployer-policy.json";

/** An IAM policy document, shaped as the deployer policy uses it. */
export interface DeployerPolicyDocument {
    Version: string;
    Statement: Array<{
        Sid: string;
        Effect: "Allow" | "Deny";
        Action: string | string[];
        Resource: string | string[];
        Condition?: Record<string, Record<string, string | string[]>>;
    }>;
}

// The declared type keeps the JSON import out of the published declarations, so programs type-check
// without `resolveJsonModule` or `esModuleInterop`.

/**
 * The least-privilege IAM policy for whoever runs `pulumi up` with {@link ServiceLinkedRole}:
 * exactly the IAM actions the provider calls, scoped to Amazon Connect's service-linked roles.
 * For another service, replace `connect.amazonaws.com` in the resources and the condition.
 * The same document ships as `dist/provider/iam/deployer-policy.json`.
 */
export const DEPLOYER_POLICY: DeployerPolicyDocument = policy as DeployerPolicyDocument;

/** The deployer policy for another service principal, e.g. `elasticbeanstalk.amazonaws.com`, in `partition` (default `aws`). */
export function deployerPolicyFor(awsServiceName: string, partition = "aws"): DeployerPolicyDocument {
    return inPartition(JSON.parse(JSON.stringify(policy).split("connect.amazonaws.com").join(awsServiceName)), partition);
}

const PARTITION = /^aws(-[a-z]+)*$/;

/**
 * A policy document written for the `aws` partition, with every `arn:aws:` resource moved to
 * `partition` (`aws-cn`, `aws-us-gov`, ...): IAM matches the partition of a resource ARN literally,
 * so an `arn:aws:` resource never matches a role in China or GovCloud. The JSON files shipped in
 * dist/ are the `aws` form.
 */
export function inPartition<T extends { Statement: Array<{ Resource: string | string[] }> }>(document: T, partition: string): T {
    if (!PARTITION.test(partition)) throw new Error(`partition must be an AWS partition such as aws, aws-cn or aws-us-gov; got ${JSON.stringify(partition)}`);
    const move = (r: string) => (r.startsWith("arn:aws:") ? `arn:${partition}:${r.slice("arn:aws:".length)}` : r);
    return {
        ...document,
        Statement: document.Statement.map((s) => ({ ...s, Resource: Array.isArray(s.Resource) ? s.Resource.map(move) : move(s.Resource) })),
    };
}

/** One role of an `aws:assumeRoles` chain (or a `connection`'s), as {@link assumeRolePolicyFor} reads it. */
export interface AssumedRoleReference {
    roleArn: string;
    /** Session tags need `sts:TagSession` as well. */
    tags?: Record<string, string>;
    /** A source identity needs `sts:SetSourceIdentity` as well. */
    sourceIdentity?: string;
}

/**
 * The caller's side of assuming a role: the policy the identity that runs `pulumi up` needs so
 * that it may assume `role` (each role in a chain needs it for the next one). The assumed role
 * itself needs {@link DEPLOYER_POLICY}, and its trust policy must trust the caller. STS
 * GetCallerIdentity, which the provider calls to learn the account, needs no permission.
 */
export function assumeRolePolicyFor(role: AssumedRoleReference) {
    const actions = ["sts:AssumeRole", ...(role.tags ? ["sts:TagSession"] : []), ...(role.sourceIdentity ? ["sts:SetSourceIdentity"] : [])];
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "AssumeDeployerRole", Effect: "Allow", Action: actions.length === 1 ? actions[0] : actions, Resource: role.roleArn }],
    };
}
