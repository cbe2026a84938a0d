import * as pulumi from "@pulumi/pulumi";
import * as instanceGuardProvider from "../instanceGuardProvider";

/** Arguments of {@link ConnectInstanceReplacementGuard}. */
export interface ConnectInstanceReplacementGuardArgs {
    /** The instance settings whose change replaces the instance (alias, identity type, directory). */
    settings: pulumi.Input<Record<string, pulumi.Input<string | undefined>>>;
    /** Let such a change through. */
    allowReplacement: pulumi.Input<boolean>;
}

/**
 * Refuses, at preview, a change that would replace the Connect instance, unless replacement is
 * allowed. The instance depends on it, so the refusal comes before the engine plans the replacement.
 */
export class ConnectInstanceReplacementGuard extends pulumi.dynamic.Resource {
    constructor(name: string, args: ConnectInstanceReplacementGuardArgs, opts?: pulumi.CustomResourceOptions) {
        super(instanceGuardProvider as pulumi.dynamic.ResourceProvider, name, { settings: args.settings, allowReplacement: args.allowReplacement }, opts, "connect", "InstanceReplacementGuard");
    }
}
