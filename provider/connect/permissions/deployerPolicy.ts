import { inPartition } from "../../iam/deployerPolicy";
import policy from "../connect-deployer-policy.json";

/**
 * What whoever runs `pulumi up` with `ConnectInstance` needs beyond `DEPLOYER_POLICY` (from the root entry point) and the
 * CRUD permissions of the plain AWS resources it creates (S3, Kinesis, Firehose, CloudWatch Logs,
 * IAM for the Firehose role). Two parts are easy to miss because Connect uses the *deployer's*
 * credentials for them while associating a feature:
 * - `iam:PutRolePolicy` (and `AttachRolePolicy`, `DeleteRolePolicy`) on
 *   `AWSServiceRoleForAmazonConnect_*`: Connect adds each associated stream, bucket or V1 bot to the
 *   instance's role;
 * - `kms:CreateGrant` (with `DescribeKey`, `RetireGrant`) on a customer-managed key used for
 *   storage, media streams or encryption: Connect creates a grant for its role on that key. The key
 *   policy must allow the deployer these too. Narrow `Resource` to your key ARNs.
 * The same document ships as `dist/provider/connect/connect-deployer-policy.json`.
 */
export const CONNECT_DEPLOYER_POLICY: typeof policy = policy;

/** {@link CONNECT_DEPLOYER_POLICY} for `partition` (`aws`, `aws-cn`, `aws-us-gov`): every `arn:aws:` resource in that partition. */
export function connectDeployerPolicyFor(partition: string): typeof policy {
    return inPartition(policy, partition);
}
