import type { IAMClient, Role } from "@aws-sdk/client-iam";
import { claimKeyOf, claimTagValue, legacyClaimKey, newClaimId, tagsOf } from "./claims";
import { claimExistingRole, tagUntilReadable } from "./adoption";
import { IamConnectionSettings, isNoSuchEntity } from "./client";
import { converge } from "./converge";
import { AccountCheck, legacyAdvice, remove as removeRole } from "./deletion";
import { stateFromRole } from "./state";
import { serverNow, trackServerClock } from "./clock";
import { configureStack, connectionFor, stackSettings } from "./connection";
import type { ConnectionArgs } from "./connectionSettings";
import { diffRole } from "./diff";
import { findRoleByName } from "./finders";
import { RoleInputs, RoleState, roleNameFromNameOrArn } from "./inputs";
import { adoptNamedRole, createOrAdopt } from "./placement";
import { InputFailure, validateInputs } from "./validation";
import { warn } from "./warn";
import { ROLE_PROPAGATION_TIMEOUT_MS, waitForRoleVisible } from "./waiters";

export { shouldDelete } from "./deletion";
export { stateFromRole } from "./state";

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

/**
 * Creates the role, or adopts it when it already exists, converges it and records it. A role
 * CreateServiceLinkedRole returns takes one more round trip: one TagRole with the claim and the
 * declared tags, and state is built from the two answers (no read).
 */
export async function create(raw: Record<string, unknown>): Promise<{ id: string; outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    const client = iam(inputs.connection);
    const claimId = newClaimId();
    const progress: { known?: RoleState } = {};
    try {
        const outs = await place(client, inputs, claimId, progress);
        return { id: outs.roleName, outs: compact(outs) };
    } catch (err) {
        // IAM has the role: hand the engine an id and a state it can use, so it keeps tracking it.
        const known = partialStateOf(err) ?? progress.known;
        if (!known) throw err;
        throw withPartialState(err, known.roleName, known, raw);
    }
}

/** Rounds of "the role was deleted under us, create it anew" before giving up. */
const PLACEMENT_ROUNDS = 3;

/**
 * Finds or creates the role and writes this resource's claim on it (see adoption.ts). `progress`
 * receives the state known so far, for the partial state of a failure.
 */
async function place(client: IAMClient, inputs: RoleInputs, claimId: string, progress: { known?: RoleState }): Promise<RoleState> {
    const written = { ...ownClaim(inputs, claimId), ...(inputs.tags ?? {}) };
    for (let round = 1; ; round++) {
        const placed = inputs.existingRole ? await adoptNamedRole(client, inputs) : await createOrAdopt(client, inputs);
        const roleName = placed.role.RoleName!;
        progress.known = stateFromRole(placed.role, inputs, placed.ownership, claimId);
        if (placed.fresh) {
            if (!(await tagUntilReadable(client, roleName, written))) {
                throw new Error(`role ${roleName} was not readable by IAM within ${ROLE_PROPAGATION_TIMEOUT_MS / 1000} s (TagRole answered NoSuchEntity); run \`pulumi up\` again`);
            }
            // State from the two answers: CreateServiceLinkedRole's role, plus the tags just written.
            const Tags = Object.entries(written).map(([Key, Value]) => ({ Key, Value }));
            return stateFromRole({ ...placed.role, Description: placed.role.Description ?? inputs.description, Tags }, inputs, "created", claimId);
        }
        const role = await claimExistingRole(client, roleName, written, claimId);
        if (role) {
            progress.known = stateFromRole(role, inputs, placed.ownership, claimId);
            return converge(client, progress.known, inputs);
        }
        progress.known = undefined;
        if (inputs.existingRole) throw new Error(`existingRole ${inputs.existingRole} was deleted by another stack's destroy while this stack adopted it; nothing is recorded. Declare the role without existingRole to create it.`);
        if (round >= PLACEMENT_ROUNDS) throw new Error(`role ${roleName} was deleted ${round} times while this stack adopted it; run \`pulumi up\` again`);
    }
}

/** This resource's claim tag, keyed by its claim id. */
function ownClaim(inputs: RoleInputs, claimId: string): Record<string, string> {
    return inputs.claimant === undefined ? {} : { [claimKeyOf(claimId)]: claimTagValue(inputs.claimant) };
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
    if (role.RoleId === recorded.roleId) return stateFromRole(role, inputs, recorded.ownership ?? "adopted", recorded.claimId);
    warn(
        `role ${role.RoleName} was deleted and recreated outside this stack (roleId ${recorded.roleId} is now ${role.RoleId}); ` +
            `it is now recorded as adopted, not created by this stack, so deletionPolicy deleteIfCreated will leave it in place.`,
    );
    return { ...stateFromRole(role, inputs, "adopted", recorded.claimId), previousRoleId: recorded.roleId };
}

/**
 * Changes the description and tags in place; settings that live only in state need no call. State
 * from version 0.1 (no claim id) gets its claim id here and its claim written (see claims.ts). When
 * diff found the role gone (or recreated, or its claim removed), the role is read again here and
 * created anew or re-adopted, with a warning.
 */
export async function update(_id: string, olds: RoleState, raw: Record<string, unknown>): Promise<{ outs: RoleState }> {
    const inputs = validateInputs(raw).inputs;
    const client = iam(inputs.connection);
    // existingRole only matters at create; a program that drops it must not keep it in state.
    const { existingRole: _previousReference, ...recorded } = olds;
    const claimId = olds.claimId ?? newClaimId();
    let current: RoleState = { ...recorded, ...inputs, description: olds.description, tags: olds.tags, claims: olds.claims, claimId };
    const progress: { known?: RoleState } = { known: current };
    try {
        if (needsRead(olds, inputs, claimId)) {
            const role = await findRoleByName(client, olds.roleName);
            if (!role) return { outs: compact(await recreate(client, olds, inputs, claimId, progress)) };
            current = refreshedState(role, inputs, { ...olds, claimId });
        }
        const outs = await converge(client, current, inputs);
        if (olds.claimId === undefined) warnAboutLegacyKey(outs);
        return { outs: compact(outs) };
    } catch (err) {
        if (isNoSuchEntity((err as { cause?: unknown }).cause)) {
            try {
                return { outs: compact(await recreate(client, olds, inputs, claimId, progress)) };
            } catch (again) {
                err = again;
            }
        }
        throw withPartialState(err, olds.roleName, partialStateOf(err) ?? progress.known ?? current, raw);
    }
}

/**
 * Whether update must read the role: nothing the inputs changed explains the update, so diff
 * must have seen it in IAM (the role gone or recreated, or this resource's claim missing).
 */
function needsRead(olds: RoleState, inputs: RoleInputs, claimId: string): boolean {
    return !diffRole({ ...olds, claimId }, inputs).changes;
}

/** The role vanished from IAM: create it anew (or adopt the role now under its name), and say so. */
async function recreate(client: IAMClient, olds: RoleState, inputs: RoleInputs, claimId: string, progress: { known?: RoleState }): Promise<RoleState> {
    const outs = await place(client, { ...inputs, existingRole: undefined }, claimId, progress);
    warn(
        `role ${olds.roleName} (roleId ${olds.roleId}) no longer existed in IAM: deleted outside this stack or by another stack's destroy. ` +
            (outs.ownership === "created" ? `This update created it again (roleId ${outs.roleId}).` : `This update adopted the role now under that name (roleId ${outs.roleId}).`),
    );
    return outs;
}

/** After a version 0.1 state got its claim id: the legacy key stays, and the user is told why. */
function warnAboutLegacyKey(state: RoleState): void {
    if (state.claimant === undefined) return;
    const key = legacyClaimKey(state.claimant);
    const value = state.claims?.[key];
    if (value !== undefined) warn(legacyAdvice(state.roleName, [{ key, claimant: value, legacy: true }]));
}

/**
 * For diff: one GetRole, only when the inputs plan no change, to find a role that vanished, was
 * recreated out of band, or lost this resource's claim. True when an update is needed.
 */
export async function observe(id: string, olds: RoleState): Promise<boolean> {
    const client = iam(olds.connection);
    const role = (await findRoleByName(client, id)) ?? (await waitIfRecentlyCreated(client, id, olds.createDate));
    if (!role) {
        warn(`role ${id} no longer exists in IAM (deleted outside this stack, or by another stack's destroy); this update creates it again or adopts the role now under its name.`);
        return true;
    }
    if (role.RoleId !== olds.roleId) return true;
    return olds.claimant !== undefined && olds.claimId !== undefined && !Object.prototype.hasOwnProperty.call(tagsOf(role), claimKeyOf(olds.claimId));
}

/** Deletes the role or removes this resource's claim; see deletion.ts. */
export async function remove(id: string, props: RoleState, checkAccount: AccountCheck = async () => undefined): Promise<void> {
    return removeRole(iam(props.connection), id, props, checkAccount);
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

/** Drops undefined fields: the engine's wire format has no `undefined`, only absent properties. */
function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
