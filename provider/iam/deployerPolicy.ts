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

/** The deployer policy for another service principal, e.g. `elasticbeanstalk.amazonaws.com`. */
export function deployerPolicyFor(awsServiceName: string): DeployerPolicyDocument {
    return JSON.parse(JSON.stringify(policy).split("connect.amazonaws.com").join(awsServiceName));
}
