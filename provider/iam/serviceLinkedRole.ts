import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { DeletionPolicy, RoleOwnership } from "./inputs";
import * as serviceLinkedRoleProvider from "./provider";

/** Inputs of {@link ServiceLinkedRole}. */
export interface ServiceLinkedRoleArgs {
    /** Service principal that uses the role. Changing it replaces the role. Default `connect.amazonaws.com`. */
    awsServiceName?: pulumi.Input<string>;
    /**
     * Role description, updated in place. Omit it to leave the description IAM holds untouched
     * (an adopted role keeps the service's own text).
     */
    description?: pulumi.Input<string>;
    /**
     * Suffix IAM appends to the role name (`<name>_<suffix>`), for services that allow several roles.
     * Changing it replaces the role.
     */
    customSuffix?: pulumi.Input<string>;
    /**
     * The complete set of tags on the role, updated in place with only the difference. Omit it to
     * leave the role's tags alone, which suits a shared role that other stacks tag.
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /**
     * What delete does: `deleteIfCreated` (default) deletes a role this stack created and leaves an
     * adopted one in place; `alwaysDelete` deletes either; `neverDelete` only forgets the role.
     */
    deletionPolicy?: pulumi.Input<DeletionPolicy>;
    /**
     * Name or ARN of an existing service-linked role to adopt instead of creating one. This is how
     * to bring a role under management, since `pulumi import` cannot import dynamic resources.
     */
    existingRole?: pulumi.Input<string>;
    /** Bound, in seconds, on waiting for IAM's asynchronous deletion task. Default 600. */
    deletionTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * An AWS IAM service-linked role, created with CreateServiceLinkedRole or adopted when it already
 * exists, and deleted only when this stack owns it (see {@link ServiceLinkedRoleArgs.deletionPolicy}).
 *
 * @example
 * ```ts
 * const role = new ServiceLinkedRole("connect", { description: "Used by our Connect instances" });
 * export const roleArn = role.arn;
 * ```
 */
export class ServiceLinkedRole extends pulumi.dynamic.Resource {
    /** Service principal the role is linked to. */
    public readonly awsServiceName!: pulumi.Output<string>;
    /** The suffix the role was created with, if any. */
    public readonly customSuffix!: pulumi.Output<string | undefined>;
    /** Role name, such as `AWSServiceRoleForAmazonConnect_abc123`. */
    public readonly roleName!: pulumi.Output<string>;
    /** Role ARN. */
    public readonly arn!: pulumi.Output<string>;
    /** IAM's stable unique id of the role (`AROA...`). */
    public readonly roleId!: pulumi.Output<string>;
    /** IAM path, `/aws-service-role/<service>/`. */
    public readonly path!: pulumi.Output<string>;
    /** When IAM created the role (ISO 8601). */
    public readonly createDate!: pulumi.Output<string>;
    /** The description IAM holds. */
    public readonly description!: pulumi.Output<string | undefined>;
    /** The tags IAM holds. */
    public readonly tags!: pulumi.Output<Record<string, string>>;
    /** The role's trust policy, decoded from IAM's URL-encoded JSON. */
    public readonly trustPolicy!: pulumi.Output<unknown>;
    /** `created` when this stack created the role, `adopted` when it already existed. */
    public readonly ownership!: pulumi.Output<RoleOwnership>;
    /** The deletion policy in effect. */
    public readonly deletionPolicy!: pulumi.Output<DeletionPolicy>;
    /** Who this resource is, as written on the role's claim tag (`project/stack/resource`). */
    public readonly claimant!: pulumi.Output<string | undefined>;
    /**
     * Every claim on the role (tag key to claimant), this resource's own included: the stacks and
     * resources that manage the role. Delete removes the role only when no other claim remains.
     */
    public readonly claims!: pulumi.Output<Record<string, string>>;
    /** Set when refresh found the role recreated outside this stack: the roleId it had before. */
    public readonly previousRoleId!: pulumi.Output<string | undefined>;

    /**
     * @param name The unique name of the resource in the stack.
     * @param args The role's settings; all optional.
     * @param opts Resource options. `deleteBeforeReplace` is not needed: the provider asks for it when a replacement would reuse the role name.
     */
    constructor(name: string, args: ServiceLinkedRoleArgs = {}, opts?: pulumi.CustomResourceOptions) {
        const inputs: Record<string, pulumi.Input<unknown> | undefined> = {};
        for (const [property, value] of Object.entries(args)) inputs[property] = refuseSecret(name, property, value);
        if (!opts?.id) inputs.claimant = claimantOf(name, opts?.parent);
        super(
            serviceLinkedRoleProvider as pulumi.dynamic.ResourceProvider,
            name,
            { ...OUTPUT_PLACEHOLDERS, ...inputs },
            opts,
            "aws-iam",
            "ServiceLinkedRole",
        );
    }

    /**
     * Reads an existing service-linked role into the program without managing it.
     * @param roleNameOrArn The role's name or ARN.
     */
    public static get(name: string, roleNameOrArn: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): ServiceLinkedRole {
        return new ServiceLinkedRole(name, {}, { ...opts, id: roleNameOrArn });
    }
}

/** Every output starts unknown so that the engine shows it as "known after apply". */
const OUTPUT_PLACEHOLDERS = Object.fromEntries(
    ["awsServiceName", "customSuffix", "roleName", "arn", "roleId", "path", "createDate", "description", "tags", "trustPolicy", "ownership", "deletionPolicy", "claims", "previousRoleId"].map(
        (key) => [key, undefined],
    ),
);

/**
 * The claimant written on the role: project, stack and resource name, plus a short hash of the
 * parent's URN when there is a parent, since two resources of one stack may share a name under
 * different parents.
 */
function claimantOf(name: string, parent: pulumi.Resource | undefined): pulumi.Input<string> {
    const base = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    if (!parent) return base;
    // Only the parent's URN value, not the parent as a dependency: depending on a component means
    // waiting for all of its children, which deadlocks when a sibling depends on this role.
    const urn = new Promise<string>((resolve) => parent.urn.apply(resolve));
    return pulumi.output(urn.then((value) => `${base}@${createHash("sha256").update(value).digest("hex").slice(0, 8)}`));
}

/**
 * A secret would be stored in plain text in IAM (descriptions and tags are not secret storage),
 * so a secret input fails the program at preview, naming the property.
 */
function refuseSecret(resourceName: string, property: string, value: unknown): pulumi.Input<unknown> | undefined {
    if (value === null || typeof value !== "object") return value as pulumi.Input<unknown> | undefined;
    const lifted = pulumi.output(value);
    return pulumi.output(
        pulumi.isSecret(lifted).then((secret) => {
            if (secret) {
                throw new pulumi.ResourceError(
                    `ServiceLinkedRole ${resourceName}: ${property} must not be a secret: IAM stores it in plain text and shows it to anyone who can read the role.`,
                    undefined,
                );
            }
            return lifted;
        }),
    );
}
