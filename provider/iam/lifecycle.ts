import type { IAMClient, Role } from "@aws-sdk/client-iam";
import {
    CreateServiceLinkedRoleCommand,
    DeleteServiceLinkedRoleCommand,
    TagRoleCommand,
    UntagRoleCommand,
    UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import { createIamClient, IamConnectionSettings, IamOperationError, isNoSuchEntity, isRoleAlreadyExists } from "./client";
import { diffRole, tagChanges } from "./diff";
import { findRoleByName, findServiceLinkedRole } from "./finders";
import { RoleInputs, RoleOwnership, RoleState, roleNameFromNameOrArn } from "./inputs";
import { InputFailure, validateInputs } from "./validation";
import { ROLE_PROPAGATION_TIMEOUT_MS, waitForDeletion, waitForRoleVisible } from "./waiters";

// The lifecycle is a module of plain functions so that the dynamic provider object only captures
// this module: when the package is installed, Pulumi serializes that capture as a `require()`.

let connection: IamConnectionSettings = {};
let cachedClient: IAMClient | undefined;

/** Applies connection settings from stack config (`configure`) and drops the cached client. */
export function configureConnection(settings: IamConnectionSettings): void {
    connection = settings;
    cachedClient = undefined;
}

function iam(): IAMClient {
    cachedClient ??= createIamClient(connection);
    return cachedClient;
}

/** Validates inputs and fills defaults; see {@link validateInputs}. */
export function check(news: Record<string, unknown>): { inputs: RoleInputs; failures: InputFailure[] } {
    return validateInputs(news);
}

/** Plans the change; see {@link diffRole}. */
export function diff(olds: RoleState, news: Record<string, unknown>) {
    return diffRole(olds, validateInputs(news).inputs);
}

/** Creates the role, or adopts it when it already exists, converges it and records it. */
export async function create(raw: Record<string, unknown>): Promise<{ id: string; outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    const client = iam();
    const placed = inputs.existingRole ? await adoptNamedRole(client, inputs) : await createOrAdopt(client, inputs);
    try {
        const visible = await waitForRoleVisible(client, placed.roleName);
        if (!visible) {
            throw new Error(`role ${placed.roleName} was not readable through GetRole within ${ROLE_PROPAGATION_TIMEOUT_MS / 1000} s`);
        }
        const outs = await converge(client, stateFromRole(visible, inputs, placed.ownership), inputs);
        return { id: placed.roleName, outs: compact(outs) };
    } catch (err) {
        // IAM has the role: hand the engine an id so that state keeps track of it.
        throw withPartialState(err, placed.roleName, placed.partial);
    }
}

/** Reads the role for refresh, `get` and import. An out-of-band deletion yields an empty id. */
export async function read(id: string, props: Partial<RoleState> & Record<string, unknown>) {
    const client = iam();
    const roleName = roleNameFromNameOrArn(id);
    const role = (await findRoleByName(client, roleName)) ?? (await waitIfRecentlyCreated(client, roleName, props.createDate));
    if (!role && props.roleId === undefined) throw missingRoleError(roleName);
    if (!role) return { id: "", props: {} };
    if (!role.Path?.startsWith("/aws-service-role/")) {
        throw new Error(`Role ${roleName} is not a service-linked role (its path is ${role.Path}); ServiceLinkedRole manages only roles under /aws-service-role/.`);
    }
    const isNewToState = props.roleId === undefined;
    const inputs = validateInputs(props).inputs;
    if (isNewToState) inputs.awsServiceName = serviceNameFromPath(role.Path);
    const state = stateFromRole(role, inputs, isNewToState ? "adopted" : (props.ownership ?? "adopted"));
    if (!isNewToState) return { id: role.RoleName!, props: compact(state) };
    // Import and `get`: the inputs are what the program declared, filled from IAM where it declared a value.
    const importedInputs: RoleInputs = { ...inputs };
    if (inputs.description !== undefined) importedInputs.description = state.description;
    if (inputs.tags !== undefined) importedInputs.tags = state.tags;
    return { id: role.RoleName!, props: compact(state), inputs: compact(importedInputs) };
}

/** A `get` or import of a role IAM does not have: nothing to read, so the deployment must stop. */
function missingRoleError(roleName: string): Error {
    return new Error(
        `GetRole found no role ${roleName} (NoSuchEntity): ServiceLinkedRole.get and import need an existing role. ` +
            "Check the name or ARN and that the credentials belong to the role's account, or declare new ServiceLinkedRole(...) to create it.",
    );
}

/** Changes the description and tags in place; settings that live only in state need no call. */
export async function update(_id: string, olds: RoleState, raw: Record<string, unknown>): Promise<{ outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    // existingRole only matters at create; a program that drops it must not keep it in state.
    const { existingRole: _previousReference, ...recorded } = olds;
    const current: RoleState = { ...recorded, ...inputs, description: olds.description, tags: olds.tags };
    return { outs: compact(await converge(iam(), current, inputs)) };
}

/** Deletes the role when the deletion policy and ownership say so, and waits for IAM's deletion task. */
export async function remove(id: string, props: RoleState): Promise<void> {
    if (!shouldDelete(props)) return;
    const client = iam();
    let deletionTaskId: string | undefined;
    try {
        ({ DeletionTaskId: deletionTaskId } = await client.send(new DeleteServiceLinkedRoleCommand({ RoleName: id })));
    } catch (err) {
        if (isNoSuchEntity(err)) return;
        throw new IamOperationError("DeleteServiceLinkedRole", id, err);
    }
    if (!deletionTaskId) throw new Error(`DeleteServiceLinkedRole for role ${id} returned no deletion task id`);
    await waitForDeletion(client, id, deletionTaskId, (props.deletionTimeoutSeconds ?? 600) * 1000);
}

/** Whether delete removes the role from IAM, given the policy and who created it. */
export function shouldDelete(props: Pick<RoleState, "deletionPolicy" | "ownership">): boolean {
    switch (props.deletionPolicy ?? "deleteIfCreated") {
        case "alwaysDelete":
            return true;
        case "neverDelete":
            return false;
        default:
            return props.ownership === "created";
    }
}

interface PlacedRole {
    roleName: string;
    ownership: RoleOwnership;
    /** What state must hold if a later step fails. */
    partial: Record<string, unknown>;
}

async function adoptNamedRole(client: IAMClient, inputs: RoleInputs): Promise<PlacedRole> {
    const roleName = roleNameFromNameOrArn(inputs.existingRole!);
    const role = await findRoleByName(client, roleName);
    if (!role) throw new Error(`existingRole ${inputs.existingRole} does not exist in this account (GetRole answered NoSuchEntity)`);
    if (role.Path !== `/aws-service-role/${inputs.awsServiceName}/`) {
        throw new Error(`existingRole ${roleName} is not a service-linked role of ${inputs.awsServiceName} (its path is ${role.Path})`);
    }
    return { roleName, ownership: "adopted", partial: { ...inputs, roleName, ownership: "adopted" } };
}

/**
 * CreateServiceLinkedRole, or adoption when the role exists. When a retry of our own create meets
 * "already exists", an earlier attempt got no answer, and the role's CreateDate is after our first
 * attempt, that attempt created it and only its response was lost: the role is recorded as created.
 */
async function createOrAdopt(client: IAMClient, inputs: RoleInputs): Promise<PlacedRole> {
    const startedAt = serverNow(client);
    const command = new CreateServiceLinkedRoleCommand({
        AWSServiceName: inputs.awsServiceName,
        Description: inputs.description,
        CustomSuffix: inputs.customSuffix,
    });
    const attempts = trackUnansweredAttempts(command);
    try {
        const { Role: role } = await client.send(command);
        if (!role?.RoleName) throw new Error("CreateServiceLinkedRole returned no role");
        return placed(role, inputs, "created");
    } catch (err) {
        if (!isRoleAlreadyExists(err)) {
            throw err instanceof IamOperationError ? err : new IamOperationError("CreateServiceLinkedRole", describeTarget(inputs), err);
        }
        const existing = await findServiceLinkedRole(client, inputs.awsServiceName, inputs.customSuffix);
        if (!existing?.RoleName) {
            throw new IamOperationError("CreateServiceLinkedRole", describeTarget(inputs), err);
        }
        // Only an attempt that got no answer (or a 5xx) may have been applied; a throttled one was not.
        const ourLostCreate = attempts.unanswered > 0 && (existing.CreateDate?.getTime() ?? 0) >= startedAt - CLOCK_TOLERANCE_MS;
        return placed(existing, inputs, ourLostCreate ? "created" : "adopted");
    }
}

/**
 * Counts the attempts of one SDK call that IAM may have applied without us seeing the answer:
 * network failures and 5xx. The retry middleware sits above the deserialize step, so this
 * middleware sees every attempt.
 */
function trackUnansweredAttempts(command: CreateServiceLinkedRoleCommand): { unanswered: number } {
    const tally = { unanswered: 0 };
    command.middlewareStack.add(
        (next) => async (args) => {
            try {
                const result = await next(args);
                const status = (result.response as { statusCode?: number } | undefined)?.statusCode;
                if (status !== undefined && status >= 500) tally.unanswered++;
                return result;
            } catch (err) {
                const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
                if (status === undefined || status >= 500) tally.unanswered++;
                throw err;
            }
        },
        { step: "deserialize", name: "trackUnansweredAttempts", priority: "high" },
    );
    return tally;
}

/** How far a role's CreateDate may precede our first attempt and still be ours (second-granularity dates). */
const CLOCK_TOLERANCE_MS = 1_000;

/** Now on the server's clock: the SDK learns the offset from response Date headers. */
function serverNow(client: IAMClient): number {
    const offset = (client.config as { systemClockOffset?: number }).systemClockOffset ?? 0;
    return Date.now() + offset;
}

function placed(role: Role, inputs: RoleInputs, ownership: RoleOwnership): PlacedRole {
    return { roleName: role.RoleName!, ownership, partial: stateFromRole(role, inputs, ownership) as unknown as Record<string, unknown> };
}

function describeTarget(inputs: RoleInputs): string {
    return `of service ${inputs.awsServiceName}${inputs.customSuffix ? ` with suffix ${inputs.customSuffix}` : ""}`;
}

/** Makes IAM's description and tags match the inputs, calling IAM only for what differs. */
async function converge(client: IAMClient, state: RoleState, inputs: RoleInputs): Promise<RoleState> {
    let current = state;
    const roleName = state.roleName;
    try {
        if (inputs.description !== undefined && inputs.description !== current.description) {
            await client.send(new UpdateRoleCommand({ RoleName: roleName, Description: inputs.description }));
            current = { ...current, description: inputs.description };
        }
        if (inputs.tags !== undefined) {
            const { toSet, toRemove } = tagChanges(current.tags ?? {}, inputs.tags);
            // Untag first: if IAM folds key case, TagRole(team) then UntagRole(Team) would drop the tag.
            if (toRemove.length > 0) {
                await client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: toRemove }));
                current = { ...current, tags: withoutKeys(current.tags ?? {}, toRemove) };
            }
            if (Object.keys(toSet).length > 0) {
                await client.send(new TagRoleCommand({ RoleName: roleName, Tags: Object.entries(toSet).map(([Key, Value]) => ({ Key, Value })) }));
                current = { ...current, tags: { ...current.tags, ...toSet } };
            }
        }
    } catch (err) {
        const operation = (err as { $metadata?: unknown }).$metadata ? "UpdateRole/TagRole/UntagRole" : "converge";
        throw withPartialState(err instanceof IamOperationError ? err : new IamOperationError(operation, roleName, err), roleName, current as unknown as Record<string, unknown>);
    }
    return current;
}

function withoutKeys(tags: Record<string, string>, keys: string[]): Record<string, string> {
    return Object.fromEntries(Object.entries(tags).filter(([key]) => !keys.includes(key)));
}

/** Builds the recorded state from an IAM role and the inputs that produced it. */
export function stateFromRole(role: Role, inputs: RoleInputs, ownership: RoleOwnership): RoleState {
    return {
        ...inputs,
        roleName: role.RoleName!,
        arn: role.Arn!,
        roleId: role.RoleId!,
        path: role.Path!,
        createDate: role.CreateDate instanceof Date ? role.CreateDate.toISOString() : String(role.CreateDate ?? ""),
        description: role.Description,
        tags: Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""])),
        trustPolicy: decodeTrustPolicy(role.AssumeRolePolicyDocument),
        ownership,
    };
}

function decodeTrustPolicy(document: string | undefined): unknown {
    if (!document) return undefined;
    try {
        return JSON.parse(decodeURIComponent(document));
    } catch {
        return document;
    }
}

function serviceNameFromPath(path: string): string {
    return path.split("/").filter(Boolean)[1] ?? "";
}

/** How long after its creation a role that GetRole cannot see is still presumed to exist. */
export const READ_PROPAGATION_WINDOW_MS = 10_000;

/**
 * A role created moments ago can be invisible to GetRole; refresh must not drop it then.
 * Outside the propagation window, NoSuchEntity means the role is gone.
 */
async function waitIfRecentlyCreated(client: IAMClient, roleName: string, createDate: unknown): Promise<Role | undefined> {
    if (typeof createDate !== "string") return undefined;
    const remaining = READ_PROPAGATION_WINDOW_MS - (serverNow(client) - Date.parse(createDate));
    return remaining > 0 ? waitForRoleVisible(client, roleName, remaining) : undefined;
}

/** Attaches the id and properties the engine needs to keep a resource that IAM already holds. */
function withPartialState(err: unknown, id: string, properties: Record<string, unknown>): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    return Object.assign(error, { id, properties: compact(properties), reasons: [error.message] });
}

/** Drops undefined fields: the engine's wire format has no `undefined`, only absent properties. */
function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

