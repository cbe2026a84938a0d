import * as pulumi from "@pulumi/pulumi";

// Pulumi honours a `provider`/`providers` option only when the provider's package matches the
// resource's, which is never the case for a dynamic resource: an `aws.Provider` would be ignored
// without a word and the role would land in the ambient account. So it is refused instead.

/** A stand-in type token of the `aws` package, for `Resource.getProvider`. */
const AWS_TYPE = "aws:index:Provider";

/** The `aws` provider that the options name or that the parent passes down, if any. */
export function awsProviderInEffect(opts: pulumi.CustomResourceOptions | pulumi.ComponentResourceOptions | undefined): pulumi.ProviderResource | undefined {
    if (!opts) return undefined;
    // Custom-resource options have no `providers` in their type, but Pulumi reads it for every resource.
    const providers = (opts as pulumi.ComponentResourceOptions).providers;
    const listed = Array.isArray(providers) ? providers : Object.values(providers ?? {});
    const named = [opts.provider, ...listed].find((p) => p !== undefined && packageOf(p) === "aws");
    return named ?? opts.parent?.getProvider(AWS_TYPE);
}

/**
 * Throws when an `aws` provider is in effect and the resource does not say where it goes itself
 * (a `connection` input, or an `expectedAccountId` that makes a wrong account fail).
 */
export function refuseIgnoredAwsProvider(
    resource: string,
    args: { connection?: unknown; expectedAccountId?: unknown },
    opts: pulumi.CustomResourceOptions | undefined,
): void {
    if (args.connection !== undefined || args.expectedAccountId !== undefined) return;
    if (!awsProviderInEffect(opts)) return;
    throw new pulumi.ResourceError(
        `${resource}: an aws provider is set through the provider/providers option (or inherited from the parent), ` +
            `but Pulumi ignores it for dynamic resources, so this resource would act in the stack's default account. ` +
            `Pass the target with the connection input instead, e.g. { connection: { region, profile, assumeRoles: [{ roleArn }] } }, ` +
            `or set expectedAccountId to the provider's account so a wrong account fails.`,
        opts?.parent,
    );
}

/** The provider's package (`getPackage()` is public in the runtime but missing from the typings). */
function packageOf(provider: pulumi.ProviderResource): string | undefined {
    return (provider as unknown as { getPackage?: () => string }).getPackage?.();
}
