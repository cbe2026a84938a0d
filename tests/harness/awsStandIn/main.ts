// Entry point of the stand-in `pulumi-resource-aws` plugin (see README.md in this folder).
import { main } from "@pulumi/pulumi/provider";
import type { ResourceHandler } from "./handler";
import { INVOKES } from "./invokes";
import { StandInProvider } from "./provider";
import { cloudControlHandler } from "./resources/cloudControl";
import { botAssociationHandler, lambdaAssociationHandler, storageConfigHandler } from "./resources/connectAssociations";
import { instanceHandler } from "./resources/connectInstance";
import { permissionHandler } from "./resources/lambda";
import { logGroupHandler } from "./resources/logs";
import { roleHandler, rolePolicyHandler, serviceLinkedRoleHandler } from "./resources/iam";
import { firehoseHandler, streamHandler } from "./resources/kinesis";
import { bucketHandler, bucketPolicyHandler, encryptionHandler, publicAccessBlockHandler } from "./resources/s3";

/** Every resource type the stand-in implements; the replacement table must cover exactly these. */
export const RESOURCES: Record<string, ResourceHandler> = {
    "aws:connect/instance:Instance": instanceHandler,
    "aws:connect/instanceStorageConfig:InstanceStorageConfig": storageConfigHandler,
    "aws:connect/botAssociation:BotAssociation": botAssociationHandler,
    "aws:connect/lambdaFunctionAssociation:LambdaFunctionAssociation": lambdaAssociationHandler,
    "aws:s3/bucket:Bucket": bucketHandler,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": publicAccessBlockHandler,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": encryptionHandler,
    "aws:s3/bucketPolicy:BucketPolicy": bucketPolicyHandler,
    "aws:kinesis/stream:Stream": streamHandler,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehoseHandler,
    "aws:cloudwatch/logGroup:LogGroup": logGroupHandler,
    "aws:lambda/permission:Permission": permissionHandler,
    "aws:iam/role:Role": roleHandler,
    "aws:iam/rolePolicy:RolePolicy": rolePolicyHandler,
    "aws:iam/serviceLinkedRole:ServiceLinkedRole": serviceLinkedRoleHandler,
    "aws:cloudcontrol/resource:Resource": cloudControlHandler,
};

if (require.main === module) {
    main(new StandInProvider(RESOURCES, INVOKES), process.argv.slice(2)).catch((error) => {
        console.error(`AWS stand-in plugin failed to start: ${error}`);
        process.exit(1);
    });
}
