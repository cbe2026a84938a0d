/**
 * Loading a role from IAM for the live check: the role, its managed and inline policies and its
 * permissions boundary, parsed. The SDK loads lazily so that the dynamic provider never serializes
 * it.
 */
import type { IAMClient } from "@aws-sdk/client-iam";
import type * as IamSdk from "@aws-sdk/client-iam";
import { IamOperationError } from "../../iam/client";
import { decodePolicyText, parsePolicy } from "../../policy";
import type { ParsedPolicy } from "../../policy";
import type { PolicySource } from "./report";

/** The role as read from IAM, with its policies parsed. */
export interface LoadedRole {
    name: string;
    arn: string;
    path: string;
    trustPolicy?: unknown;
    identity: ParsedPolicy[];
    boundary?: ParsedPolicy;
    sources: PolicySource[];
}

function sdk(): typeof IamSdk {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("@aws-sdk/client-iam") as typeof IamSdk;
}

/** Calls IAM, turning failures into errors that name the operation and the role. */
async function call<T>(operation: string, role: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (err) {
        throw new IamOperationError(operation, role, err);
    }
}

/** Collects every page of a Marker/IsTruncated paginated IAM list call. */
async function listAll<T>(page: (marker: string | undefined) => Promise<{ items: T[]; truncated?: boolean; marker?: string }>): Promise<T[]> {
    const items: T[] = [];
    let marker: string | undefined;
    do {
        const result = await page(marker);
        items.push(...result.items);
        marker = result.truncated ? result.marker : undefined;
    } while (marker);
    return items;
}

export async function loadRole(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<LoadedRole> {
    const iam = sdk();
    const got = await call("GetRole", roleName, () => client.send(new iam.GetRoleCommand({ RoleName: roleName })));
    const role = got.Role;
    if (!role?.Arn) throw new IamOperationError("GetRole", roleName, new Error("IAM returned no role"));
    const loaded: LoadedRole = { name: role.RoleName ?? roleName, arn: role.Arn, path: role.Path ?? "/", identity: [], sources: [] };
    if (role.AssumeRolePolicyDocument) {
        try {
            loaded.trustPolicy = decodePolicyText(role.AssumeRolePolicyDocument);
        } catch {
            // A trust policy we cannot read only weakens a warning; the permission check does not need it.
        }
    }
    for (const attached of await listAttachedPolicies(client, roleName, pageSize)) {
        const { document, versionId } = await loadManagedPolicy(client, roleName, attached.arn);
        loaded.identity.push(parsePolicy(attached.name, document, attached.arn));
        loaded.sources.push({ name: attached.name, kind: "managed", arn: attached.arn, versionId });
    }
    for (const name of await listInlinePolicyNames(client, roleName, pageSize)) {
        const out = await call(`GetRolePolicy(${name})`, roleName, () => client.send(new iam.GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })));
        loaded.identity.push(parsePolicy(name, requireText(out.PolicyDocument, "GetRolePolicy", roleName)));
        loaded.sources.push({ name, kind: "inline" });
    }
    const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
    if (boundaryArn) {
        const { document, versionId } = await loadManagedPolicy(client, roleName, boundaryArn);
        const name = boundaryArn.split("/").pop() ?? boundaryArn;
        loaded.boundary = parsePolicy(`${name} (permissions boundary)`, document, boundaryArn);
        loaded.sources.push({ name, kind: "boundary", arn: boundaryArn, versionId });
    }
    return loaded;
}

async function listAttachedPolicies(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<Array<{ name: string; arn: string }>> {
    const iam = sdk();
    return listAll(async (marker) => {
        const out = await call("ListAttachedRolePolicies", roleName, () =>
            client.send(new iam.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker, MaxItems: pageSize })),
        );
        const items = (out.AttachedPolicies ?? []).filter((p) => p.PolicyArn).map((p) => ({ name: p.PolicyName ?? p.PolicyArn!, arn: p.PolicyArn! }));
        return { items, truncated: out.IsTruncated, marker: out.Marker };
    });
}

async function listInlinePolicyNames(client: IAMClient, roleName: string, pageSize: number | undefined): Promise<string[]> {
    const iam = sdk();
    return listAll(async (marker) => {
        const out = await call("ListRolePolicies", roleName, () => client.send(new iam.ListRolePoliciesCommand({ RoleName: roleName, Marker: marker, MaxItems: pageSize })));
        return { items: out.PolicyNames ?? [], truncated: out.IsTruncated, marker: out.Marker };
    });
}

/** Reads the default version of a managed policy (GetPolicy, then GetPolicyVersion). */
async function loadManagedPolicy(client: IAMClient, roleName: string, policyArn: string): Promise<{ document: string; versionId: string }> {
    const iam = sdk();
    const policy = await call(`GetPolicy(${policyArn})`, roleName, () => client.send(new iam.GetPolicyCommand({ PolicyArn: policyArn })));
    const versionId = policy.Policy?.DefaultVersionId;
    if (!versionId) throw new IamOperationError(`GetPolicy(${policyArn})`, roleName, new Error("IAM returned no default version"));
    const version = await call(`GetPolicyVersion(${policyArn} ${versionId})`, roleName, () =>
        client.send(new iam.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
    );
    return { document: requireText(version.PolicyVersion?.Document, `GetPolicyVersion(${policyArn})`, roleName), versionId };
}

function requireText(text: string | undefined, operation: string, roleName: string): string {
    if (!text) throw new IamOperationError(operation, roleName, new Error("IAM returned no policy document"));
    return text;
}
