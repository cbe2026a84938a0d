// Recreates, in a fresh moto and stand-in store, the AWS side of checked-in stack state (the
// upgrade fixtures of tests/data/upgrade), and rewrites that state to what AWS now holds.
//
// State written by an older release names AWS resources by ids the emulator chose at random
// (roleIds, Connect instance ids and their roles, association ids) and by timestamps. Recreating a
// resource yields new ones; everything else (names, tags, inputs, the serialized providers) stays
// as the old release wrote it. So each resource is made again from what the old state and the
// recorded AWS side say, and every old random value is mapped to its new one throughout the
// state, exactly as if the old release had deployed into this moto.
import { CreateServiceLinkedRoleCommand, GetRoleCommand, IAMClient, TagRoleCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import type { AwsSide, RecordedRole, StackExport } from "../data/upgrade/fixtures";
import { EXISTING_INSTANCE } from "../data/upgrade/fixtures";
import { RESOURCES } from "./awsStandIn/main";
import { createConnectInstance } from "./awsStandIn/resources/connectInstance";
import { readInstance, updateInstance } from "./awsStandIn/store";
import { plain } from "./awsStandIn/values";

/** A timestamp, which two resources may share by chance: mapped per resource, never split. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** Old value → new value, applied to the whole state text at once (timestamps per resource). */
export class Rewrites {
    private readonly map = new Map<string, string>();
    private readonly perResource = new Map<string, Rewrites>();

    /** Records that `from` is now `to`; refuses a value that would have to map to two. */
    add(from: unknown, to: unknown): void {
        if (typeof from !== "string" || typeof to !== "string" || from === to) return;
        const known = this.map.get(from);
        if (known !== undefined && known !== to) throw new Error(`${from} would map both to ${known} and to ${to}`);
        this.map.set(from, to);
    }

    get(from: string): string {
        return this.map.get(from) ?? from;
    }

    /** Rewrites every occurrence, longest first, in one pass (a new value is never rewritten again). */
    apply(text: string): string {
        if (this.map.size === 0) return text;
        const keys = [...this.map.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        return text.replace(new RegExp(keys.join("|"), "g"), (match) => this.map.get(match)!);
    }

    /** The state with every mapping applied; a resource's own timestamps only to that resource. */
    state<T extends StackExport>(state: T): T {
        const rewritten = JSON.parse(this.apply(JSON.stringify(state))) as T;
        rewritten.deployment.resources = rewritten.deployment.resources.map((r) => {
            const local = this.perResource.get(r.urn);
            return local ? JSON.parse(local.apply(JSON.stringify(r))) : r;
        });
        return rewritten;
    }

    /** Maps what differs between a resource's old and new outputs (see {@link addDifferences}). */
    addOutputs(urn: string, before: unknown, after: unknown): void {
        const local = this.perResource.get(urn) ?? new Rewrites();
        this.perResource.set(urn, local);
        this.addDifferences(before, after, local);
    }

    /**
     * Maps the strings that differ between an old and a new output value at the same place; an
     * identifier inside an ARN or a composite id (split at `:`, `/` and `,`) is mapped too.
     */
    addDifferences(before: unknown, after: unknown, timestamps: Rewrites = this): void {
        if (typeof before === "string" && typeof after === "string") {
            if (before === after) return;
            if (TIMESTAMP.test(before)) return timestamps.add(before, after);
            this.add(before, after);
            const [a, b] = [before.split(/[:/,]/), after.split(/[:/,]/)];
            if (a.length === b.length && a.length > 1) a.forEach((part, i) => part.length >= 8 && this.add(part, b[i]));
        } else if (Array.isArray(before) && Array.isArray(after)) {
            before.forEach((item, i) => this.addDifferences(item, after[i], timestamps));
        } else if (before && after && typeof before === "object" && typeof after === "object") {
            for (const key of Object.keys(before)) this.addDifferences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], timestamps);
        }
    }
}

/**
 * Makes again what `states` (old stack exports) hold in AWS, and the roles among `aws.roles` they
 * name, with their descriptions and tags (claims included); returns the rewrites to apply to the
 * states. Needs this process pointed at moto and the store (`pointThisProcessAt`) when a state holds
 * `aws:*` resources.
 */
export async function recreateAwsSide(iam: IAMClient, aws: AwsSide, states: StackExport[]): Promise<Rewrites> {
    const rewrites = new Rewrites();
    const text = () => states.map((s) => JSON.stringify(s)).join("\n");
    if (text().includes(aws.existingInstanceId)) await recreateInstance(rewrites, aws, aws.existingInstanceId, () => createConnectInstance(EXISTING_INSTANCE));
    for (const state of states) {
        for (const resource of state.deployment.resources) {
            if (!resource.custom || !resource.type.startsWith("aws:") || resource.id === undefined) continue;
            const handler = RESOURCES[resource.type];
            if (!handler) throw new Error(`the stand-in cannot recreate ${resource.type} (${resource.urn})`);
            const inputs = plain(JSON.parse(rewrites.apply(JSON.stringify(resource.inputs ?? {}))));
            const made = await handler.create(inputs);
            rewrites.add(resource.id, made.id);
            rewrites.addOutputs(resource.urn, plain(resource.outputs), made.outs);
            if (resource.type === "aws:connect/instance:Instance") await recreateInstance(rewrites, aws, resource.id, async () => made.id);
        }
    }
    const named = text();
    for (const role of aws.roles.filter((r) => named.includes(r.roleName))) await recreateRole(iam, rewrites, role);
    return rewrites;
}

/** An instance (made by `make`), its role's name and the attributes the old store held for it. */
async function recreateInstance(rewrites: Rewrites, aws: AwsSide, oldId: string, make: () => Promise<string>): Promise<void> {
    const old = aws.standInStore.instances[oldId];
    if (!old) throw new Error(`the recorded store has no instance ${oldId}`);
    const newId = await make();
    rewrites.add(oldId, newId);
    rewrites.add(old.roleName, readInstance(newId)!.roleName);
    updateInstance(newId, (record) => ({ ...record!, attributes: { ...old.attributes } }));
}

/** A role with the recorded description and tags; its new roleId and create date are mapped. */
async function recreateRole(iam: IAMClient, rewrites: Rewrites, role: RecordedRole): Promise<void> {
    const roleName = rewrites.get(role.roleName);
    if (role.madeBy === "CreateServiceLinkedRole") {
        const service = role.path.split("/").filter(Boolean)[1];
        const suffix = role.roleName.includes("_") ? role.roleName.slice(role.roleName.indexOf("_") + 1) : undefined;
        const { Role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service, CustomSuffix: suffix, Description: role.description }));
        if (Role?.RoleName !== role.roleName) throw new Error(`recreating ${role.roleName}: IAM named the role ${Role?.RoleName}`);
    } else if (role.description !== undefined) {
        await iam.send(new UpdateRoleCommand({ RoleName: roleName, Description: role.description }));
    }
    const tags = Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value }));
    if (tags.length > 0) await iam.send(new TagRoleCommand({ RoleName: roleName, Tags: tags }));
    const { Role: now } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    rewrites.add(role.roleId, now!.RoleId);
    rewrites.add(role.createDate, now!.CreateDate!.toISOString());
}
