import type { Account, OrganizationsClient } from "@aws-sdk/client-organizations";
import type { ResolvedSpec } from "./spec";

/** An account of the organization as discovery found it. */
export interface OrgAccount {
    id: string;
    name?: string;
    /** The OU (or root) the account was found under, when an OU selected it. */
    parentId?: string;
}

/** What discovery learned about the organization, and the ACTIVE accounts the spec selects. */
export interface Discovery {
    managementAccountId: string;
    /** AWS partition, from the organization's ARN (`aws`, `aws-cn`, `aws-us-gov`). */
    partition: string;
    /** Every account the spec selects, sorted by id. */
    selected: OrgAccount[];
    /** Selected ids that are not ACTIVE accounts of the organization, and why. */
    skipped: Array<{ id: string; reason: string }>;
}

// AWS Organizations API reference: ListAccounts and ListAccountsForParent page through accounts;
// ListChildren with ChildType ORGANIZATIONAL_UNIT lists the OUs directly under a parent, so an OU's
// nested OUs are reached by walking it. Only an ACTIVE account can be acted in (`State`, with the
// deprecated `Status` read when `State` is absent).

function isActive(account: Account): boolean {
    return (account.State ?? account.Status) === "ACTIVE";
}

/**
 * Finds the accounts the spec selects, with the caller's credentials in the management account
 * (or a delegated administrator). Excluded ids and, unless `accounts.managementAccount` is true,
 * the management account are left out.
 */
export async function discoverAccounts(client: OrganizationsClient, spec: ResolvedSpec): Promise<Discovery> {
    const orgs = await import("@aws-sdk/client-organizations");
    const { Organization } = await client.send(new orgs.DescribeOrganizationCommand({}));
    const managementAccountId = Organization?.MasterAccountId;
    if (!managementAccountId) throw new Error("Organizations DescribeOrganization returned no management account id");
    const partition = /^arn:([^:]+):/.exec(Organization?.Arn ?? "")?.[1] ?? "aws";
    const found = new Map<string, OrgAccount>();
    const consider = (account: Account, parentId?: string) => {
        if (account.Id && isActive(account) && !found.has(account.Id)) found.set(account.Id, { id: account.Id, name: account.Name, ...(parentId ? { parentId } : {}) });
    };
    const everyAccount = new Map<string, Account>();
    if (spec.accounts.organization || spec.accounts.ids.length > 0 || spec.accounts.managementAccount) {
        for await (const page of orgs.paginateListAccounts({ client }, {})) for (const a of page.Accounts ?? []) if (a.Id) everyAccount.set(a.Id, a);
    }
    if (spec.accounts.organization) for (const account of everyAccount.values()) consider(account);
    for (const ou of spec.accounts.organizationalUnits) await walkParent(client, orgs, ou, consider);
    const skipped: Discovery["skipped"] = [];
    for (const id of spec.accounts.ids) {
        const account = everyAccount.get(id);
        if (!account) skipped.push({ id, reason: "not an account of this organization" });
        else if (!isActive(account)) skipped.push({ id, reason: `its state is ${account.State ?? account.Status}, not ACTIVE` });
        else consider(account);
    }
    if (spec.accounts.managementAccount) {
        const management = everyAccount.get(managementAccountId);
        if (management) consider(management);
    }
    const excluded = new Set(spec.accounts.exclude);
    if (!spec.accounts.managementAccount) excluded.add(managementAccountId);
    const selected = [...found.values()].filter((a) => !excluded.has(a.id)).sort((a, b) => a.id.localeCompare(b.id));
    return { managementAccountId, partition, selected, skipped };
}

type OrgsModule = typeof import("@aws-sdk/client-organizations");

async function walkParent(client: OrganizationsClient, orgs: OrgsModule, parentId: string, consider: (a: Account, parent: string) => void): Promise<void> {
    const pending = [parentId];
    while (pending.length > 0) {
        const parent = pending.shift()!;
        try {
            for await (const page of orgs.paginateListAccountsForParent({ client }, { ParentId: parent })) for (const a of page.Accounts ?? []) consider(a, parent);
            for await (const page of orgs.paginateListChildren({ client }, { ParentId: parent, ChildType: "ORGANIZATIONAL_UNIT" })) {
                for (const child of page.Children ?? []) if (child.Id) pending.push(child.Id);
            }
        } catch (err) {
            const name = (err as { name?: string }).name;
            if (name === "ParentNotFoundException") throw new Error(`accounts.organizationalUnits: ${parentId} is not an OU or root of this organization (Organizations answered ${name} for ${parent})`);
            throw err;
        }
    }
}

export { organizationsClient } from "../aws/organizations";
