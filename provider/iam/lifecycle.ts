import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { DeleteServiceLinkedRoleCommand, TagRoleCommand, UntagRoleCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import { claimsIn, claimTagKey, claimTagValue, removeClaims, tagsOf, withoutClaims } from "./claims";
import { accountFromArn } from "./account";
import { IamConnectionSettings, IamOperationError, isNoSuchEntity } from "./client";
import { serverNow, trackServerClock } from "./clock";
import { configureStack, connectionFor, stackSettings } from "./connection";
import type { ConnectionArgs } from "./connectionSettings";
import { diffRole, tagChanges } from "./diff";
import { findRoleByName } from "./finders";
import { RoleInputs, RoleOwnership, RoleState, roleNameFromNameOrArn } from "./inputs";
import { adoptNamedRole, createOrAdopt } from "./placement";
import { withoutIgnoredTags } from "./tags";
import { InputFailure, validateInputs } from "./validation";
import { Deadline, isAborted, ROLE_PROPAGATION_TIMEOUT_MS, waitForDeletion, waitForRoleVisible } from "./waiters";

// The lifecycle is a module of plain functions so that the dynamic provider object only captures
// this module: when the package is installed, Pulumi serializes that capture as a `require()`.

/** Overrides the client settings under the stack's (tests use it for `maxAttempts`) and drops cached clients. */
export function configureConnection(settings: IamConnectionSettings): void {
    configureStack(stackSettings(), settings);
}

/** The IAM client of a role's `connection` input (the stack's own connection when absent). */
function iam(connection: ConnectionArgs | undefined): IAMClient {
    const client = connectionFor(connection).iam;
    trackServerClock(client);
    return client;
}

/** The serialized dynamic provider the engine stores with each resource (see partial states). */
const PROVIDER_KEY = "__provider";

/** Validates inputs and fills defaults; see {@link validateInputs}. */
export function check(news: Record<string, unknown>): { inputs: RoleInputs; failures: InputFailure[] } {
    return validateInputs(news);
}

/** Plans the change; see {@link diffRole}. Throws (failing preview) for a plan it refuses. */
export function diff(olds: RoleState, news: Record<string, unknown>) {
    return diffRole(olds, validateInputs(news).inputs);
}

/** Creates the role, or adopts it when it already exists, converges it and records it. */
export async function create(raw: Record<string, unknown>): Promise<{ id: string; outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    const client = iam(inputs.connection);
    const placed = inputs.existingRole ? await adoptNamedRole(client, inputs) : await createOrAdopt(client, inputs);
    const roleName = placed.role.RoleName!;
    let known = stateFromRole(placed.role, inputs, placed.ownership);
    try {
        const visible = await waitForRoleVisible(client, roleName);
        if (!visible) {
            throw new Error(`role ${roleName} was not readable through GetRole within ${ROLE_PROPAGATION_TIMEOUT_MS / 1000} s; run \`pulumi up\` again`);
        }
        known = stateFromRole(visible, inputs, placed.ownership);
        return { id: roleName, outs: compact(await converge(client, known, inputs)) };
    } catch (err) {
        // IAM has the role: hand the engine an id and a state it can use, so it keeps tracking it.
        throw withPartialState(err, roleName, partialStateOf(err) ?? known, raw);
    }
}

/** Reads the role for refresh, `get` and import. An out-of-band deletion yields an empty id. */
export async function read(id: string, props: Partial<RoleState> & Record<string, unknown>) {
    const client = iam(props.connection);
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
    if (!isNewToState) return { id: role.RoleName!, props: compact(refreshedState(role, inputs, props as RoleState)) };
    // Import and `get`: the inputs are what the program declared, filled from IAM where it declared a value.
    const state = stateFromRole(role, inputs, "adopted");
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

/**
 * The state after a refresh. A role is ours only while its roleId is the recorded one: a role
 * deleted and recreated outside the stack under the same name is someone else's, so it is no
 * longer counted as created here (and delete will not remove it under `deleteIfCreated`).
 */
function refreshedState(role: Role, inputs: RoleInputs, recorded: RoleState): RoleState {
    if (role.RoleId === recorded.roleId) return stateFromRole(role, inputs, recorded.ownership ?? "adopted");
    warn(
        `role ${role.RoleName} was deleted and recreated outside this stack (roleId ${recorded.roleId} is now ${role.RoleId}); ` +
            `it is now recorded as adopted, not created by this stack, so deletionPolicy deleteIfCreated will leave it in place.`,
    );
    return { ...stateFromRole(role, inputs, "adopted"), previousRoleId: recorded.roleId };
}

/** Changes the description and tags in place; settings that live only in state need no call. */
export async function update(_id: string, olds: RoleState, raw: Record<string, unknown>): Promise<{ outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    // existingRole only matters at create; a program that drops it must not keep it in state.
    const { existingRole: _previousReference, ...recorded } = olds;
    const current: RoleState = { ...recorded, ...inputs, description: olds.description, tags: olds.tags, claims: olds.claims };
    const staleClaim = olds.claimant !== undefined && olds.claimant !== inputs.claimant ? [claimTagKey(olds.claimant)] : [];
    try {
        return { outs: compact(await converge(iam(inputs.connection), current, inputs, staleClaim)) };
    } catch (err) {
        throw withPartialState(err, olds.roleName, partialStateOf(err) ?? current, raw);
    }
}

/**
 * Deletes the role when this resource owns it (deletion policy and ownership), the role is still
 * the one recorded (same roleId), and no other stack or resource has a claim on it; otherwise only
 * this resource's claim is removed. The whole delete is bounded by deletionTimeoutSeconds.
 */
export async function remove(id: string, props: RoleState): Promise<void> {
    const client = iam(props.connection);
    const ownClaim = props.claimant !== undefined ? [claimTagKey(props.claimant)] : [];
    const deadline = new Deadline((props.deletionTimeoutSeconds ?? 600) * 1000, id);
    if (!shouldDelete(props)) return removeClaims(client, id, ownClaim);
    const role = await bounded(deadline, "reading the role before deleting it", (options) => findRoleByName(client, id, options));
    if (!role) return;
    if (props.roleId !== undefined && role.RoleId !== props.roleId) {
        warn(`role ${id} was left in place: its roleId is ${role.RoleId}, not the recorded ${props.roleId}, so it was recreated outside this stack and is not ours to delete.`);
        return;
    }
    const others = claimsIn(tagsOf(role)).filter((claim) => !ownClaim.includes(claim.key));
    if (others.length > 0) {
        await removeClaims(client, id, ownClaim);
        warn(`role ${id} was left in place because ${others.map((c) => c.claimant).join(", ")} still claim it; it is deleted when the last claimant that owns it is destroyed. List or clear stale claims with \`npx pulumi-service-linked-role claims --role ${id}\`.`);
        return;
    }
    await deleteRole(client, id, deadline);
}

async function deleteRole(client: IAMClient, id: string, deadline: Deadline): Promise<void> {
    const out = await bounded(deadline, "calling DeleteServiceLinkedRole", async (options) => {
        try {
            return await client.send(new DeleteServiceLinkedRoleCommand({ RoleName: id }), options);
        } catch (err) {
            if (isNoSuchEntity(err)) return undefined;
            throw isAborted(err) ? err : new IamOperationError("DeleteServiceLinkedRole", id, err);
        }
    });
    if (!out) return;
    if (!out.DeletionTaskId) throw new Error(`DeleteServiceLinkedRole for role ${id} returned no deletion task id`);
    await waitForDeletion(client, id, out.DeletionTaskId, deadline);
}

/** Runs one call under the deadline, turning an abort at the deadline into its clear error. */
async function bounded<T>(deadline: Deadline, doing: string, call: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    try {
        return await call(deadline.sendOptions(doing));
    } catch (err) {
        throw isAborted(err) ? deadline.expired(doing) : err;
    }
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

/**
 * Makes IAM's description, tags and this resource's claim match the inputs, calling IAM only for
 * what differs. On failure, the error carries the state reached so far (see withPartialState).
 */
async function converge(client: IAMClient, state: RoleState, inputs: RoleInputs, staleClaims: string[] = []): Promise<RoleState> {
    let current = state;
    const roleName = state.roleName;
    const step = async (operation: string, send: () => Promise<unknown>, after: RoleState) => {
        try {
            await send();
        } catch (err) {
            throw Object.assign(convergeError(operation, roleName, err), { partialState: current });
        }
        current = after;
    };
    if (inputs.description !== undefined && inputs.description !== current.description) {
        await step("UpdateRole", () => client.send(new UpdateRoleCommand({ RoleName: roleName, Description: inputs.description })), { ...current, description: inputs.description });
    }
    const { toSet, toRemove } = inputs.tags !== undefined ? tagChanges(current.tags ?? {}, inputs.tags) : { toSet: {}, toRemove: [] };
    const claimTag = missingClaim(current, inputs);
    const untag = [...toRemove, ...staleClaims];
    // Untag first: if IAM folds key case, TagRole(team) then UntagRole(Team) would drop the tag.
    if (untag.length > 0) {
        const after = { ...current, tags: omit(current.tags ?? {}, toRemove), claims: omit(current.claims ?? {}, staleClaims) };
        await step("UntagRole", () => client.send(new UntagRoleCommand({ RoleName: roleName, TagKeys: untag })), after);
    }
    const tagging = { ...toSet, ...claimTag };
    if (Object.keys(tagging).length > 0) {
        const after = { ...current, tags: { ...current.tags, ...toSet }, claims: { ...current.claims, ...claimTag } };
        await step("TagRole", () => client.send(new TagRoleCommand({ RoleName: roleName, Tags: Object.entries(tagging).map(([Key, Value]) => ({ Key, Value })) })), after);
    }
    return current;
}

/** This resource's claim tag, when the role does not carry it yet. */
function missingClaim(state: RoleState, inputs: RoleInputs): Record<string, string> {
    if (inputs.claimant === undefined) return {};
    const key = claimTagKey(inputs.claimant);
    return Object.prototype.hasOwnProperty.call(state.claims ?? {}, key) ? {} : { [key]: claimTagValue(inputs.claimant) };
}

/** An error for a failed converge step that says what to do next. */
function convergeError(operation: string, roleName: string, err: unknown): Error {
    if (isNoSuchEntity(err)) {
        return new Error(
            `${operation} failed for role ${roleName}: the role no longer exists in IAM (deleted outside Pulumi?). ` +
                `Run \`pulumi refresh\` to drop it from the stack; the next \`pulumi up\` creates it again.`,
        );
    }
    return new IamOperationError(operation, roleName, err);
}

function omit(map: Record<string, string>, keys: string[]): Record<string, string> {
    return Object.fromEntries(Object.entries(map).filter(([key]) => !keys.includes(key)));
}

/** Builds the recorded state from an IAM role and the inputs that produced it. */
export function stateFromRole(role: Role, inputs: RoleInputs, ownership: RoleOwnership): RoleState {
    const tags = tagsOf(role);
    return {
        ...inputs,
        roleName: role.RoleName!,
        arn: role.Arn!,
        roleId: role.RoleId!,
        path: role.Path!,
        createDate: role.CreateDate instanceof Date ? role.CreateDate.toISOString() : String(role.CreateDate ?? ""),
        description: role.Description,
        tags: withoutIgnoredTags(withoutClaims(tags)),
        claims: Object.fromEntries(claimsIn(tags).map((claim) => [claim.key, claim.claimant])),
        trustPolicy: decodeTrustPolicy(role.AssumeRolePolicyDocument),
        ownership,
        accountId: accountFromArn(role.Arn),
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

/**
 * Attaches the id and properties the engine needs to keep a resource that IAM already holds. The
 * properties must carry the serialized provider: the engine stores them as the resource's outputs,
 * and every later refresh, destroy or update loads the provider from there.
 */
function withPartialState(err: unknown, id: string, state: RoleState, raw: Record<string, unknown>): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    const properties = { ...compact(state), [PROVIDER_KEY]: raw[PROVIDER_KEY] };
    return Object.assign(error, { id, properties, reasons: [error.message] });
}

function partialStateOf(err: unknown): RoleState | undefined {
    return (err as { partialState?: RoleState }).partialState;
}

/**
 * A warning for the person running Pulumi. The dynamic-provider host has no engine log channel;
 * the engine shows what a provider writes to stderr in the command's output.
 */
function warn(message: string): void {
    process.stderr.write(`warning: ServiceLinkedRole: ${message}\n`);
}

/** Drops undefined fields: the engine's wire format has no `undefined`, only absent properties. */
function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
