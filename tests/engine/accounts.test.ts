import { withoutClaims } from "../../provider/iam/claims";
import * as fs from "node:fs";
import * as path from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, Role } from "@aws-sdk/client-iam";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { expect } from "chai";
import type * as automation from "@pulumi/pulumi/automation";
import { assertNoPlantedCredentials, exampleRequire, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { directIamClient, serviceLinkedRoles } from "../harness/iam";
import { testCredentials } from "../harness/moto";

// Several accounts on one moto: its STS AssumeRole returns credentials for the account in the role
// ARN, and an IAM user's access key maps to that user's account. The planted ambient credentials
// (tests/harness/moto.ts) belong to moto's default account.

const AMBIENT = "123456789012";
const A = "111111111111";
const B = "222222222222";
const C = "333333333333";
const D = "444444444444";
const roleIn = (account: string, name = "deployer") => `arn:aws:iam::${account}:role/${name}`;

type Library = typeof import("../../provider/index");
const library = exampleRequire("service-linked-role")("pulumi-service-linked-role") as Library;

/** A program whose roles and their args come from the test. */
function program(roles: Record<string, import("../../provider/index").ServiceLinkedRoleArgs>): automation.PulumiFn {
    return async () => {
        const out: Record<string, unknown> = {};
        for (const [name, args] of Object.entries(roles)) {
            const role = new library.ServiceLinkedRole(name, { deletionTimeoutSeconds: 5, ...args });
            out[`${name}Account`] = role.accountId;
            out[`${name}Arn`] = role.arn;
            out[`${name}Id`] = role.roleId;
            out[`${name}TagsAll`] = role.tagsAll;
        }
        return out;
    };
}

describe("engine: accounts and credentials", function () {
    this.timeout(240_000);
    const fx = useEngineFixture();

    /** An IAM client acting in `account`, through STS AssumeRole as the ambient identity. */
    function iamIn(account: string): IAMClient {
        return new IAMClient({
            endpoint: fx.moto.endpoint,
            region: "us-east-1",
            credentials: fromTemporaryCredentials({
                masterCredentials: testCredentials,
                params: { RoleArn: roleIn(account, "test-reader"), RoleSessionName: "test" },
                clientConfig: { endpoint: fx.moto.endpoint, region: "us-east-1" },
            }),
        });
    }
    const rolesIn = async (account: string): Promise<Role[]> =>
        serviceLinkedRoles(account === AMBIENT ? directIamClient(fx.moto.endpoint) : iamIn(account), "connect.amazonaws.com");

    function stack(fn: automation.PulumiFn, config: Record<string, string> = {}, iamEndpoint = fx.moto.endpoint): Promise<TestStack> {
        return fx.stack({ program: fn, iamEndpoint, config });
    }

    it("aws:assumeRoles in stack config: the role is created in the assumed role's account, through aws:endpoints", async () => {
        // The environment's endpoints lead nowhere: only aws:endpoints can reach moto.
        const { stack: s } = await stack(
            program({ r: {} }),
            {
                "aws:assumeRoles": JSON.stringify([{ roleArn: roleIn(B, "hop"), sessionName: "hop" }, { roleArn: roleIn(A), sessionName: "deploy", duration: "1h" }]),
                "aws:endpoints": JSON.stringify([{ iam: fx.moto.endpoint, sts: fx.moto.endpoint }]),
            },
            "http://127.0.0.1:9",
        );
        const up = await s.up();
        expect(up.outputs.rAccount.value).to.equal(A);
        expect(up.outputs.rArn.value).to.match(new RegExp(`^arn:aws:iam::${A}:role/aws-service-role/`));
        expect((await rolesIn(A)).map((r) => r.RoleId)).to.deep.equal([up.outputs.rId.value]);
        expect(await rolesIn(AMBIENT)).to.have.length(0);
        expect(await rolesIn(B)).to.have.length(0);
    });

    it("static keys of a user in another account (secret config) act in that account, and no key or token reaches state, outputs or logs", async () => {
        const admin = iamIn(B);
        await admin.send(new CreateUserCommand({ UserName: "deployer" }));
        const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: "deployer" }));
        const plantedToken = "planted-config-session-token-5e8a1c";
        const t = await stack(program({ r: { tags: { team: "x" } } }));
        await t.stack.setConfig("aws:accessKey", { value: AccessKey!.AccessKeyId!, secret: true });
        await t.stack.setConfig("aws:secretKey", { value: AccessKey!.SecretAccessKey!, secret: true });
        await t.stack.setConfig("aws:token", { value: plantedToken, secret: true });
        const events: unknown[] = [];
        const up = await t.stack.up({ onEvent: (e) => events.push(e) });
        expect(up.outputs.rAccount.value).to.equal(B);
        expect(await rolesIn(B)).to.have.length(1);
        expect(await rolesIn(AMBIENT)).to.have.length(0);

        const refreshed = await t.stack.refresh();
        // exportStack decrypts secrets (--show-secrets); the default provider's config is stored as
        // secrets, so what must hold is: none in the role's own state, none on disk in plain text.
        const { deployment } = await t.stack.exportStack();
        const roles = deployment.resources.filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
        const texts = {
            "role state": JSON.stringify(roles),
            "state file on disk": stateFileText(t),
            outputs: JSON.stringify(await t.stack.outputs()),
            "up output": up.stdout + up.stderr,
            "refresh output": refreshed.stdout + refreshed.stderr,
            "engine events": JSON.stringify(events),
        };
        for (const [where, text] of Object.entries(texts)) {
            for (const secret of [AccessKey!.SecretAccessKey!, plantedToken]) expect(text, where).to.not.include(secret);
            assertNoPlantedCredentials(where, text);
        }
    });

    it("the per-resource connection input puts each role in its own account, shows in preview, and moving a role replaces it", async () => {
        const two = (target: string) => program({ home: {}, away: { connection: { region: "us-east-1", assumeRoles: [{ roleArn: roleIn(target) }] } } });
        const t = await stack(two(C));
        const preview = await t.stack.preview({ diff: true });
        expect(preview.stdout).to.include(roleIn(C));
        const up = await t.stack.up();
        expect(up.outputs.homeAccount.value).to.equal(AMBIENT);
        expect(up.outputs.awayAccount.value).to.equal(C);
        expect(await rolesIn(C)).to.have.length(1);
        expect(await rolesIn(AMBIENT)).to.have.length(1);

        const moved = withProgram(t, two(D));
        const plan = await moved.preview();
        expect(plan.changeSummary).to.deep.equal({ same: 2, replace: 1 });
        const after = await moved.up();
        expect(after.outputs.awayAccount.value).to.equal(D);
        expect(await rolesIn(D)).to.have.length(1);
        expect(await rolesIn(C)).to.have.length(0);
        expect((await rolesIn(AMBIENT)).map((r) => r.RoleId)).to.deep.equal([up.outputs.homeId.value]);
    });

    it("aws:allowedAccountIds and aws:forbiddenAccountIds refuse the account at preview, naming it, with no IAM change", async () => {
        const t = await stack(program({ r: {} }), { "aws:assumeRoles": JSON.stringify([{ roleArn: "nope", duration: "5m" }]) });
        const invalid = await t.stack.preview().then(
            () => "",
            (err: Error) => err.message,
        );
        expect(invalid).to.include("aws:assumeRoles[0].roleArn must be a role ARN").and.to.include("aws:assumeRoles[0].duration must be a duration between 15m and 12h");
        await t.setConfig({ "aws:assumeRoles": undefined, "aws:allowedAccountIds": JSON.stringify([A]) });
        const refused = await t.stack.preview().then(
            () => "",
            (err: Error) => err.message,
        );
        expect(refused).to.include(AMBIENT).and.to.include("aws:allowedAccountIds");
        await t.setConfig({ "aws:allowedAccountIds": undefined, "aws:forbiddenAccountIds": JSON.stringify([AMBIENT]) });
        const forbidden = await t.stack.up().then(
            () => "",
            (err: Error) => err.message,
        );
        expect(forbidden).to.include(AMBIENT).and.to.include("aws:forbiddenAccountIds");
        expect(await rolesIn(AMBIENT)).to.have.length(0);
        await t.setConfig({ "aws:forbiddenAccountIds": undefined });
    });

    it("an up, refresh or destroy whose credentials changed account since the last run fails naming both accounts, and changes nothing", async () => {
        const t = await stack(program({ r: { description: "v1" } }));
        const first = await t.stack.up();
        expect(first.outputs.rAccount.value).to.equal(AMBIENT);
        await t.setConfig({ "aws:assumeRoles": JSON.stringify([{ roleArn: roleIn(A) }]) });
        withProgram(t, program({ r: { description: "v2, never applied" } }));

        for (const [operation, run] of [
            ["up", () => t.stack.up()],
            ["refresh", () => t.stack.refresh()],
            ["destroy", () => t.stack.destroy()],
        ] as const) {
            const message = await (run as () => Promise<unknown>)().then(
                () => "",
                (err: Error) => err.message,
            );
            expect(message, operation).to.include(`recorded in AWS account ${AMBIENT}`).and.to.include(`resolve to account ${A}`);
        }
        const home = await rolesIn(AMBIENT);
        expect(home.map((r) => r.RoleId)).to.deep.equal([first.outputs.rId.value]);
        expect(await rolesIn(A)).to.have.length(0);
        // Back on the right account, the stack works again; the up also records the restored provider
        // config, which destroy uses.
        expect(home[0].Description).to.equal("v1");
        await t.setConfig({ "aws:assumeRoles": undefined });
        withProgram(t, program({ r: { description: "v1" } }));
        expect((await t.stack.up()).summary.resourceChanges).to.deep.equal({ same: 2 });
    });

    it("aws:defaultTags are merged under the role's tags into tagsAll, and aws:ignoreTags keys are neither removed nor reported", async () => {
        const admin = directIamClient(fx.moto.endpoint);
        const t = await stack(program({ r: { tags: { team: "a", env: "mine" } } }), {
            "aws:defaultTags": JSON.stringify({ tags: { env: "prod", owner: "platform" } }),
            "aws:ignoreTags": JSON.stringify({ keyPrefixes: ["ext:"] }),
        });
        const up = await t.stack.up();
        expect(up.outputs.rTagsAll.value).to.deep.equal({ team: "a", env: "mine", owner: "platform" });
        const roleName = (await rolesIn(AMBIENT))[0].RoleName!;
        const { TagRoleCommand, ListRoleTagsCommand } = await import("@aws-sdk/client-iam");
        await admin.send(new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: "ext:scanner", Value: "1" }] }));
        const refreshed = await t.stack.refresh();
        expect(refreshed.summary.resourceChanges).to.deep.equal({ same: 2 });
        const { deployment } = await t.stack.exportStack();
        const state = deployment.resources.find((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole"));
        expect(state.outputs.tagsAll, "ignored and claim tags are not reported").to.deep.equal({ team: "a", env: "mine", owner: "platform" });
        const again = await t.stack.up();
        expect(again.summary.resourceChanges).to.deep.equal({ same: 2 });
        const { Tags } = await admin.send(new ListRoleTagsCommand({ RoleName: roleName }));
        // Besides these, the role carries this resource's claim tag (claims.ts), which is not a user tag.
        expect(withoutClaims(Object.fromEntries(Tags!.map((tag) => [tag.Key!, tag.Value!])))).to.deep.equal({ team: "a", env: "mine", owner: "platform", "ext:scanner": "1" });
    });

    /** The stack's checkpoint file as the file backend stores it (secrets encrypted). */
    function stateFileText(t: TestStack): string {
        const backendDir = t.env.PULUMI_BACKEND_URL.replace(/^file:\/\//, "");
        const files = fs.readdirSync(backendDir, { recursive: true, encoding: "utf8" }).filter((f) => /stacks\/.*\.json$/.test(f));
        expect(files, "state files").to.have.length.greaterThan(0);
        return files.map((f) => fs.readFileSync(path.join(backendDir, f), "utf8")).join("\n");
    }

    /** The same stack (same backend and state) with another inline program. */
    function withProgram(t: TestStack, fn: automation.PulumiFn): automation.Stack {
        (t.stack.workspace as automation.LocalWorkspace).program = fn;
        return t.stack;
    }
});
