// Replacement semantics as data: for every input property of every type the stand-in implements,
// what a change does. Taken from the Terraform AWS provider's schema (hashicorp/terraform-provider-aws),
// which pulumi-aws bridges: `ForceNew: true` means a change replaces the resource.
//
//   replace  ForceNew in the schema (or forced by a CustomizeDiff, as for `region`)
//   update   changed in place by the resource's Update
//   state    provider-side setting only (no API call): changing it updates the state
//
// tests/standIn/replacement.test.ts checks this table against the Args interfaces of the
// installed @pulumi/aws, so a property the SDK has and the table lacks fails the suite.

export type Change = "replace" | "update" | "state";

/** What a change to each property of one resource type does, and where that comes from. */
export interface TypeRules {
    /** The Terraform resource the Pulumi type bridges. */
    terraformResource: string;
    /** The schema's file in hashicorp/terraform-provider-aws. */
    source: string;
    properties: Record<string, Change>;
    /** Properties whose rule has another source than `source`. */
    notes?: Record<string, string>;
}

const TF = "hashicorp/terraform-provider-aws";
/**
 * Every regional resource has a top-level `region` argument since provider v6; its CustomizeDiff
 * `forceNewIfRegionChanges` forces replacement when it changes (from or to the provider's Region
 * counts as no change).
 */
const REGION_NOTE = `${TF} internal/provider/sdkv2/region.go (forceNewIfRegionChanges)`;
const region = { region: "replace" as Change };

export const REPLACEMENT_RULES: Record<string, TypeRules> = {
    "aws:connect/instance:Instance": {
        terraformResource: "aws_connect_instance",
        source: `${TF} internal/service/connect/instance.go`,
        properties: {
            autoResolveBestVoicesEnabled: "update",
            contactFlowLogsEnabled: "update",
            contactLensEnabled: "update",
            directoryId: "replace",
            earlyMediaEnabled: "update",
            identityManagementType: "replace",
            inboundCallsEnabled: "update",
            instanceAlias: "replace",
            multiPartyConferenceEnabled: "update",
            outboundCallsEnabled: "update",
            tags: "update",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:connect/instanceStorageConfig:InstanceStorageConfig": {
        terraformResource: "aws_connect_instance_storage_config",
        source: `${TF} internal/service/connect/instance_storage_config.go`,
        properties: { instanceId: "replace", resourceType: "replace", storageConfig: "update", ...region },
        notes: { region: REGION_NOTE },
    },
    "aws:connect/botAssociation:BotAssociation": {
        terraformResource: "aws_connect_bot_association",
        source: `${TF} internal/service/connect/bot_association.go`,
        properties: { instanceId: "replace", lexBot: "replace", ...region },
        notes: { region: REGION_NOTE },
    },
    "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation": {
        terraformResource: "aws_connect_lambda_function_association",
        source: `${TF} internal/service/connect/lambda_function_association.go`,
        properties: { functionArn: "replace", instanceId: "replace", ...region },
        notes: { region: REGION_NOTE },
    },
    "aws:s3/bucket:Bucket": {
        terraformResource: "aws_s3_bucket",
        source: `${TF} internal/service/s3/bucket.go`,
        properties: {
            accelerationStatus: "update",
            acl: "update",
            bucket: "replace",
            bucketNamespace: "replace",
            bucketPrefix: "replace",
            corsRules: "update",
            forceDestroy: "state",
            grants: "update",
            lifecycleRules: "update",
            logging: "update",
            objectLockConfiguration: "update",
            objectLockEnabled: "replace",
            policy: "update",
            replicationConfiguration: "update",
            requestPayer: "update",
            serverSideEncryptionConfiguration: "update",
            tags: "update",
            versioning: "update",
            website: "update",
            ...region,
        },
        notes: {
            region: REGION_NOTE,
            bucketNamespace: "not in the stored copy of bucket.go; a bucket's namespace is chosen by CreateBucket and cannot change, so a change must replace",
        },
    },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
        terraformResource: "aws_s3_bucket_public_access_block",
        source: `${TF} internal/service/s3/bucket_public_access_block.go`,
        properties: {
            blockPublicAcls: "update",
            blockPublicPolicy: "update",
            bucket: "replace",
            ignorePublicAcls: "update",
            restrictPublicBuckets: "update",
            skipDestroy: "state",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        terraformResource: "aws_s3_bucket_server_side_encryption_configuration",
        source: `${TF} internal/service/s3/bucket_server_side_encryption_configuration.go`,
        properties: { bucket: "replace", expectedBucketOwner: "replace", rules: "update", ...region },
        notes: { region: REGION_NOTE },
    },
    "aws:s3/bucketPolicy:BucketPolicy": {
        terraformResource: "aws_s3_bucket_policy",
        source: `${TF} internal/service/s3/bucket_policy.go`,
        properties: { bucket: "replace", policy: "update", ...region },
        notes: { region: REGION_NOTE },
    },
    "aws:kinesis/stream:Stream": {
        terraformResource: "aws_kinesis_stream",
        source: `${TF} internal/service/kinesis/stream.go`,
        properties: {
            arn: "update",
            encryptionType: "update",
            enforceConsumerDeletion: "state",
            kmsKeyId: "update",
            maxRecordSizeInKib: "update",
            name: "replace",
            retentionPeriod: "update",
            shardCount: "update",
            shardLevelMetrics: "update",
            streamModeDetails: "update",
            tags: "update",
            warmThroughputMibPs: "update",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
        terraformResource: "aws_kinesis_firehose_delivery_stream",
        source: `${TF} internal/service/firehose/delivery_stream.go`,
        properties: {
            arn: "update",
            destination: "replace",
            destinationId: "update",
            elasticsearchConfiguration: "update",
            extendedS3Configuration: "update",
            httpEndpointConfiguration: "update",
            icebergConfiguration: "update",
            kinesisSourceConfiguration: "replace",
            mskSourceConfiguration: "replace",
            name: "replace",
            opensearchConfiguration: "update",
            opensearchserverlessConfiguration: "update",
            redshiftConfiguration: "update",
            serverSideEncryption: "update",
            snowflakeConfiguration: "update",
            splunkConfiguration: "update",
            tags: "update",
            versionId: "update",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        terraformResource: "aws_cloudwatch_log_group",
        source: `${TF} internal/service/logs/group.go`,
        properties: {
            deletionProtectionEnabled: "update",
            kmsKeyId: "update",
            logGroupClass: "replace",
            name: "replace",
            namePrefix: "replace",
            retentionInDays: "update",
            skipDestroy: "state",
            tags: "update",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:lambda/permission:Permission": {
        terraformResource: "aws_lambda_permission",
        source: `${TF} internal/service/lambda/permission.go`,
        properties: {
            action: "replace",
            eventSourceToken: "replace",
            function: "replace",
            functionUrlAuthType: "replace",
            invokedViaFunctionUrl: "replace",
            principal: "replace",
            principalOrgId: "replace",
            qualifier: "replace",
            sourceAccount: "replace",
            sourceArn: "replace",
            statementId: "replace",
            statementIdPrefix: "replace",
            ...region,
        },
        notes: { region: REGION_NOTE },
    },
    "aws:iam/role:Role": {
        terraformResource: "aws_iam_role",
        source: `${TF} internal/service/iam/role.go`,
        properties: {
            assumeRolePolicy: "update",
            description: "update",
            forceDetachPolicies: "state",
            inlinePolicies: "update",
            managedPolicyArns: "update",
            maxSessionDuration: "update",
            name: "replace",
            namePrefix: "replace",
            path: "replace",
            permissionsBoundary: "update",
            tags: "update",
        },
    },
    "aws:iam/rolePolicy:RolePolicy": {
        terraformResource: "aws_iam_role_policy",
        source: `${TF} internal/service/iam/role_policy.go`,
        properties: { name: "replace", namePrefix: "replace", policy: "update", role: "replace" },
    },
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
        terraformResource: "aws_iam_service_linked_role",
        source: `${TF} internal/service/iam/service_linked_role.go`,
        properties: { awsServiceName: "replace", customSuffix: "replace", description: "update", tags: "update" },
    },
    "aws:cloudcontrol/resource:Resource": {
        terraformResource: "aws_cloudcontrolapi_resource",
        source: `${TF} internal/service/cloudcontrol/resource.go`,
        properties: { desiredState: "update", roleArn: "update", schema: "update", typeName: "replace", typeVersionId: "replace", ...region },
        notes: {
            region: REGION_NOTE,
            desiredState: "updated in place, except that the resource's CustomizeDiff forces a new resource when a property the CloudFormation schema lists as createOnlyProperties changes (see CLOUD_CONTROL_TYPES in resources/cloudControl.ts)",
        },
    },
};

/** The properties of `token` whose change replaces the resource. */
export function replacingProperties(token: string): string[] {
    const rules = REPLACEMENT_RULES[token];
    if (!rules) throw new Error(`no replacement rules for ${token}`);
    return Object.entries(rules.properties)
        .filter(([, change]) => change === "replace")
        .map(([name]) => name);
}
