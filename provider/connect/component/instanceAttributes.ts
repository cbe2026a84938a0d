import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "../../aws/connectionSettings";
import { refuseIgnoredAwsProvider } from "../../iam/explicitProvider";
import * as instanceAttributesProvider from "../instanceAttributesProvider";


/** Arguments of {@link ConnectInstanceAttributeSettings}. */
export interface ConnectInstanceAttributeSettingsArgs {
    /** Id of the instance. */
    instanceId: pulumi.Input<string>;
    /** Region of the instance. Default: the AWS SDK's (environment, profile). */
    region?: pulumi.Input<string>;
    /** `AttributeType` → value, e.g. `{ CONTACTFLOW_LOGS: true }`. */
    attributes: pulumi.Input<Record<string, pulumi.Input<boolean>>>;
    /**
     * Where the instance lives (`region`, `profile`, `assumeRoles`), as `ServiceLinkedRole`'s
     * `connection`: Pulumi ignores an `aws` provider option for dynamic resources. Default: the
     * stack's `aws:*` config.
     */
    connection?: pulumi.Input<ConnectionArgs>;
    /** Refuse every call unless the credentials act in this 12-digit account. */
    expectedAccountId?: pulumi.Input<string>;
}

/**
 * Sets attributes of an instance this stack does not manage (UpdateInstanceAttribute). Each
 * attribute is claimed with a tag on the instance (`pulumi-attr:<ATTRIBUTE>:<id>`) and its original
 * value recorded (`pulumi-attr-original:<ATTRIBUTE>`): several stacks may set the same value, and
 * the original comes back only when the last of them is destroyed; a stack that would set the other
 * value is refused, naming the first. `@pulumi/aws` has no resource for this: its
 * `aws.connect.Instance` owns the attributes of instances it creates.
 */
export class ConnectInstanceAttributeSettings extends pulumi.dynamic.Resource {
    /** The values found before this resource first set them, restored on delete. */
    declare readonly previous: pulumi.Output<Record<string, boolean>>;

    constructor(name: string, args: ConnectInstanceAttributeSettingsArgs, opts?: pulumi.CustomResourceOptions) {
        refuseIgnoredAwsProvider(`ConnectInstanceAttributeSettings ${name}`, args, opts);
        super(
            instanceAttributesProvider as pulumi.dynamic.ResourceProvider,
            name,
            {
                instanceId: args.instanceId,
                region: args.region,
                attributes: args.attributes,
                connection: args.connection,
                expectedAccountId: args.expectedAccountId,
                claimant: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
                previous: undefined,
                claimId: undefined,
                accountId: undefined,
            },
            opts,
            "connect",
            "InstanceAttributes",
        );
    }
}
