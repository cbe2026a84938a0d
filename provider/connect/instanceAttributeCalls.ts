import type { ConnectClient } from "@aws-sdk/client-connect";
import { awsErrorCode } from "../aws/client";

// The Connect calls of the instance-attributes provider, each failing with an error that names the
// operation, the instance and (where there is one) the attribute. The client comes from the gated
// connection (../aws/connection.ts); the SDK's commands load inside each call so state never holds them.

/** Names the operation, instance and attribute, and says what to do next. */
function failure(operation: string, instanceId: string, attribute: string, cause: unknown): Error {
    if ((cause as { name?: string }).name === "AccountMismatchError") return cause as Error;
    const code = awsErrorCode(cause) ?? "error";
    const detail = cause instanceof Error ? cause.message : String(cause);
    const next = code === "AccessDeniedException" ? "; the deployer needs connect:DescribeInstance, connect:DescribeInstanceAttribute, connect:UpdateInstanceAttribute, connect:ListTagsForResource, connect:TagResource and connect:UntagResource on the instance, and iam:PutRolePolicy on its service-linked role (Connect adds a feature's permissions to that role with the caller's credentials)" : "";
    return Object.assign(new Error(`${operation}${attribute ? ` ${attribute}` : ""} on Connect instance ${instanceId} failed (${code}): ${detail}${next}`), { code });
}

export async function call<T>(operation: string, instanceId: string, attribute: string, send: () => Promise<T>): Promise<T> {
    try {
        return await send();
    } catch (error) {
        throw failure(operation, instanceId, attribute, error);
    }
}

export async function readAttribute(connect: ConnectClient, instanceId: string, attribute: string): Promise<boolean> {
    const { DescribeInstanceAttributeCommand } = await import("@aws-sdk/client-connect");
    const out = await call("DescribeInstanceAttribute", instanceId, attribute, () => connect.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, AttributeType: attribute as never })));
    return out.Attribute?.Value === "true";
}

export async function writeAttribute(connect: ConnectClient, instanceId: string, attribute: string, value: boolean): Promise<void> {
    const { UpdateInstanceAttributeCommand } = await import("@aws-sdk/client-connect");
    await call("UpdateInstanceAttribute", instanceId, attribute, () => connect.send(new UpdateInstanceAttributeCommand({ InstanceId: instanceId, AttributeType: attribute as never, Value: String(value) })));
}

export async function instanceArn(connect: ConnectClient, instanceId: string): Promise<string> {
    const { DescribeInstanceCommand } = await import("@aws-sdk/client-connect");
    const out = await call("DescribeInstance", instanceId, "", () => connect.send(new DescribeInstanceCommand({ InstanceId: instanceId })));
    if (!out.Instance?.Arn) throw new Error(`DescribeInstance on Connect instance ${instanceId} returned no ARN`);
    return out.Instance.Arn;
}

export async function listTags(connect: ConnectClient, instanceId: string, arn: string): Promise<Record<string, string>> {
    const { ListTagsForResourceCommand } = await import("@aws-sdk/client-connect");
    const out = await call("ListTagsForResource", instanceId, "", () => connect.send(new ListTagsForResourceCommand({ resourceArn: arn })));
    return out.tags ?? {};
}

export async function tag(connect: ConnectClient, instanceId: string, arn: string, tags: Record<string, string>): Promise<void> {
    if (Object.keys(tags).length === 0) return;
    const { TagResourceCommand } = await import("@aws-sdk/client-connect");
    await call("TagResource", instanceId, "", () => connect.send(new TagResourceCommand({ resourceArn: arn, tags })));
}

export async function untag(connect: ConnectClient, instanceId: string, arn: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const { UntagResourceCommand } = await import("@aws-sdk/client-connect");
    await call("UntagResource", instanceId, "", () => connect.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys })));
}

