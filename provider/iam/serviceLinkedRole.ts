import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { ConnectionArgs } from "./connectionSettings";
import { DeletionPolicy, RoleOwnership } from "./inputs";
import { refuseIgnoredAwsProvider } from "./explicitProvider";
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
    /**
     * Where the role lives, for programs that target several accounts: `region`, `profile` and
     * `assumeRoles` (chained in order from the stack's base credentials), each replacing the stack
     * setting of the same name. No secrets: it is stored in state and shown in preview. Moving the
     * role to another account with it replaces the role. Use this instead of a `provider` option,
     * which Pulumi ignores for dynamic resources.
     */
    connection?: pulumi.Input<ConnectionArgs>;
    /** Refuse every operation unless the credentials resolve to this 12-digit account id. */
    expectedAccountId?: pulumi.Input<string>;
}

/**
 * Properties that qualify {@link ServiceLinkedRole.get}: the settings to record with the role read
 * from IAM. `description` and `tags` declared here are filled from what IAM holds.
 */
export interface ServiceLinkedRoleState {
    /** Service principal; by default taken from the role's path. */
    awsServiceName?: pulumi.Input<string>;
    /** The role's suffix, if any. */
    customSuffix?: pulumi.Input<string>;
    /** Record the description IAM holds as an input. */
    description?: pulumi.Input<string>;
    /** Record the tags IAM holds as inputs. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The deletion policy to record (a `get` never deletes the role). */
    deletionPolicy?: pulumi.Input<DeletionPolicy>;
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
    /** @internal The type token, as the engine records it. */
    public static readonly __pulumiType = "pulumi-nodejs:dynamic/aws-iam:ServiceLinkedRole";

    /**
     * Returns true when `obj` is a ServiceLinkedRole. Works across copies of this package loaded
     * more than once (it compares type tokens, not prototypes), like the classes of `@pulumi/aws`.
     */
    public static override isInstance(obj: unknown): obj is ServiceLinkedRole {
        if (obj === undefined || obj === null) return false;
        return (obj as Record<string, unknown>)["__pulumiType"] === ServiceLinkedRole.__pulumiType;
    }

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
    /** The AWS account the role lives in (from its ARN). */
    public readonly accountId!: pulumi.Output<string>;
    /** Every tag this stack manages on the role: `aws:defaultTags` merged under `tags`, ignored keys left out. */
    public readonly tagsAll!: pulumi.Output<Record<string, string>>;
    /** Who this resource is, as written on the role's claim tag (`project/stack/resource`). */
    public readonly claimant!: pulumi.Output<string | undefined>;
    /**
     * This resource's claim id, minted when it was created: its claim on the role is the tag
     * `pulumi-slr-claim:<claimId>`, unique to this resource of this stack of this backend.
     */
    public readonly claimId!: pulumi.Output<string | undefined>;
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
        refuseIgnoredAwsProvider(`ServiceLinkedRole ${name}`, args, opts);
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
     * Reads an existing service-linked role into the program without managing it. The deployment
     * fails, naming the role, when IAM has no such role.
     * @param name The unique name of the resource in the stack.
     * @param roleNameOrArn The role's name or ARN.
     * @param state Settings to record with the role (see {@link ServiceLinkedRoleState}).
     * @param opts Resource options.
     */
    public static get(name: string, roleNameOrArn: pulumi.Input<string>, state?: ServiceLinkedRoleState, opts?: pulumi.CustomResourceOptions): ServiceLinkedRole {
        return new ServiceLinkedRole(name, { ...state }, { ...opts, id: roleNameOrArn });
    }
}

/** Every output starts unknown so that the engine shows it as "known after apply". */
const OUTPUT_PLACEHOLDERS = Object.fromEntries(
    ["awsServiceName", "customSuffix", "roleName", "arn", "roleId", "path", "createDate", "description", "tags", "trustPolicy", "ownership", "deletionPolicy", "claimId", "claims", "previousRoleId", "accountId", "tagsAll"].map(
        (key) => [key, undefined],
    ),
);

/**
 * The claimant written on the role: project, stack and resource name, plus a short hash of the
 * parent chain's types and names when there is a parent, since two resources of one stack may
 * share a name under different parents. The chain is read synchronously from the SDK's resource
 * objects: an input built from the parent's `urn` output would depend on the parent, and for a
 * component that means waiting on all of its children, this resource included.
 */
function claimantOf(name: string, parent: pulumi.Resource | undefined): string {
    const base = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
    const chain: string[] = [];
    for (let r = parent as InternalResource | undefined; r; r = r.__parentResource) chain.push(`${r.__pulumiType ?? ""}::${r.__name ?? ""}`);
    return chain.length === 0 ? base : `${base}@${createHash("sha256").update(chain.join("/")).digest("hex").slice(0, 8)}`;
}

/** The SDK's own bookkeeping on resource objects (present in every @pulumi/pulumi 3.x). */
interface InternalResource {
    __pulumiType?: string;
    __name?: string;
    __parentResource?: InternalResource;
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
