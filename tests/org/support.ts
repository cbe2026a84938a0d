import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { IAMClient } from "@aws-sdk/client-iam";
import { CreateAccountCommand, CreateOrganizationalUnitCommand, CreateOrganizationCommand, ListRootsCommand, MoveAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type * as org from "../../provider/org";
import { exampleRequire, pulumiBinDir } from "../harness/engine";
import { FaultProxy, startFaultProxy } from "../harness/faultProxy";
import { directIamClient } from "../harness/iam";
import { MotoServer, startMoto, testCredentials } from "../harness/moto";

/** The rollout API as users get it: the packed package's `org` entry point, installed in the example. */
export function loadOrgApi(): typeof org {
    return exampleRequire("service-linked-role")("pulumi-service-linked-role/org") as typeof org;
}

/** An OU layout: OU name to its parent's name (`root` for the root). Accounts are placed by OU name. */
export interface OrgLayout {
    ous: Record<string, string>;
    /** Account name to the OU it goes in (`root` for the root). */
    accounts: Record<string, string>;
}

/** moto with an organization, and the fault proxy in front of STS (to refuse one account's member role). */
export interface OrgFixture {
    moto: MotoServer;
    proxy: FaultProxy;
    orgs: OrganizationsClient;
    managementId: string;
    rootId: string;
    ouIds: Record<string, string>;
    accountIds: Record<string, string>;
    /** Where the rollout's work dirs and PULUMI_HOME go; removed after the file. */
    tempDir: string;
    /** Engine options for the rollout (the CLI setup built, a hermetic PULUMI_HOME). */
    engine: { pulumiRoot: string; pulumiHome: string; env: Record<string, string> };
    /** An IAM client acting in `accountId`, straight at moto. */
    iamIn(accountId: string): Promise<IAMClient>;
    /** Moves an account to another OU (by name, or `root`). */
    move(accountName: string, from: string, to: string): Promise<void>;
}

const ENV_KEYS = ["AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_ORGANIZATIONS", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"] as const;

/** Registers mocha hooks: one moto per file, an organization built from `layout`, and the proxy. */
export function useMotoOrganization(layout: OrgLayout): OrgFixture {
    const fixture = {} as OrgFixture;
    const saved: Record<string, string | undefined> = {};
    before(async function () {
        this.timeout(120_000);
        fixture.moto = await startMoto();
        fixture.proxy = await startFaultProxy(fixture.moto.endpoint);
        for (const k of ENV_KEYS) saved[k] = process.env[k];
        Object.assign(process.env, {
            AWS_ENDPOINT_URL_IAM: fixture.moto.endpoint,
            // STS goes through the proxy, which can refuse one account's member role.
            AWS_ENDPOINT_URL_STS: fixture.proxy.endpoint,
            AWS_ENDPOINT_URL_ORGANIZATIONS: fixture.moto.endpoint,
            AWS_ENDPOINT_URL_S3: fixture.moto.endpoint,
            AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
            AWS_SESSION_TOKEN: testCredentials.sessionToken,
            AWS_REGION: "us-east-1",
        });
        fixture.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "slr-org-"));
        fixture.engine = {
            pulumiRoot: path.dirname(pulumiBinDir),
            pulumiHome: path.join(fixture.tempDir, "home"),
            env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true" },
        };
        fixture.orgs = new OrganizationsClient({ endpoint: fixture.moto.endpoint, region: "us-east-1" });
        const created = await fixture.orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
        fixture.managementId = created.Organization!.MasterAccountId!;
        fixture.rootId = (await fixture.orgs.send(new ListRootsCommand({}))).Roots![0].Id!;
        fixture.ouIds = { root: fixture.rootId };
        for (const [name, parent] of Object.entries(layout.ous)) {
            const ou = await fixture.orgs.send(new CreateOrganizationalUnitCommand({ ParentId: fixture.ouIds[parent], Name: name }));
            fixture.ouIds[name] = ou.OrganizationalUnit!.Id!;
        }
        fixture.accountIds = {};
        for (const [name, ou] of Object.entries(layout.accounts)) {
            const account = await fixture.orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
            const id = account.CreateAccountStatus!.AccountId!;
            fixture.accountIds[name] = id;
            if (ou !== "root") await fixture.orgs.send(new MoveAccountCommand({ AccountId: id, SourceParentId: fixture.rootId, DestinationParentId: fixture.ouIds[ou] }));
        }
        fixture.iamIn = async (accountId) => {
            if (accountId === fixture.managementId) return directIamClient(fixture.moto.endpoint);
            const sts = new STSClient({ endpoint: fixture.moto.endpoint, region: "us-east-1" });
            const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: "test-arrange" }));
            sts.destroy();
            return directIamClient(fixture.moto.endpoint, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
        };
        fixture.move = async (accountName, from, to) => {
            await fixture.orgs.send(
                new MoveAccountCommand({ AccountId: fixture.accountIds[accountName], SourceParentId: fixture.ouIds[from], DestinationParentId: fixture.ouIds[to] }),
            );
        };
    });
    after(async () => {
        for (const k of ENV_KEYS) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        fixture.orgs?.destroy();
        await fixture.proxy?.close();
        await fixture.moto?.stop();
        if (fixture.tempDir) fs.rmSync(fixture.tempDir, { recursive: true, force: true });
    });
    return fixture;
}

/** Refuses STS AssumeRole of the member role in these accounts, as a trust policy that does not trust the caller would. */
export function denyMemberRole(proxy: FaultProxy, accountIds: string[]): void {
    // AWS STS API reference, AssumeRole errors: the caller gets AccessDenied when the role's trust
    // policy does not allow it (or its own policy does not allow sts:AssumeRole on the role).
    proxy.setRules(
        accountIds.map((id) => ({ action: "AssumeRole", parameters: { RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole` }, fault: { kind: "accessDenied" as const } })),
    );
}
