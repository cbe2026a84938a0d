import type { ConnectionArgs } from "./connectionSettings";

/**
 * What this stack does with the role when the resource is deleted or replaced.
 * - `deleteIfCreated` (default): delete a role this stack created; leave an adopted role in place.
 * - `alwaysDelete`: delete the role, even one this stack adopted.
 * - `neverDelete`: only forget the role; IAM keeps it.
 */
export type DeletionPolicy = "deleteIfCreated" | "alwaysDelete" | "neverDelete";

/** All deletion policies, in the order the docs list them. */
export const DELETION_POLICIES: readonly DeletionPolicy[] = ["deleteIfCreated", "alwaysDelete", "neverDelete"];

/** Whether the role was created by this stack or already existed and was adopted. */
export type RoleOwnership = "created" | "adopted";

/** Service principal used when `awsServiceName` is omitted. */
export const DEFAULT_AWS_SERVICE_NAME = "connect.amazonaws.com";

/** Default bound for waiting on IAM's asynchronous deletion task. */
export const DEFAULT_DELETION_TIMEOUT_SECONDS = 600;

/** Inputs after `check` has validated them and filled the defaults. */
export interface RoleInputs {
    awsServiceName: string;
    description?: string;
    customSuffix?: string;
    tags?: Record<string, string>;
    deletionPolicy: DeletionPolicy;
    existingRole?: string;
    deletionTimeoutSeconds: number;
    /** Where the role lives (region, profile, roles to assume); no secrets. */
    connection?: ConnectionArgs;
    /** Refuse to act unless the credentials resolve to this account. */
    expectedAccountId?: string;
    /**
     * Who manages the role through this resource (`project/stack/resource`), set by the
     * `ServiceLinkedRole` constructor. It is written on the role as a claim tag, so that delete can
     * tell whether another stack or resource still relies on the role (see claims.ts).
     */
    claimant?: string;
}

/** What the provider records in state: the inputs it acted on, plus what IAM holds. */
export interface RoleState extends RoleInputs {
    roleName: string;
    arn: string;
    roleId: string;
    path: string;
    createDate: string;
    /** The description IAM holds (may differ from the input until the next update converges it). */
    description?: string;
    /** The tags IAM holds. */
    tags?: Record<string, string>;
    trustPolicy: unknown;
    ownership: RoleOwnership;
    /** The account the role lives in, from the ARN IAM returned. */
    accountId?: string;
    /** Every tag this stack manages on the role: `aws:defaultTags` merged under `tags`, without ignored keys. */
    tagsAll?: Record<string, string>;
    /**
     * This resource's claim id, minted at create (claims.ts): its claim is the tag
     * `pulumi-slr-claim:<claimId>`. Absent in state written by version 0.1; the next update mints it.
     */
    claimId?: string;
    /** Claims on the role (tag key to claimant), this resource's own included. */
    claims?: Record<string, string>;
    /**
     * Set by refresh when the role under this name has another `roleId` than the one recorded: it
     * was deleted and recreated outside this stack, so this stack no longer counts as its creator.
     */
    previousRoleId?: string;
}

/** The IAM path under which IAM puts every service-linked role of a service. */
export function serviceRolePath(awsServiceName: string): string {
    return `/aws-service-role/${awsServiceName}/`;
}

/** Accepts a role name or a role ARN and returns the role name. */
export function roleNameFromNameOrArn(nameOrArn: string): string {
    const match = /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(nameOrArn);
    return match ? match[1] : nameOrArn;
}
