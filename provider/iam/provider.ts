import type * as pulumi from "@pulumi/pulumi";
import type { RoleState } from "./inputs";
import * as lifecycle from "./lifecycle";

// This module *is* the dynamic provider behind ServiceLinkedRole: its exports are the provider's
// methods. Pulumi stores the serialized provider in state with every resource (twice: inputs and
// outputs), and an installed module serializes to a single `require()` of it.

/** Applies stack config: `serviceLinkedRole:region`/`profile`, else `aws:region`/`aws:profile`. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    lifecycle.configureConnection({
        region: req.config.get("serviceLinkedRole:region") ?? req.config.get("aws:region"),
        profile: req.config.get("serviceLinkedRole:profile") ?? req.config.get("aws:profile"),
    });
}

/** Validates the inputs and fills the defaults. */
export async function check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return lifecycle.check(news);
}

/** Plans replace or update. */
export async function diff(_id: string, olds: RoleState, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const { changes, replaces, deleteBeforeReplace } = lifecycle.diff(olds, news);
    return { changes, replaces, deleteBeforeReplace };
}

/** Creates or adopts the role. */
export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return lifecycle.create(inputs);
}

/** Reads the role for refresh and `get`. */
export async function read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return lifecycle.read(id, props);
}

/** Updates the description and tags in place. */
export async function update(id: string, olds: RoleState, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
    return lifecycle.update(id, olds, news);
}

/** Deletes the role when the deletion policy says so. */
async function deleteRole(id: string, props: RoleState): Promise<void> {
    return lifecycle.remove(id, props);
}

export { deleteRole as delete };
