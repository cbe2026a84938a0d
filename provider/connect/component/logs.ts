import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LogsPlan } from "../plan/settingsPlan";
import { logGroupName } from "../plan/common";

/**
 * The logs area of a ConnectInstance: the `/aws/connect/<alias>` log group contact flows write to,
 * created by this stack so that it has a retention (Connect would create it never expiring) and
 * retained when the stack is destroyed, like the logs in it.
 */
export class ConnectLogs extends pulumi.ComponentResource {
    /** The contact flow log group. */
    public readonly logGroup: aws.cloudwatch.LogGroup;

    /** `alias` is known at construction for a created instance, else the looked-up alias. */
    constructor(
        name: string,
        alias: pulumi.Input<string>,
        plan: LogsPlan,
        settings: { region?: pulumi.Input<string>; tags?: pulumi.Input<Record<string, pulumi.Input<string>>> },
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("service-linked-role:connect:ConnectLogs", `${name}-logs`, {}, opts);
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-contact-flow-logs`,
            {
                name: pulumi.output(alias).apply(logGroupName),
                retentionInDays: plan.retentionInDays,
                kmsKeyId: plan.kmsKeyArn,
                region: settings.region,
                tags: settings.tags,
            },
            { parent: this, retainOnDelete: true },
        );
        this.registerOutputs({});
    }
}
