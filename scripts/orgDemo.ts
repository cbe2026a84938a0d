// Demo part: a rollout over a moto organization of three member accounts: one already holds the
// role (adopted), one refuses the member role (unreachable, through the fault proxy), then the report.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateServiceLinkedRoleCommand } from "@aws-sdk/client-iam";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type * as org from "../provider/org";
import { exampleRequire, pulumiBinDir } from "../tests/harness/engine";
import { startFaultProxy } from "../tests/harness/faultProxy";
import { directIamClient } from "../tests/harness/iam";
import { startMoto, testCredentials } from "../tests/harness/moto";
import { indent, step } from "./demoSteps";

export async function orgDemo(first: number): Promise<void> {
    step(`${first}. Organization rollout: moto with an organization of three member accounts`);
    const moto = await startMoto();
    const proxy = await startFaultProxy(moto.endpoint);
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), "slr-demo-org-"));
    const saved = { ...process.env };
    try {
        Object.assign(process.env, {
            AWS_ENDPOINT_URL_IAM: moto.endpoint,
            AWS_ENDPOINT_URL_STS: proxy.endpoint,
            AWS_ENDPOINT_URL_ORGANIZATIONS: moto.endpoint,
            AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
            AWS_REGION: "us-east-1",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        });
        const orgs = new OrganizationsClient({ endpoint: moto.endpoint, region: "us-east-1" });
        await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
        const ids: string[] = [];
        for (const name of ["payments", "analytics", "legacy"]) {
            ids.push((await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }))).CreateAccountStatus!.AccountId!);
        }
        orgs.destroy();
        const sts = new STSClient({ endpoint: moto.endpoint, region: "us-east-1" });
        const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ids[1]}:role/OrganizationAccountAccessRole`, RoleSessionName: "demo" }));
        sts.destroy();
        const iam = directIamClient(moto.endpoint, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
        await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com" }));
        iam.destroy();
        console.log(`    analytics (${ids[1]}) already holds the Connect role; legacy (${ids[2]}) refuses OrganizationAccountAccessRole`);
        proxy.setRules([{ action: "AssumeRole", parameters: { RoleArn: `arn:aws:iam::${ids[2]}:role/OrganizationAccountAccessRole` }, fault: { kind: "accessDenied" } }]);

        step(`${first + 1}. rollout up (organization: true, parallel 3)`);
        const api = exampleRequire("service-linked-role")("pulumi-service-linked-role/org") as typeof org;
        const report = await api.runRollout(
            { project: "demo-rollout", roles: [{ awsServiceName: "connect.amazonaws.com" }], accounts: { organization: true }, backend: { url: `file://${path.join(temp, "state")}` } },
            "up",
            { pulumiRoot: path.dirname(pulumiBinDir), pulumiHome: path.join(temp, "home"), workRoot: path.join(temp, "work"), parallel: 3, onAccountDone: (r) => console.log(`    ${api.accountLine(r)}`) },
        );
        console.log("");
        console.log(indent(api.summaryTable(report, 100)));
        const outcomes = Object.fromEntries(report.accounts.map((a) => [a.accountId, a]));
        if (outcomes[ids[1]]?.roles?.[0]?.ownership !== "adopted" || outcomes[ids[2]]?.outcome !== "unreachable" || outcomes[ids[0]]?.outcome !== "ok") {
            throw new Error(`rollout demo: unexpected report ${JSON.stringify(report.accounts)}`);
        }
    } finally {
        process.env = saved;
        await proxy.close();
        await moto.stop();
        fs.rmSync(temp, { recursive: true, force: true });
    }
}
