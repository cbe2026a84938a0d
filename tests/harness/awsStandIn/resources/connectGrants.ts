// What Amazon Connect writes OUTSIDE the instance's role when a feature is associated: its
// statement in a Lex V2 alias's resource policy, its permission on a Lambda function, and its grant
// on a customer-managed KMS key. moto has none of Connect's association APIs, so the stand-in does
// these writes itself, with the deployer's credentials, as Connect does.
//
// Sources (AWS documentation):
// - Lex V2: Connect admin guide, "Add an Amazon Lex bot" ("the resource-based policy on the bot is
//   updated to give Amazon Connect permission to invoke the bot"); the CloudFormation schema of
//   AWS::Connect::IntegrationAssociation lists lex:CreateResourcePolicyStatement (create) and
//   lex:DeleteResourcePolicyStatement (delete) among its handler permissions. Lex V2 API,
//   CreateResourcePolicyStatement: the statement joins the existing policy or a new one is made;
//   a statement for a service principal must carry aws:SourceAccount and aws:SourceArn conditions;
//   cross-account statements are refused; the statement id is unique within the policy.
// - Lambda: Connect admin guide, "Restrict AWS resources that can be associated with Amazon Connect"
//   ("a policy is added to the function through the lambda:AddPermission API"); the
//   IntegrationAssociation schema lists lambda:AddPermission (create) and lambda:RemovePermission
//   (delete).
// - KMS: Connect admin guide, "Key management in Amazon Connect": associating a key with a storage
//   location makes a grant with the instance's service-linked role as grantee principal, for
//   encryption and decryption, using the API caller's permissions (no kms:CreateGrant: the
//   association fails); disassociating removes the grant. The CloudFormation schema of
//   AWS::Connect::InstanceStorageConfig lists kms:DescribeKey and kms:CreateGrant (create),
//   kms:RetireGrant (update, delete); its EncryptionConfig.KeyId must be the key's full ARN, of key
//   spec SYMMETRIC_DEFAULT.
// Not documented, so chosen here and stated: the statement ids (`connect-instance-<instance id>`),
// the Lex actions (the runtime actions of the Lex V2 resource-based policy example for a service),
// the grant's operations (Encrypt, Decrypt, GenerateDataKey) and removing an emptied Lex policy.
import { CreateGrantCommand, DescribeKeyCommand, RetireGrantCommand } from "@aws-sdk/client-kms";
import { AddPermissionCommand, RemovePermissionCommand } from "@aws-sdk/client-lambda";
import {
    CreateResourcePolicyCommand,
    DeleteResourcePolicyCommand,
    DescribeResourcePolicyCommand,
    UpdateResourcePolicyCommand,
} from "@aws-sdk/client-lex-models-v2";
import { clients } from "../clients";
import { isNotFound, operation } from "./common";

const ARN = /^arn:([^:]+):([^:]+):([^:]*):(\d{12}):(.+)$/;

/** Partition, service, Region, account of an ARN (undefined when it is not one). */
export function arnParts(arn: string): { partition: string; service: string; region: string; account: string } | undefined {
    const m = ARN.exec(arn);
    return m ? { partition: m[1], service: m[2], region: m[3], account: m[4] } : undefined;
}

/** The statement id Connect's statements carry in the stand-in. */
export function connectStatementId(instanceArn: string): string {
    return `connect-instance-${instanceArn.split("/").pop()}`;
}

/** Connect's runtime actions on a Lex V2 alias. */
export const CONNECT_LEX_ACTIONS = ["lex:RecognizeText", "lex:StartConversation"];

function serviceStatement(sid: string, actions: string[], resource: string, instanceArn: string) {
    const instance = arnParts(instanceArn)!;
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "connect.amazonaws.com" },
        Action: actions,
        Resource: resource,
        Condition: { StringEquals: { "AWS:SourceAccount": instance.account }, ArnEquals: { "AWS:SourceArn": instanceArn } },
    };
}

/**
 * The alias's policy and its revision, or undefined when it has none. moto answers a missing policy
 * with an internal error (a KeyError in its backend) instead of ResourceNotFoundException.
 */
export async function lexPolicy(resourceArn: string, region: string): Promise<{ policy: any; revisionId: string } | undefined> {
    try {
        const found = await clients.lex(region).send(new DescribeResourcePolicyCommand({ resourceArn }));
        return { policy: JSON.parse(found.policy ?? "{}"), revisionId: found.revisionId! };
    } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if ((error as Error).name === "ResourceNotFoundException" || status === 500) return undefined;
        throw error;
    }
}

/** CreateResourcePolicyStatement, as Connect calls it for a LEX_BOT integration association. */
export async function addLexV2Statement(aliasArn: string, instanceArn: string): Promise<void> {
    const alias = arnParts(aliasArn);
    const what = `adding Amazon Connect's statement to the resource policy of Lex V2 alias ${aliasArn}`;
    if (!alias) throw new Error(`${what}: InvalidParameterException: not an ARN`);
    if (alias.account !== arnParts(instanceArn)!.account) {
        throw new Error(`${what}: ValidationException: a resource policy statement cannot allow cross-account access (alias account ${alias.account})`);
    }
    const sid = connectStatementId(instanceArn);
    const statement = serviceStatement(sid, CONNECT_LEX_ACTIONS, aliasArn, instanceArn);
    const lex = clients.lex(alias.region);
    const current = await lexPolicy(aliasArn, alias.region);
    if (!current) {
        const policy = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
        await operation(what, "", () => lex.send(new CreateResourcePolicyCommand({ resourceArn: aliasArn, policy })));
        return;
    }
    const statements: Array<{ Sid?: string }> = current.policy.Statement ?? [];
    if (statements.some((s) => s.Sid === sid)) throw new Error(`${what}: ResourceInUseException: the policy already has a statement ${sid}`);
    const policy = JSON.stringify({ ...current.policy, Statement: [...statements, statement] });
    await operation(what, "", () => lex.send(new UpdateResourcePolicyCommand({ resourceArn: aliasArn, policy, expectedRevisionId: current.revisionId })));
}

/** DeleteResourcePolicyStatement for Connect's statement; other statements stay. */
export async function removeLexV2Statement(aliasArn: string, instanceArn: string): Promise<void> {
    const alias = arnParts(aliasArn);
    if (!alias) return;
    const current = await lexPolicy(aliasArn, alias.region);
    if (!current) return;
    const sid = connectStatementId(instanceArn);
    const rest = (current.policy.Statement ?? []).filter((s: { Sid?: string }) => s.Sid !== sid);
    const lex = clients.lex(alias.region);
    if (rest.length === 0) await lex.send(new DeleteResourcePolicyCommand({ resourceArn: aliasArn, expectedRevisionId: current.revisionId }));
    else await lex.send(new UpdateResourcePolicyCommand({ resourceArn: aliasArn, policy: JSON.stringify({ ...current.policy, Statement: rest }), expectedRevisionId: current.revisionId }));
}

/** `arn:...:function:name[:qualifier]` → the function and its qualifier. */
function functionParts(functionArn: string): { name: string; qualifier?: string } {
    const m = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::(.+))?$/.exec(functionArn);
    return m ? { name: m[1], qualifier: m[2] } : { name: functionArn };
}

/** lambda:AddPermission, as Connect calls it when a function is associated. */
export async function addLambdaPermission(functionArn: string, instanceArn: string): Promise<void> {
    const fn = arnParts(functionArn);
    const instance = arnParts(instanceArn)!;
    const { name, qualifier } = functionParts(functionArn);
    await operation("adding Amazon Connect's permission to Lambda function", functionArn, () =>
        clients.lambda(fn?.region || instance.region).send(
            new AddPermissionCommand({
                FunctionName: name,
                Qualifier: qualifier,
                StatementId: connectStatementId(instanceArn),
                Action: "lambda:InvokeFunction",
                Principal: "connect.amazonaws.com",
                SourceArn: instanceArn,
                SourceAccount: instance.account,
            }),
        ),
    );
}

/** lambda:RemovePermission of Connect's statement; already gone is success. */
export async function removeLambdaPermission(functionArn: string, instanceArn: string): Promise<void> {
    const fn = arnParts(functionArn);
    const { name, qualifier } = functionParts(functionArn);
    try {
        await clients.lambda(fn?.region || arnParts(instanceArn)!.region).send(new RemovePermissionCommand({ FunctionName: name, Qualifier: qualifier, StatementId: connectStatementId(instanceArn) }));
    } catch (error) {
        if (!isNotFound(error)) throw error;
    }
}

/** The grant Connect made for one storage association. */
export interface KeyGrant {
    keyArn: string;
    grantId: string;
}

const KEY_ARN = /^arn:[^:]+:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** The customer key a storage config hands to Connect, if any (S3 and Kinesis Video configs). */
export function storageKeyArn(config: Record<string, any>): string | undefined {
    const encryption = config.s3Config?.encryptionConfig ?? config.kinesisVideoStreamConfig?.encryptionConfig;
    return typeof encryption?.keyId === "string" ? encryption.keyId : undefined;
}

/** kms:CreateGrant for the instance's role on the storage config's key. */
export async function createKeyGrant(keyArn: string, roleArn: string, instanceId: string): Promise<KeyGrant> {
    const what = `associating KMS key ${keyArn} with Connect instance ${instanceId}`;
    if (!KEY_ARN.test(keyArn)) throw new Error(`${what}: InvalidParameterException: EncryptionConfig.KeyId must be the key's full ARN (arn:<partition>:kms:<region>:<account>:key/<id>)`);
    const kms = clients.kms(arnParts(keyArn)!.region);
    const key = await operation(what, "", () => kms.send(new DescribeKeyCommand({ KeyId: keyArn })));
    const spec = key.KeyMetadata?.KeySpec ?? key.KeyMetadata?.CustomerMasterKeySpec;
    if (spec && spec !== "SYMMETRIC_DEFAULT") throw new Error(`${what}: InvalidParameterException: Amazon Connect supports only keys of spec SYMMETRIC_DEFAULT, not ${spec}`);
    const grant = await operation(what, "", () =>
        kms.send(new CreateGrantCommand({ KeyId: keyArn, GranteePrincipal: roleArn, Operations: ["Encrypt", "Decrypt", "GenerateDataKey"], Name: `connect-instance-${instanceId}` })),
    );
    return { keyArn, grantId: grant.GrantId! };
}

/** kms:RetireGrant of Connect's grant; a key or grant already gone is success. */
export async function retireKeyGrant(grant: KeyGrant): Promise<void> {
    try {
        await clients.kms(arnParts(grant.keyArn)!.region).send(new RetireGrantCommand({ KeyId: grant.keyArn, GrantId: grant.grantId }));
    } catch (error) {
        if (!isNotFound(error, "NotFoundException")) throw error;
    }
}
