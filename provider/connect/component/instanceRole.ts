import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../../iam/connectionSettings";
import { DEFAULT_AWS_SERVICE_NAME } from "../../iam/inputs";
import { ServiceLinkedRole } from "../../iam/serviceLinkedRole";
import type { RolePlan } from "../plan/settingsPlan";
import type { ConnectPermissionConfig } from "../permissions/model";
import { ConnectRolePermissionCheck } from "./roleCheckResource";

// The one place where ConnectInstance declares Connect's service-linked role and its permission
// check. Everything about which role, when, and with which settings is decided here.

/**
 * Where the role and its check act: the component's `connection`, and the instance's account as
 * `expectedAccountId`, so that a role in another account than the instance fails instead of
 * being created (dynamic resources get no aws provider from Pulumi).
 */
export interface RoleTarget {
    connection?: pulumi.Input<ConnectionArgs>;
    expectedAccountId: pulumi.Input<string>;
}

/**
 * Account-wide scheme: the role `AWSServiceRoleForAmazonConnect`, ensured before the instance is
 * created (a role passed in is used as is). Undefined for the other schemes.
 */
export function accountWideRole(name: string, plan: RolePlan, parent: pulumi.Resource, target: RoleTarget): ServiceLinkedRole | undefined {
    if (plan.scheme !== "accountWide") return undefined;
    if (plan.resource) return plan.resource;
    const { description, tags, deletionPolicy } = plan.settings;
    return new ServiceLinkedRole(
        `${name}-slr`,
        { awsServiceName: DEFAULT_AWS_SERVICE_NAME, description, tags, deletionPolicy: deletionPolicy ?? "deleteIfCreated", ...target },
        { parent },
    );
}

/**
 * Instance scheme: the role Connect created for this instance (its `serviceRole`), adopted so its
 * description and tags are managed. Never deleted by this stack: Connect deletes it with the
 * instance (the managed policy's `AllowDeleteSLR` statement on `AWSServiceRoleForAmazonConnect_*`).
 */
export function adoptInstanceRole(
    name: string,
    plan: RolePlan,
    serviceRoleArn: pulumi.Output<string>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
    target: RoleTarget,
): ServiceLinkedRole | undefined {
    if (plan.scheme !== "instance") return undefined;
    const { description, tags } = plan.settings;
    return new ServiceLinkedRole(
        `${name}-service-role`,
        { awsServiceName: DEFAULT_AWS_SERVICE_NAME, existingRole: serviceRoleArn, deletionPolicy: "neverDelete", description, tags, ...target },
        { parent, dependsOn },
    );
}

/**
 * The live check of the instance's role, run once every association exists, so that the
 * permissions Connect adds to the role when a feature is associated are there to be read.
 */
export function rolePermissionCheck(
    name: string,
    plan: RolePlan,
    roleArn: pulumi.Output<string>,
    config: pulumi.Output<ConnectPermissionConfig>,
    parent: pulumi.Resource,
    dependsOn: pulumi.Resource[],
    target: RoleTarget,
): ConnectRolePermissionCheck | undefined {
    if (plan.scheme === "none" || plan.check === "off") return undefined;
    return new ConnectRolePermissionCheck(`${name}-role-check`, { role: roleArn, config, warnOnly: plan.check === "warn", ...target }, { parent, dependsOn });
}
