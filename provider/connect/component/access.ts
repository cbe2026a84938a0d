import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FeatureContext } from "./featureContext";

/**
 * The access area of a ConnectInstance: approved origins (sites that may embed the contact control
 * panel or the chat widget) and security keys (for authenticated chat). `@pulumi/aws` has no
 * resource for either, so both are Cloud Control resources (`AWS::Connect::ApprovedOrigin`,
 * `AWS::Connect::SecurityKey`).
 */
export class ConnectAccess extends pulumi.ComponentResource {
    /** One per approved origin. */
    public readonly approvedOrigins: aws.cloudcontrol.Resource[];
    /** One per security key. */
    public readonly securityKeys: aws.cloudcontrol.Resource[];

    constructor(ctx: FeatureContext, origins: string[], keys: pulumi.Input<string>[], opts?: pulumi.ComponentResourceOptions) {
        super("service-linked-role:connect:ConnectAccess", `${ctx.name}-access`, {}, opts);
        const childOpts = { parent: this, dependsOn: ctx.attached };
        this.approvedOrigins = origins.map(
            (origin) =>
                new aws.cloudcontrol.Resource(
                    `${ctx.name}-origin-${origin.replace(/^https?:\/\//, "").replace(/[^A-Za-z0-9-]+/g, "-")}`,
                    { typeName: "AWS::Connect::ApprovedOrigin", desiredState: pulumi.jsonStringify({ InstanceId: ctx.instanceArn, Origin: origin }), region: ctx.region },
                    childOpts,
                ),
        );
        this.securityKeys = keys.map(
            (key, i) =>
                new aws.cloudcontrol.Resource(
                    `${ctx.name}-security-key-${i}`,
                    { typeName: "AWS::Connect::SecurityKey", desiredState: pulumi.jsonStringify({ InstanceId: ctx.instanceArn, Key: key }), region: ctx.region },
                    childOpts,
                ),
        );
        this.registerOutputs({});
    }
}
