import type * as pulumi from "@pulumi/pulumi";
import { configureStack } from "../iam/connection";
import { parseStackSettings } from "../iam/connectionSettings";
import * as roleCheck from "./roleCheck/resource";
import type { RoleCheckResourceInputs, RoleCheckResourceOutputs } from "./roleCheck/resource";

// This module *is* the dynamic provider of ConnectRolePermissionCheck: an installed module
// serializes into state as one `require()`, and clients are created inside each call, so state
// never holds the AWS SDK or credentials.

/** Applies the stack's `aws:*` connection settings, as ServiceLinkedRole's provider does. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    configureStack(parseStackSettings((key) => req.config.get(key)));
}

/** Validates the role reference and the permission config. */
export async function check(olds: unknown, news: RoleCheckResourceInputs): Promise<pulumi.dynamic.CheckResult<RoleCheckResourceInputs>> {
    return roleCheck.checkResourceInputs(olds, news);
}

/** Any input change re-runs the check. */
export async function diff(id: string, olds: RoleCheckResourceOutputs, news: RoleCheckResourceInputs): Promise<pulumi.dynamic.DiffResult> {
    return roleCheck.diffResourceCheck(id, olds, news);
}

/** Runs the check; fails on gaps unless `warnOnly`. */
export function create(inputs: RoleCheckResourceInputs): Promise<pulumi.dynamic.CreateResult<RoleCheckResourceOutputs>> {
    return roleCheck.createResourceCheck(inputs);
}

/** Re-runs the check with the new inputs. */
export function update(id: string, olds: RoleCheckResourceOutputs, news: RoleCheckResourceInputs): Promise<pulumi.dynamic.UpdateResult<RoleCheckResourceOutputs>> {
    return roleCheck.updateResourceCheck(id, olds, news);
}

/** Refresh re-runs the check without failing. */
export function read(id: string, props: RoleCheckResourceOutputs): Promise<pulumi.dynamic.ReadResult<RoleCheckResourceOutputs>> {
    return roleCheck.readResourceCheck(id, props);
}

/** Nothing exists outside Pulumi's state, so there is nothing to delete. */
async function deleteCheck(): Promise<void> {}

export { deleteCheck as delete };
