/**
 * An Amazon Connect instance with every feature ConnectInstance wires, driven by stack config
 * (see Pulumi.yaml for the settings and their defaults):
 *
 *   pulumi config set aws:region us-west-2
 *   pulumi config set instanceAlias my-contact-center
 *   pulumi up
 *
 * Creating an instance is free, but Connect limits how many instances an account may create and
 * delete in 30 days, so prefer `existingInstanceId` while experimenting.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConnectInstance, ConnectLexBotArgs, ConnectStreamType } from "pulumi-service-linked-role/connect";

const config = new pulumi.Config();
// Pulumi.yaml gives the optional strings an empty default, so that `pulumi config` lists them.
const optional = (key: string): string | undefined => config.get(key) || undefined;

const existingInstanceId = optional("existingInstanceId");
const lexBots: ConnectLexBotArgs[] = [];
const lexV1BotName = optional("lexV1BotName");
if (lexV1BotName) lexBots.push({ name: lexV1BotName });
const lexV2BotAliasArn = optional("lexV2BotAliasArn");
if (lexV2BotAliasArn) lexBots.push({ aliasArn: lexV2BotAliasArn });
const lambdaFunctionArn = optional("lambdaFunctionArn");
const approvedOrigin = optional("approvedOrigin");

const contactCenter = new ConnectInstance("contact-center", {
    ...(existingInstanceId
        ? { existingInstanceId }
        : { instanceAlias: config.require("instanceAlias"), allowInstanceReplacement: config.getBoolean("allowInstanceReplacement") ?? false }),
    // The default role scheme: adopt the role Connect creates for this instance, check it after the
    // features are associated, and never delete it (Connect deletes it with the instance).
    serviceLinkedRole: { description: `Connect instance of ${pulumi.getProject()}/${pulumi.getStack()}` },
    // One bucket named amazon-connect-..., which the role's managed policy already covers.
    callRecordings: { createBucket: true },
    chatTranscripts: { createBucket: true },
    exportedReports: { createBucket: true },
    bucket: { forceDestroy: config.getBoolean("forceDestroy") ?? false },
    agentEvents: { enabled: config.getBoolean("agentEvents") ?? true, create: true },
    contactTraceRecords: { create: true, type: (config.get("contactTraceRecordsStreamType") ?? "firehose") as ConnectStreamType },
    lexBots,
    lambdaFunctions: lambdaFunctionArn ? [{ functionArn: lambdaFunctionArn }] : [],
    approvedOrigins: approvedOrigin ? [approvedOrigin] : [],
    contactFlowLogs: { retentionInDays: config.getNumber("logRetentionDays") ?? 30 },
    strictManagedPolicy: config.getBoolean("strictManagedPolicy") ?? false,
    tags: { project: pulumi.getProject(), stack: pulumi.getStack() },
});

export const instanceId = contactCenter.instanceId;
export const instanceArn = contactCenter.instanceArn;
export const instanceAlias = contactCenter.instanceAlias;
/** The role Connect acts with for this instance: compare it with requiredPolicy. */
export const serviceRoleArn = contactCenter.serviceRoleArn;
export const serviceLinkedRoleOwnership = contactCenter.serviceLinkedRole?.ownership;
/** Permissions the live check found missing on the role after the features were associated. */
export const missingRolePermissions = contactCenter.permissionCheck?.missing;
export const bucketName = contactCenter.bucket?.bucket;
export const contactFlowLogGroup = contactCenter.contactFlowLogGroup?.name;
export const requiredPolicy = contactCenter.requiredPolicy;
/** What AmazonConnectServiceLinkedRolePolicy lacks, each with who grants it instead. */
export const managedPolicyGaps = contactCenter.managedPolicyGaps;
/** Permissions nobody grants unless you do (empty when everything is wired). */
export const permissionGaps = contactCenter.permissionGaps;
