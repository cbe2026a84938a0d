import * as pulumi from "@pulumi/pulumi";
import * as instanceAttributesProvider from "../instanceAttributesProvider";


/** Arguments of {@link ConnectInstanceAttributeSettings}. */
export interface ConnectInstanceAttributeSettingsArgs {
    /** Id of the instance. */
    instanceId: pulumi.Input<string>;
    /** Region of the instance. Default: the AWS SDK's (environment, profile). */
    region?: pulumi.Input<string>;
    /** `AttributeType` → value, e.g. `{ CONTACTFLOW_LOGS: true }`. */
    attributes: pulumi.Input<Record<string, pulumi.Input<boolean>>>;
}

/**
 * Sets attributes of an instance this stack does not manage (UpdateInstanceAttribute), recording
 * each attribute's previous value so that delete restores it. `@pulumi/aws` has no resource for
 * this: its `aws.connect.Instance` owns the attributes of instances it creates.
 */
export class ConnectInstanceAttributeSettings extends pulumi.dynamic.Resource {
    /** The values found before this resource first set them, restored on delete. */
    declare readonly previous: pulumi.Output<Record<string, boolean>>;

    constructor(name: string, args: ConnectInstanceAttributeSettingsArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            instanceAttributesProvider as pulumi.dynamic.ResourceProvider,
            name,
            { instanceId: args.instanceId, region: args.region, attributes: args.attributes, previous: undefined },
            opts,
            "connect",
            "InstanceAttributes",
        );
    }
}
