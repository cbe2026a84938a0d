// The per-instance service-linked role that Amazon Connect makes for each instance, and the
// permissions Connect adds to it when features are associated.
//
// Sources (AWS documentation):
// - "Use service-linked roles for Amazon Connect"
//   (https://docs.aws.amazon.com/connect/latest/adminguide/connect-slr.html): Connect uses a
//   role named with the prefix AWSServiceRoleForAmazonConnect_<unique-id>, trusted by
//   connect.amazonaws.com, with AmazonConnectServiceLinkedRolePolicy; "as you enable additional
//   features in Amazon Connect, additional permissions are added for the service-linked role to
//   access the resources associated with those features"; the policy grants iam:DeleteRole "to
//   allow deletion of the service-linked role" (Connect deletes the role with the instance).
// - "Restrict AWS resources that can be associated with Amazon Connect"
//   (https://docs.aws.amazon.com/connect/latest/adminguide/restrict-access-examples.html): "The
//   policy is first added to the service-linked role as part of corresponding APIs on the Amazon
//   Connect service", e.g. AssociateInstanceStorageConfig, which is why those APIs need
//   iam:PutRolePolicy on the role.
// What AWS does not document, the stand-in chooses and says so: the random part of the name (20
// letters and digits), the inline policy names, and removing a feature's policy on disassociation.
import {
    AttachRolePolicyCommand,
    CreateRoleCommand,
    DeleteRoleCommand,
    DeleteRolePolicyCommand,
    DetachRolePolicyCommand,
    ListAttachedRolePoliciesCommand,
    ListRolePoliciesCommand,
    PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { randomBytes } from "node:crypto";
import { clients } from "../clients";
import { isNotFound, operation } from "./common";

export const CONNECT_ROLE_PATH = "/aws-service-role/connect.amazonaws.com/";
export const CONNECT_MANAGED_POLICY = "arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** ARN of a Connect role in an account. */
export function connectRoleArn(partition: string, account: string, roleName: string): string {
    return `arn:${partition}:iam::${account}:role${CONNECT_ROLE_PATH}${roleName}`;
}

/** Creates `AWSServiceRoleForAmazonConnect_<random>` with the managed policy; returns its name. */
export async function createInstanceRole(): Promise<string> {
    const iam = clients.iam();
    const roleName = `AWSServiceRoleForAmazonConnect_${[...randomBytes(20)].map((b) => ALNUM[b % ALNUM.length]).join("")}`;
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "connect.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    await operation("creating Connect's service-linked role", roleName, () =>
        iam.send(new CreateRoleCommand({ RoleName: roleName, Path: CONNECT_ROLE_PATH, AssumeRolePolicyDocument: JSON.stringify(trust) })),
    );
    try {
        await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: CONNECT_MANAGED_POLICY }));
    } catch (error) {
        await deleteInstanceRole(roleName);
        if (isNotFound(error)) {
            throw new Error(
                `attaching ${CONNECT_MANAGED_POLICY} to ${roleName}: moto has no AWS managed policies; start it with MOTO_IAM_LOAD_MANAGED_POLICIES=true (the harness's startMotoForStandIn does)`,
            );
        }
        throw error;
    }
    return roleName;
}

/** Deletes the role and its policies; a role already gone is success. */
export async function deleteInstanceRole(roleName: string): Promise<void> {
    const iam = clients.iam();
    try {
        const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
        for (const policy of attached.AttachedPolicies ?? []) {
            await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.PolicyArn }));
        }
        const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
        for (const policyName of inline.PolicyNames ?? []) {
            await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
        }
        await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    } catch (error) {
        if (!isNotFound(error)) throw new Error(`deleting Connect's service-linked role ${roleName}: ${(error as Error).message}`);
    }
}

/** One statement Connect adds for a feature. */
export interface AddedStatement {
    Effect: "Allow";
    Action: string[];
    Resource: string[];
}

/** Puts the permissions a feature needs on the instance's role, as the associate API does. */
export async function addFeaturePolicy(roleName: string, policyName: string, statements: AddedStatement[]): Promise<void> {
    if (statements.length === 0) return;
    const document = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    await operation("adding Connect's feature permissions to", `${roleName} (${policyName})`, () =>
        clients.iam().send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document })),
    );
}

/** Removes a feature's permissions; already gone is success. */
export async function removeFeaturePolicy(roleName: string, policyName: string): Promise<void> {
    try {
        await clients.iam().send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
    } catch (error) {
        if (!isNotFound(error)) throw error;
    }
}

/** Inline policy name for one association (IAM allows 128 characters of [\w+=,.@-]). */
export function featurePolicyName(kind: string, key: string): string {
    return `AmazonConnect-${kind}-${key}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 128);
}

/**
 * The statements for a storage configuration, per the connect-slr page's list: S3 object and
 * bucket actions for recordings and transcripts, object writes for reports, Kinesis and Firehose
 * writes for streams. Encryption keys are not covered (not emulated).
 */
export function storageStatements(partition: string, resourceType: string, config: Record<string, any>): AddedStatement[] {
    const s3 = config.s3Config;
    if (s3?.bucketName) {
        const objects = `arn:${partition}:s3:::${s3.bucketName}/${s3.bucketPrefix ?? ""}*`;
        const bucket = `arn:${partition}:s3:::${s3.bucketName}`;
        if (resourceType === "SCHEDULED_REPORTS") return [{ Effect: "Allow", Action: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetObjectAcl"], Resource: [objects] }];
        return [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"], Resource: [objects] },
            { Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:GetBucketAcl"], Resource: [bucket] },
        ];
    }
    if (config.kinesisStreamConfig?.streamArn) {
        return [{ Effect: "Allow", Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], Resource: [config.kinesisStreamConfig.streamArn] }];
    }
    if (config.kinesisFirehoseConfig?.firehoseArn) {
        return [{ Effect: "Allow", Action: ["firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch"], Resource: [config.kinesisFirehoseConfig.firehoseArn] }];
    }
    return [];
}
