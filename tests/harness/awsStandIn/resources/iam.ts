// IAM roles, inline role policies and service-linked roles, forwarded to moto's IAM (the same IAM
// the package's own provider talks to, so each sees what the other made).
import {
    CreateRoleCommand,
    CreateServiceLinkedRoleCommand,
    DeleteRoleCommand,
    DeleteRolePolicyCommand,
    DeleteServiceLinkedRoleCommand,
    DetachRolePolicyCommand,
    GetRoleCommand,
    GetRolePolicyCommand,
    GetServiceLinkedRoleDeletionStatusCommand,
    ListAttachedRolePoliciesCommand,
    ListRolePoliciesCommand,
    PutRolePolicyCommand,
    Role,
    TagRoleCommand,
    UntagRoleCommand,
    UpdateAssumeRolePolicyCommand,
    UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import { clients } from "../clients";
import type { ResourceHandler } from "../handler";
import type { Props } from "../values";
import { autoName, isNotFound, jsonText, operation, requireInputs, sameJsonOr, tagList, unlessNotFound } from "./common";

function roleOutputs(role: Role, state: Props): Props {
    return {
        ...state,
        arn: role.Arn,
        name: role.RoleName,
        path: role.Path,
        uniqueId: role.RoleId,
        createDate: new Date(role.CreateDate!).toISOString(),
        description: role.Description ?? state.description,
        maxSessionDuration: role.MaxSessionDuration,
        assumeRolePolicy: sameJsonOr(jsonText(state.assumeRolePolicy), role.AssumeRolePolicyDocument ?? "{}"),
        tagsAll: state.tags ?? {},
    };
}

async function getRole(name: string): Promise<Role | undefined> {
    return (await unlessNotFound(() => clients.iam().send(new GetRoleCommand({ RoleName: name }))))?.Role;
}

async function updateRoleTags(name: string, before: Record<string, string> = {}, after: Record<string, string> = {}): Promise<void> {
    const iam = clients.iam();
    const removed = Object.keys(before).filter((k) => !(k in after));
    if (removed.length > 0) await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: removed }));
    if (Object.keys(after).length > 0) await iam.send(new TagRoleCommand({ RoleName: name, Tags: tagList(after) }));
}

export const roleHandler: ResourceHandler = {
    inputs: ["assumeRolePolicy", "description", "forceDetachPolicies", "maxSessionDuration", "name", "namePrefix", "path", "permissionsBoundary", "tags"],
    computedInputs: ["name", "path", "maxSessionDuration"],
    check(news, olds, name) {
        autoName(news, olds, "name", name, news.namePrefix !== undefined ? { prefix: news.namePrefix } : {});
        return requireInputs(news, "assumeRolePolicy");
    },
    async create(inputs) {
        const created = await operation("creating IAM role", inputs.name, () =>
            clients.iam().send(
                new CreateRoleCommand({
                    RoleName: inputs.name,
                    Path: inputs.path ?? "/",
                    AssumeRolePolicyDocument: jsonText(inputs.assumeRolePolicy),
                    Description: inputs.description,
                    MaxSessionDuration: inputs.maxSessionDuration,
                    PermissionsBoundary: inputs.permissionsBoundary,
                    Tags: tagList(inputs.tags).length > 0 ? tagList(inputs.tags) : undefined,
                }),
            ),
        );
        return { id: inputs.name, outs: roleOutputs(created.Role!, inputs) };
    },
    async read(id, state) {
        const role = await getRole(id);
        return role && roleOutputs(role, state);
    },
    async update(id, olds, news) {
        const iam = clients.iam();
        if (jsonText(olds.assumeRolePolicy) !== jsonText(news.assumeRolePolicy)) {
            await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: id, PolicyDocument: jsonText(news.assumeRolePolicy) }));
        }
        if (olds.description !== news.description || olds.maxSessionDuration !== news.maxSessionDuration) {
            await iam.send(new UpdateRoleCommand({ RoleName: id, Description: news.description, MaxSessionDuration: news.maxSessionDuration }));
        }
        await updateRoleTags(id, olds.tags, news.tags);
        return roleOutputs((await getRole(id))!, news);
    },
    async delete(id, state) {
        const iam = clients.iam();
        if (state.forceDetachPolicies) {
            const attached = (await unlessNotFound(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: id }))))?.AttachedPolicies ?? [];
            for (const p of attached) await iam.send(new DetachRolePolicyCommand({ RoleName: id, PolicyArn: p.PolicyArn }));
            const inline = (await unlessNotFound(() => iam.send(new ListRolePoliciesCommand({ RoleName: id }))))?.PolicyNames ?? [];
            for (const p of inline) await iam.send(new DeleteRolePolicyCommand({ RoleName: id, PolicyName: p }));
        }
        try {
            await iam.send(new DeleteRoleCommand({ RoleName: id }));
        } catch (error) {
            if (isNotFound(error)) return;
            throw new Error(`deleting IAM role ${id}: ${(error as Error).name}: ${(error as Error).message}`);
        }
    },
};

export const rolePolicyHandler: ResourceHandler = {
    inputs: ["name", "namePrefix", "policy", "role"],
    computedInputs: ["name"],
    check(news, olds, name) {
        autoName(news, olds, "name", name, news.namePrefix !== undefined ? { prefix: news.namePrefix } : {});
        return requireInputs(news, "policy", "role");
    },
    async create(inputs) {
        await operation("putting IAM role policy", `${inputs.role}:${inputs.name}`, () =>
            clients.iam().send(new PutRolePolicyCommand({ RoleName: inputs.role, PolicyName: inputs.name, PolicyDocument: jsonText(inputs.policy) })),
        );
        return { id: `${inputs.role}:${inputs.name}`, outs: { ...inputs } };
    },
    async read(id, state) {
        const [role, name] = id.split(":");
        const found = await unlessNotFound(() => clients.iam().send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name })));
        return found && { ...state, role, name, policy: sameJsonOr(jsonText(state.policy), found.PolicyDocument ?? "{}") };
    },
    async update(id, _olds, news) {
        const [role, name] = id.split(":");
        await clients.iam().send(new PutRolePolicyCommand({ RoleName: role, PolicyName: name, PolicyDocument: jsonText(news.policy) }));
        return { ...news };
    },
    async delete(id) {
        const [role, name] = id.split(":");
        await unlessNotFound(() => clients.iam().send(new DeleteRolePolicyCommand({ RoleName: role, PolicyName: name })));
    },
};

/** aws:iam/serviceLinkedRole:ServiceLinkedRole: id is the role's ARN, as in Terraform. */
export const serviceLinkedRoleHandler: ResourceHandler = {
    inputs: ["awsServiceName", "customSuffix", "description", "tags"],
    check: (news) => requireInputs(news, "awsServiceName"),
    async create(inputs) {
        const iam = clients.iam();
        const created = await operation("creating service-linked role for", inputs.awsServiceName, () =>
            iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: inputs.awsServiceName, CustomSuffix: inputs.customSuffix, Description: inputs.description })),
        );
        const role = created.Role!;
        await updateRoleTags(role.RoleName!, {}, inputs.tags);
        return { id: role.Arn!, outs: slrOutputs((await getRole(role.RoleName!))!, inputs) };
    },
    async read(id, state) {
        const role = await getRole(id.split("/").pop()!);
        return role && slrOutputs(role, state);
    },
    async update(id, olds, news) {
        const name = id.split("/").pop()!;
        if (olds.description !== news.description) await clients.iam().send(new UpdateRoleCommand({ RoleName: name, Description: news.description ?? "" }));
        await updateRoleTags(name, olds.tags, news.tags);
        return slrOutputs((await getRole(name))!, news);
    },
    async delete(id) {
        const iam = clients.iam();
        const name = id.split("/").pop()!;
        const task = await unlessNotFound(() => iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: name })));
        if (!task?.DeletionTaskId) return;
        for (let i = 0; i < 60; i++) {
            const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: task.DeletionTaskId }));
            if (status.Status === "SUCCEEDED") return;
            if (status.Status === "FAILED") throw new Error(`deleting service-linked role ${name}: deletion task failed: ${status.Reason?.Reason ?? "no reason given"}`);
            await new Promise((r) => setTimeout(r, 1000));
        }
        throw new Error(`deleting service-linked role ${name}: deletion task still in progress after 60 s`);
    },
};

function slrOutputs(role: Role, state: Props): Props {
    return {
        ...state,
        arn: role.Arn,
        name: role.RoleName,
        path: role.Path,
        uniqueId: role.RoleId,
        createDate: new Date(role.CreateDate!).toISOString(),
        description: role.Description ?? state.description,
        tagsAll: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value!])),
    };
}
