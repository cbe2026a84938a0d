import type * as pulumi from "@pulumi/pulumi";
import type { PermissionFragment, PlannedTarget } from "../plan/common";

/** What each feature-area component needs from its ConnectInstance. */
export interface FeatureContext {
    /** The ConnectInstance's name; children are named after it. */
    name: string;
    instanceId: pulumi.Output<string>;
    instanceArn: pulumi.Output<string>;
    /** The alias for default prefixes: the planned one, else the component name. */
    fallbackAlias: string;
    region?: pulumi.Input<string>;
    account: pulumi.Output<string>;
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** What associations must wait for: the created instance, or the role of an existing one. */
    attached: pulumi.Resource[];
}

/** A configured resource with the permission-config fragment it resolves to. */
export interface TargetOutput {
    planned: PlannedTarget;
    fragment: pulumi.Output<PermissionFragment>;
}
