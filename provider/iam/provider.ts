import type * as pulumi from "@pulumi/pulumi";
import { accountFromArn } from "../aws/arn";
import { unknownAwsKeys } from "../aws/configKeys";
import { configureStack, connectionFor, connectionKey, stackSettings } from "../aws/connection";
import { parseStackSettings } from "../aws/connectionSettings";
import { verify, withAccountScope } from "../aws/gate";
import { RoleState } from "./inputs";
import * as lifecycle from "./lifecycle";
import { DeletionPolicyChangeError } from "./diff";
import { desiredTags } from "./tags";
import { isUnknown, validateInputs } from "./validation";

// This module *is* the dynamic provider behind ServiceLinkedRole: its exports are the provider's
// methods. Pulumi stores the serialized provider in state with every resource (twice: inputs and
// outputs), and an installed module serializes to a single `require()` of it.
// Every IAM call goes through the account gate (../aws/gate.ts); each method declares what it
// expects of the account (recorded in state, expectedAccountId) with withAccountScope.

/**
 * Applies stack config: the `aws:*` settings @pulumi/aws reads, each overridable by
 * `serviceLinkedRole:*`. A key that would pick credentials, the account or the endpoint but is not
 * read fails here, which fails preview (../aws/configKeys.ts).
 */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureStack(parseStackSettings((key) => req.config.get(key)));
    warnUnknownKeys(req);
}

/** The host's Config keeps the raw map in `rawConfig` (not in its typings): used, when there, to name typos. */
function warnUnknownKeys(req: pulumi.dynamic.ConfigureRequest): void {
    const raw = (req.config as unknown as { rawConfig?: Record<string, unknown> }).rawConfig;
    const unknown = raw ? unknownAwsKeys(Object.keys(raw)) : [];
    if (unknown.length > 0) process.stderr.write(`warning: ServiceLinkedRole: stack config ${unknown.join(", ")} is not a setting this package knows; it is ignored\n`);
}

/**
 * Validates the inputs and fills the defaults. When an account is required (`expectedAccountId`,
 * `aws:allowedAccountIds`, `aws:forbiddenAccountIds`), a wrong one is refused here, at preview.
 */
export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const result = lifecycle.check(news);
    const { connection, expectedAccountId } = result.inputs;
    const { allowedAccountIds, forbiddenAccountIds } = stackSettings();
    const constrained = expectedAccountId !== undefined || allowedAccountIds !== undefined || forbiddenAccountIds !== undefined;
    if (constrained && result.failures.length === 0 && isKnown(connection) && isKnown(expectedAccountId)) {
        await verify(connectionFor(connection), { subject: `Role ${roleLabel(news)}`, expected: expectedAccountId });
    }
    return result;
}

/**
 * Plans replace or update. A role whose credentials now resolve to another account than the one
 * recorded fails here, before any change, unless its `connection` input changed: then the role
 * moves, which is a replacement.
 */
export async function diff(id: string, olds: RoleState, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const inputs = validateInputs(news).inputs;
    const moved = connectionKey(olds.connection) !== connectionKey(inputs.connection);
    const { changes, replaces, deleteBeforeReplace } = lifecycle.diff(olds, withDesiredTags(news));
    if (!isKnown(inputs.connection) || !isKnown(inputs.expectedAccountId)) return { changes: true, replaces, deleteBeforeReplace };
    const recorded = olds.accountId ?? accountFromArn(olds.arn);
    const account = await verify(connectionFor(inputs.connection), { subject: `Role ${id}`, recorded: moved ? undefined : recorded, expected: inputs.expectedAccountId });
    if (moved && account !== undefined && recorded !== undefined && account !== recorded) {
        // A move is a replacement too: the declared deletion policy must govern the old role.
        if (inputs.deletionPolicy !== olds.deletionPolicy) throw new DeletionPolicyChangeError(olds, inputs, [...replaces, "connection"]);
        return { changes: true, replaces: [...replaces, "connection"], deleteBeforeReplace: false };
    }
    const stateOnly = moved || inputs.expectedAccountId !== olds.expectedAccountId;
    // Nothing planned: one read finds a role that vanished (or lost its claim), so this up restores it.
    const observed = changes || stateOnly ? true : await lifecycle.observe(id, olds);
    return { changes: changes || stateOnly || observed, replaces, deleteBeforeReplace };
}

/** Creates or adopts the role, in the account the connection resolves to. */
export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    const { expectedAccountId } = validateInputs(inputs).inputs;
    return withAccountScope({ subject: `Role ${roleLabel(inputs)}`, expected: expectedAccountId }, async () => withTagsAll(await lifecycle.create(withDesiredTags(inputs))));
}

/** Reads the role for refresh and `get`, refusing when the credentials act in another account. */
export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const state = props as Partial<RoleState>;
    const recorded = state.accountId ?? accountFromArn(state.arn);
    return withAccountScope({ subject: `Role ${id}`, recorded }, async () => withTagsAll(await lifecycle.read(id, props)));
}

/** Updates the description and tags in place, in the account the role is recorded in. */
export async function update(id: string, olds: RoleState, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    const { expectedAccountId } = validateInputs(news).inputs;
    const scope = { subject: `Role ${id}`, recorded: olds.accountId ?? accountFromArn(olds.arn), expected: expectedAccountId };
    return withAccountScope(scope, async () => withTagsAll(await lifecycle.update(id, olds, withDesiredTags(news))));
}

/**
/**
 * Deletes the role when the deletion policy says so, or removes only this resource's claim; either
 * way only in the account it is recorded in. The account check runs first on every delete
 * (creators and adopters alike) under the same deletionTimeoutSeconds bound as the IAM calls
 * (deletion.ts), and every IAM call of the delete then passes the account gate too.
 */
async function deleteRole(id: string, props: RoleState): Promise<void> {
    const scope = { subject: `Role ${id}`, recorded: props.accountId ?? accountFromArn(props.arn) };
    const connection = connectionFor(props.connection);
    return withAccountScope(scope, () => lifecycle.remove(id, props, (abortSignal) => verify(connection, { ...scope, abortSignal })));
}

export { deleteRole as delete };

function isKnown(value: unknown): boolean {
    if (isUnknown(value)) return false;
    if (Array.isArray(value)) return value.every(isKnown);
    if (value && typeof value === "object") return Object.values(value).every(isKnown);
    return true;
}

function roleLabel(inputs: Record<string, unknown>): string {
    return `of service ${String(inputs.awsServiceName ?? "connect.amazonaws.com")}${inputs.customSuffix ? ` with suffix ${String(inputs.customSuffix)}` : ""}`;
}

/** The inputs with `tags` replaced by the complete set to enforce (default tags included). */
function withDesiredTags(inputs: Record<string, unknown>): Record<string, unknown> {
    if (!isKnown(inputs.tags)) return inputs;
    const tags = desiredTags(inputs.tags as Record<string, string> | undefined);
    return tags === undefined ? inputs : { ...inputs, tags };
}

/** Adds the `tagsAll` output: what the role carries, without ignored keys. */
function withTagsAll<T extends { outs?: RoleState; props?: Partial<RoleState> }>(result: T): T {
    const state = result.outs ?? result.props;
    if (state?.tags) state.tagsAll = state.tags;
    return result;
}
