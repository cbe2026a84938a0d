/**
 * The provider's account checks and credential sources, in-process against moto behind the
 * counting proxy (IAM and STS both go through it). moto maps an IAM user's access key to the
 * user's account and STS AssumeRole / AssumeRoleWithWebIdentity credentials to the role's account.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListRoleTagsCommand, TagRoleCommand } from "@aws-sdk/client-iam";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { expect } from "chai";
import { callerAccount } from "../../provider/iam/account";
import { connectionFor, stackSettings } from "../../provider/iam/connection";
import type { RoleState } from "../../provider/iam/inputs";
import * as provider from "../../provider/iam/provider";
import { useProviderBehindProxy } from "../harness/fixtures";
import { serviceLinkedRoles } from "../harness/iam";
import { testCredentials } from "../harness/moto";

const AMBIENT = "123456789012";
const A = "111111111111";
const B = "222222222222";
const roleIn = (account: string, name = "deployer") => `arn:aws:iam::${account}:role/${name}`;
const CONNECT = "connect.amazonaws.com";

/** Hands `configure` a stack config the way the dynamic-provider host does. */
async function configure(values: Record<string, unknown> = {}): Promise<void> {
    await provider.configure({ config: { get: (key: string) => values[key] } } as never);
}

async function failure(promise: Promise<unknown>): Promise<string> {
    return promise.then(
        () => "",
        (err: Error) => err.message,
    );
}

describe("provider: which account, from which credentials", function () {
    this.timeout(60_000);
    const fx = useProviderBehindProxy();
    let tmp: string;

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "slr-account-"));
    });
    after(async () => {
        await configure();
        fs.rmSync(tmp, { recursive: true, force: true });
    });
    beforeEach(async () => {
        await fx.moto.reset();
        fx.proxy.reset();
        await configure();
    });

    function iamIn(account: string): IAMClient {
        return new IAMClient({
            endpoint: fx.moto.endpoint,
            region: "us-east-1",
            credentials: fromTemporaryCredentials({
                masterCredentials: testCredentials,
                params: { RoleArn: roleIn(account, "test-admin"), RoleSessionName: "test" },
                clientConfig: { endpoint: fx.moto.endpoint, region: "us-east-1" },
            }),
        });
    }

    async function userKeysIn(account: string): Promise<{ id: string; secret: string }> {
        const admin = iamIn(account);
        await admin.send(new CreateUserCommand({ UserName: "someone" }));
        const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: "someone" }));
        return { id: AccessKey!.AccessKeyId!, secret: AccessKey!.SecretAccessKey! };
    }

    it("asks STS once per connection, and each connection input is its own connection", async () => {
        const stack = connectionFor(undefined);
        expect(await callerAccount(stack)).to.equal(AMBIENT);
        expect(await callerAccount(connectionFor({}))).to.equal(AMBIENT);
        const away = { assumeRoles: [{ roleArn: roleIn(A) }] };
        expect(await callerAccount(connectionFor(away))).to.equal(A);
        expect(await callerAccount(connectionFor({ assumeRoles: [{ roleArn: roleIn(A) }] }))).to.equal(A);
        expect(fx.proxy.counts().GetCallerIdentity.received).to.equal(2);
        expect(fx.proxy.counts().AssumeRole.received).to.equal(1);
    });

    it("a named profile from aws:sharedCredentialsFiles, and connection.profile over the stack's", async () => {
        const inA = await userKeysIn(A);
        const inB = await userKeysIn(B);
        const file = path.join(tmp, "credentials");
        fs.writeFileSync(file, `[team-a]\naws_access_key_id = ${inA.id}\naws_secret_access_key = ${inA.secret}\n[team-b]\naws_access_key_id = ${inB.id}\naws_secret_access_key = ${inB.secret}\n`);
        await configure({ "aws:profile": "team-a", "aws:sharedCredentialsFiles": JSON.stringify([file]) });
        expect(await callerAccount(connectionFor(undefined))).to.equal(A);
        expect(await callerAccount(connectionFor({ profile: "team-b" }))).to.equal(B);
    });

    it("aws:assumeRoleWithWebIdentity with a token file, then aws:assumeRoles chained after it", async () => {
        const tokenFile = path.join(tmp, "token");
        fs.writeFileSync(tokenFile, "header.payload.signature");
        const web = { roleArn: roleIn(A, "oidc"), webIdentityTokenFile: tokenFile, sessionName: "ci" };
        await configure({ "aws:assumeRoleWithWebIdentity": JSON.stringify(web) });
        expect(await callerAccount(connectionFor(undefined))).to.equal(A);
        await configure({ "aws:assumeRoleWithWebIdentity": JSON.stringify(web), "aws:assumeRoles": JSON.stringify([{ roleArn: roleIn(B) }]) });
        expect(await callerAccount(connectionFor(undefined))).to.equal(B);
        expect(fx.proxy.counts().AssumeRoleWithWebIdentity.received).to.equal(2);
    });

    it("aws:maxRetries, aws:retryMode, aws:region and aws:stsRegion reach the clients", async () => {
        await configure({ "aws:maxRetries": "2", "aws:retryMode": "adaptive", "aws:region": "eu-west-2", "aws:stsRegion": "eu-west-3" });
        const { iam, sts } = connectionFor(undefined);
        expect(await iam.config.region()).to.equal("eu-west-2");
        expect(await sts.config.region()).to.equal("eu-west-3");
        expect(await connectionFor({ region: "ap-south-1" }).iam.config.region()).to.equal("ap-south-1");
        expect(await iam.config.maxAttempts()).to.equal(3);
        expect(await sts.config.maxAttempts()).to.equal(3);
        expect(((await iam.config.retryStrategy()) as { mode?: string }).mode).to.equal("adaptive");
    });

    it("aws:skipRequestingAccountId: no STS call, and the account is still recorded from the ARN", async () => {
        await configure({ "aws:skipRequestingAccountId": true });
        expect(stackSettings().skipRequestingAccountId).to.equal(true);
        const created = await provider.create({ awsServiceName: CONNECT, deletionTimeoutSeconds: 5 });
        expect(created.outs.accountId).to.equal(AMBIENT);
        expect(fx.proxy.counts().GetCallerIdentity).to.equal(undefined);
    });

    it("expectedAccountId: check, create, update and delete refuse another account, naming both, with no IAM change", async () => {
        const inputs = { awsServiceName: CONNECT, expectedAccountId: A, deletionTimeoutSeconds: 5 };
        const expectedBoth = (message: string) => expect(message).to.include(`must be in AWS account ${A}`).and.to.include(`resolve to account ${AMBIENT}`);
        expectedBoth(await failure(provider.check({}, inputs)));
        expectedBoth(await failure(provider.create(inputs)));
        expect(fx.proxy.counts().CreateServiceLinkedRole).to.equal(undefined);

        const created = await provider.create({ ...inputs, expectedAccountId: AMBIENT });
        const state = created.outs as RoleState;
        fx.proxy.reset();
        expectedBoth(await failure(provider.update(created.id, state, { ...inputs, description: "never" })));
        expect(Object.keys(fx.proxy.counts())).to.deep.equal([]); // the account was already known: no call at all
        const moved = { ...state, accountId: A };
        const refused = await failure(provider.delete(created.id, moved));
        expect(refused).to.include(`recorded in AWS account ${A}`).and.to.include(`resolve to account ${AMBIENT}`);
        expect(await serviceLinkedRoles(fx.iam, CONNECT)).to.have.length(1);
    });

    it("diff: a connection change that moves the role to another account replaces it; the same change within the account does not", async () => {
        const created = await provider.create({ awsServiceName: CONNECT, deletionTimeoutSeconds: 5 });
        const olds = created.outs as RoleState;
        const moved = await provider.diff(created.id, olds, { awsServiceName: CONNECT, deletionTimeoutSeconds: 5, connection: { assumeRoles: [{ roleArn: roleIn(A) }] } });
        expect(moved.replaces).to.deep.equal(["connection"]);
        expect(moved.deleteBeforeReplace).to.equal(false);
        const sameAccount = await provider.diff(created.id, olds, { awsServiceName: CONNECT, deletionTimeoutSeconds: 5, connection: { region: "eu-west-1" } });
        expect(sameAccount.replaces).to.deep.equal([]);
        expect(sameAccount.changes).to.equal(true);
    });

    it("aws:defaultTags make the tags managed even when the role declares none, under the role's own; aws:ignoreTags keys are kept and not reported", async () => {
        await configure({ "aws:defaultTags": JSON.stringify({ tags: { owner: "platform" } }), "aws:ignoreTags": JSON.stringify({ keys: ["scanner"] }) });
        const created = await provider.create({ awsServiceName: CONNECT, deletionTimeoutSeconds: 5 });
        expect(created.outs.tagsAll).to.deep.equal({ owner: "platform" });
        const tagsInIam = async () => {
            const { Tags } = await fx.iam.send(new ListRoleTagsCommand({ RoleName: created.id }));
            return Object.fromEntries(Tags!.filter((t) => !t.Key!.startsWith("pulumi-slr-claim:")).map((t) => [t.Key, t.Value]));
        };
        expect(await tagsInIam()).to.deep.equal({ owner: "platform" });
        await fx.iam.send(new TagRoleCommand({ RoleName: created.id, Tags: [{ Key: "scanner", Value: "on" }] }));
        const refreshed = await provider.read(created.id, created.outs);
        expect(refreshed.props!.tagsAll).to.deep.equal({ owner: "platform" });
        const updated = await provider.update(created.id, refreshed.props as RoleState, { awsServiceName: CONNECT, deletionTimeoutSeconds: 5, tags: { team: "x", owner: "me" } });
        expect(updated.outs.tagsAll).to.deep.equal({ owner: "me", team: "x" });
        expect(await tagsInIam()).to.deep.equal({ owner: "me", team: "x", scanner: "on" });
    });
});
