import policy from "./deployer-policy.json";

/**
 * The least-privilege IAM policy for whoever runs `pulumi up` with {@link ServiceLinkedRole}:
 * exactly the IAM actions the provider calls, scoped to Amazon Connect's service-linked roles.
 * For another service, replace `connect.amazonaws.com` in the resources and the condition.
 * The same document ships as `dist/provider/iam/deployer-policy.json`.
 */
export const DEPLOYER_POLICY: typeof policy = policy;

/** The deployer policy for another service principal, e.g. `elasticbeanstalk.amazonaws.com`. */
export function deployerPolicyFor(awsServiceName: string): typeof policy {
    return JSON.parse(JSON.stringify(policy).split("connect.amazonaws.com").join(awsServiceName));
}
