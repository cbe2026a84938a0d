import type { DeletionPolicy } from "../iam/inputs";

/** One service-linked role to ensure in every selected account. */
export interface RolloutRoleSpec {
    /** Service principal, e.g. `connect.amazonaws.com`. */
    awsServiceName: string;
    /** Suffix IAM appends to the role name, for services that allow several roles. @default none */
    customSuffix?: string;
    /** Role description. @default IAM's (an adopted role keeps the service's own text) */
    description?: string;
    /** The complete set of tags on the role. @default the role's tags are left alone */
    tags?: Record<string, string>;
    /** What leaving an account does with the role. @default "deleteIfCreated" */
    deletionPolicy?: DeletionPolicy;
}

/** Which accounts of the organization get the roles. */
export interface RolloutAccountsSpec {
    /** Every ACTIVE account of the organization. @default false */
    organization?: boolean;
    /** OU (or root) ids: their accounts and those of every nested OU. @default none */
    organizationalUnits?: string[];
    /** Explicit account ids. @default none */
    ids?: string[];
    /** Account ids left out, whatever selects them. @default none */
    exclude?: string[];
    /**
     * Whether the management account is in the selection; it is reached with the caller's own
     * credentials, not through the member role. @default false
     */
    managementAccount?: boolean;
}

/** The role the rollout assumes in each member account. */
export interface RolloutMemberRoleSpec {
    /** Role name (with its path, if any). @default "OrganizationAccountAccessRole" */
    name?: string;
    /** STS session name, shown in CloudTrail. @default "pulumi-slr-rollout" */
    sessionName?: string;
    /** External id the role's trust policy requires. @default none */
    externalId?: string;
}

/** Where the per-account stacks keep their state. */
export interface RolloutBackendSpec {
    /**
     * Any Pulumi backend URL: `file://<dir>`, `s3://<bucket>?...`, `https://api.pulumi.com`.
     * @default `file://<directory of the spec file>/.pulumi-rollout` (the working directory for a spec object)
     */
    url?: string;
}

/** A rollout: which roles, in which accounts, reached how, with state where. */
export interface RolloutSpec {
    /** Pulumi project of the per-account stacks (`<project>/<account-id>`). @default "service-linked-roles" */
    project?: string;
    /** Region that signs IAM and STS requests (IAM is global). @default the AWS SDK's (AWS_REGION), else us-east-1 */
    region?: string;
    roles: RolloutRoleSpec[];
    accounts: RolloutAccountsSpec;
    /** @default { name: "OrganizationAccountAccessRole", sessionName: "pulumi-slr-rollout" } */
    memberRole?: RolloutMemberRoleSpec;
    backend?: RolloutBackendSpec;
}

/** Defaults applied by {@link validateSpec}. */
export const ROLLOUT_DEFAULTS = {
    project: "service-linked-roles",
    memberRoleName: "OrganizationAccountAccessRole",
    sessionName: "pulumi-slr-rollout",
    backendDir: ".pulumi-rollout",
} as const;

/** A spec with every default filled in. */
export interface ResolvedSpec {
    project: string;
    region?: string;
    roles: RolloutRoleSpec[];
    accounts: Required<Pick<RolloutAccountsSpec, "organization" | "managementAccount">> & { organizationalUnits: string[]; ids: string[]; exclude: string[] };
    memberRole: { name: string; sessionName: string; externalId?: string };
    backendUrl?: string;
}

/** The resource name of a role inside each account's stack: unique per service and suffix. */
export function roleResourceName(role: RolloutRoleSpec): string {
    return role.customSuffix ? `${role.awsServiceName}_${role.customSuffix}` : role.awsServiceName;
}
