import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../../iam/connectionSettings";
import { refuseIgnoredAwsProvider } from "../../iam/explicitProvider";
import type { RequestContext } from "../../policy";
import * as roleCheckProvider from "../roleCheckProvider";
import type { RoleCheckConfig } from "../roleCheck/report";
import type { MissingPermissionOutput, RoleCheckResourceInputs, RoleCheckResourceOutputs } from "../roleCheck/resource";

/** The provider of {@link ConnectRolePermissionCheck}: a module whose exports are the provider's methods. */
export const connectRolePermissionCheckProvider = roleCheckProvider as pulumi.dynamic.ResourceProvider<RoleCheckResourceInputs, RoleCheckResourceOutputs>;

/** Arguments of {@link ConnectRolePermissionCheck}. */
export interface ConnectRolePermissionCheckArgs {
    /** Name or ARN of the Connect service-linked role, e.g. `AWSServiceRoleForAmazonConnect_abc123`. */
    role: pulumi.Input<string>;
    /** The instance's features and resources (see `ConnectPermissionConfig`); `account` defaults to the role's. */
    config: pulumi.Input<RoleCheckConfig>;
    /** Record missing permissions in the `missing` output instead of failing the deployment. */
    warnOnly?: boolean;
    /** Named AWS profile for the IAM read calls; by default the ambient credentials are used. */
    profile?: pulumi.Input<string>;
    /** Extra condition keys to assume while evaluating (see `RequestContext`). */
    context?: pulumi.Input<RequestContext>;
    /** Where the role lives (region, profile, roles to assume), as ServiceLinkedRole's `connection`; no secrets. */
    connection?: pulumi.Input<ConnectionArgs>;
    /** Refuse to run the check unless the credentials resolve to this 12-digit account id. */
    expectedAccountId?: pulumi.Input<string>;
}

/**
 * Verifies, at deploy time, that a Connect service-linked role has every permission the instance's
 * features need. Create and update fail with a readable list of gaps; with `warnOnly` they succeed
 * and the gaps appear in `missing`. `pulumi refresh` re-runs the check.
 */
export class ConnectRolePermissionCheck extends pulumi.dynamic.Resource {
    /** ARN of the checked role. */
    declare readonly roleArn: pulumi.Output<string>;
    /** True when every required permission is allowed. */
    declare readonly ok: pulumi.Output<boolean>;
    /** Permissions the role lacks (empty when `ok`). */
    declare readonly missing: pulumi.Output<MissingPermissionOutput[]>;
    /** Non-fatal findings, e.g. the role does not trust connect.amazonaws.com. */
    declare readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: ConnectRolePermissionCheckArgs, opts?: pulumi.CustomResourceOptions) {
        refuseIgnoredAwsProvider(`ConnectRolePermissionCheck ${name}`, args, opts);
        const props = {
            role: args.role,
            config: args.config,
            warnOnly: args.warnOnly ?? false,
            profile: args.profile,
            context: args.context,
            connection: args.connection,
            expectedAccountId: args.expectedAccountId,
            roleArn: undefined,
            ok: undefined,
            missing: undefined,
            warnings: undefined,
        };
        super(connectRolePermissionCheckProvider, name, props, opts, "connect", "RolePermissionCheck");
    }
}
