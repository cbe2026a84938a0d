/**
 * The live role check against moto's IAM: real SDK calls, real policy documents.
 */
import {
    AttachRolePolicyCommand,
    CreatePolicyCommand,
    CreatePolicyVersionCommand,
    CreateRoleCommand,
    PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { IamOperationError } from "../../../provider/iam/client";
import { ConnectPermissionConfig } from "../../../provider/connect/permissions/model";
import { requiredPolicyDocument } from "../../../provider/connect/permissions/statements";
import { checkRolePermissions } from "../../../provider/connect/roleCheck/check";
import { parseRoleReference } from "../../../provider/connect/roleCheck/reference";
import { formatReport } from "../../../provider/connect/roleCheck/render";
import { RoleCheckReport } from "../../../provider/connect/roleCheck/report";
import { createResourceCheck, diffResourceCheck, readResourceCheck, RolePermissionCheckError } from "../../../provider/connect/roleCheck/resource";
import { useMoto } from "../../harness/fixtures";
import { connectRolePermissionCheckProvider } from "../../../provider/connect/component/roleCheckResource";
import { testCredentials } from "../../harness/moto";

const ACCOUNT = "123456789012"; // moto's default account
const SLR_PATH = "/aws-service-role/connect.amazonaws.com/";
const MANAGED = "arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy";
const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "connect.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Features that AmazonConnectServiceLinkedRolePolicy covers on its own (names match its patterns). */
const COVERED: ConnectPermissionConfig = {
    region: "us-east-1",
    account: ACCOUNT,
    callRecordings: { bucket: "amazon-connect-0a1b2c3d", prefix: "connect/alias/CallRecordings" },
    chatTranscripts: { bucket: "amazon-connect-0a1b2c3d", prefix: "connect/alias/ChatTranscripts" },
    contactFlowLogGroup: "/aws/connect/alias",
};

/** Features that need permissions Connect adds on top of the managed policy. */
const EXTRA: ConnectPermissionConfig = {
    region: "us-east-1",
    account: ACCOUNT,
    exportedReports: { bucket: "corp-reports" },
    kinesisStreamArns: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`],
    firehoseStreamArns: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`],
    lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`],
};

const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const decisions = (report: RoleCheckReport) =>
    Object.fromEntries(report.features.flatMap((f) => f.permissions.map((p) => [`${p.action} ${p.resource}`, p.decision])));
const missingKeys = (report: RoleCheckReport) => report.missing.map((m) => `${m.feature} ${m.action} ${m.decision}`);

describe("checkRolePermissions against moto", function () {
    this.timeout(60_000);
    // AWS-managed policies are only loaded on request; the SLR policy is one of them.
    const fx = useMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: "true" });

    // Each test uses its own role and policy names instead of resetting moto: a reset makes moto reload
    // every AWS-managed policy, which costs about a second per test.
    let role = "";
    let seq = 0;
    const unique = (base: string) => `${base}${seq}`;
    beforeEach(() => {
        seq += 1;
        role = `AWSServiceRoleForAmazonConnect_t${seq}`;
    });

    async function createConnectRole(name = role, options: { path?: string; trust?: string; boundary?: string } = {}) {
        const out = await fx.iam.send(
            new CreateRoleCommand({
                RoleName: name,
                Path: options.path ?? SLR_PATH,
                AssumeRolePolicyDocument: options.trust ?? TRUST,
                PermissionsBoundary: options.boundary,
            }),
        );
        await fx.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: MANAGED }));
        return out.Role!.Arn!;
    }

    it("passes a role whose managed policy covers connect-named buckets and log groups", async () => {
        await createConnectRole();
        const report = await checkRolePermissions({ role, config: COVERED });
        expect(report.ok, formatReport(report)).to.equal(true);
        expect(report.missing).to.deep.equal([]);
        expect(report.features.map((f) => f.feature)).to.deep.equal(["connect", "callRecordings", "chatTranscripts", "contactFlowLogs"]);
        const connect = report.features[0].permissions[0];
        expect(connect.allowedBy.map((r) => `${r.policy}#${r.sid}`)).to.deep.equal(["AmazonConnectServiceLinkedRolePolicy#AllowConnectActions"]);
        expect(connect.allowedBy[0].policyArn).to.equal(MANAGED);
        expect(report.policies).to.have.length(1);
        expect(report.policies[0]).to.include({ name: "AmazonConnectServiceLinkedRolePolicy", kind: "managed" });
        expect(report.policies[0].versionId).to.match(/^v\d+$/);
        expect(report.warnings).to.deep.equal([]);
    });

    it("reports what the managed policy alone does not grant", async () => {
        await createConnectRole();
        const report = await checkRolePermissions({ role, config: EXTRA });
        expect(report.ok).to.equal(false);
        expect(missingKeys(report)).to.deep.equal([
            "exportedReports s3:PutObject implicitDeny",
            "exportedReports s3:PutObjectAcl implicitDeny",
            "exportedReports s3:GetObjectAcl implicitDeny",
            "kinesisStreams kinesis:PutRecord implicitDeny",
            "kinesisStreams kinesis:PutRecords implicitDeny",
            "kinesisStreams kinesis:DescribeStream implicitDeny",
            "firehoseStreams firehose:DescribeDeliveryStream implicitDeny",
            "firehoseStreams firehose:PutRecord implicitDeny",
            "firehoseStreams firehose:PutRecordBatch implicitDeny",
            "lexBots lex:PostContent implicitDeny",
        ]);
        const byFeature = Object.fromEntries(report.features.map((f) => [f.feature, f.ok]));
        expect(byFeature).to.deep.equal({ connect: true, exportedReports: false, kinesisStreams: false, firehoseStreams: false, lexBots: false });
        expect(report.missing.find((m) => m.feature === "lexBots")?.detail).to.contain("does not grant lex:PostContent");
    });

    it("passes once the generated policy is added inline, naming the inline statements", async () => {
        await createConnectRole();
        const config = { ...COVERED, ...EXTRA };
        await fx.iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: "ConnectFeatures", PolicyDocument: JSON.stringify(requiredPolicyDocument(config)) }));
        const report = await checkRolePermissions({ role, config });
        expect(report.ok, formatReport(report)).to.equal(true);
        const lex = report.features.find((f) => f.feature === "lexBots")!.permissions[0];
        expect(lex.allowedBy.map((r) => `${r.policy}#${r.sid}`)).to.deep.equal(["ConnectFeatures#LexBots"]);
        expect(report.policies.map((p) => `${p.name}:${p.kind}`)).to.deep.equal(["AmazonConnectServiceLinkedRolePolicy:managed", "ConnectFeatures:inline"]);
    });

    it("reads the default version of customer managed policies, granting some features and not others", async () => {
        await createConnectRole();
        const created = await fx.iam.send(new CreatePolicyCommand({ PolicyName: unique("ConnectStreams"), PolicyDocument: policy({ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }) }));
        const arn = created.Policy!.Arn!;
        // Version 2 becomes the default: only it grants Kinesis.
        await fx.iam.send(
            new CreatePolicyVersionCommand({
                PolicyArn: arn,
                SetAsDefault: true,
                PolicyDocument: policy({ Sid: "Kinesis", Effect: "Allow", Action: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], Resource: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/*` }),
            }),
        );
        await fx.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
        const report = await checkRolePermissions({ role, config: { ...EXTRA, exportedReports: undefined, lexBotArns: undefined } });
        const features = Object.fromEntries(report.features.map((f) => [f.feature, f.ok]));
        expect(features).to.deep.equal({ connect: true, kinesisStreams: true, firehoseStreams: false });
        expect(report.features[1].permissions[0].allowedBy.map((r) => `${r.policy}#${r.sid}`)).to.deep.equal([`${unique("ConnectStreams")}#Kinesis`]);
        expect(report.policies.find((p) => p.name === unique("ConnectStreams"))?.versionId).to.equal("v2");
    });

    it("does not hold a Lex V2 alias or a Lambda function against the role: their resource policies grant them", async () => {
        await createConnectRole();
        const alias = `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
        const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:lookup`;
        const report = await checkRolePermissions({ role, config: { ...COVERED, lexBotArns: [alias], lambdaFunctionArns: [fn] } });
        expect(report.ok).to.equal(true);
        expect(report.features.map((f) => f.feature)).to.not.include.members(["lexV2Bots", "lambdaFunctions"]);
        expect(report.warnings.some((w) => w.startsWith("lexV2Bots:") && w.includes(alias) && w.includes("resource policy"))).to.equal(true);
        expect(report.warnings.some((w) => w.startsWith("lambdaFunctions:") && w.includes(fn))).to.equal(true);
    });

    it("explains a missing stream permission as one Connect adds at association", async () => {
        await createConnectRole();
        const report = await checkRolePermissions({ role, config: { ...COVERED, kinesisStreamArns: EXTRA.kinesisStreamArns } });
        expect(report.missing.map((m) => m.feature)).to.deep.include("kinesisStreams");
        expect(report.missing[0].detail).to.contain("Connect adds it to the instance's role when the feature is associated");
    });

    it("reports an explicit Deny with the denying statement, even where the managed policy allows", async () => {
        await createConnectRole();
        await fx.iam.send(
            new PutRolePolicyCommand({
                RoleName: role,
                PolicyName: "Guardrails",
                PolicyDocument: policy({ Sid: "NoRecordingDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::amazon-connect-*/*" }),
            }),
        );
        const report = await checkRolePermissions({ role, config: COVERED });
        expect(report.ok).to.equal(false);
        expect(missingKeys(report)).to.deep.equal(["callRecordings s3:DeleteObject denied", "chatTranscripts s3:DeleteObject denied"]);
        expect(report.missing[0].detail).to.equal("explicitly denied by Guardrails#NoRecordingDeletes");
        const recordings = report.features.find((f) => f.feature === "callRecordings")!;
        const deleteResult = recordings.permissions.find((p) => p.action === "s3:DeleteObject")!;
        expect(deleteResult.allowedBy.map((r) => r.sid)).to.deep.equal(["AllowS3ObjectForConnectBucket"]);
        expect(deleteResult.deniedBy.map((r) => r.sid)).to.deep.equal(["NoRecordingDeletes"]);
    });

    it("reports a condition it cannot decide as unknown, and decides it from a supplied context", async () => {
        await createConnectRole();
        await fx.iam.send(
            new PutRolePolicyCommand({
                RoleName: role,
                PolicyName: "LexTagged",
                PolicyDocument: policy({ Effect: "Allow", Action: "lex:PostContent", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/AmazonConnectEnabled": "True" } } }),
            }),
        );
        const config = { region: "us-east-1", account: ACCOUNT, lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`] };
        const unknown = await checkRolePermissions({ role, config });
        expect(unknown.ok).to.equal(false);
        expect(missingKeys(unknown)).to.deep.equal(["lexBots lex:PostContent unknown"]);
        expect(unknown.missing[0].detail).to.contain("aws:ResourceTag/AmazonConnectEnabled");

        const decided = await checkRolePermissions({ role, config, context: { "aws:ResourceTag/AmazonConnectEnabled": "True" } });
        expect(decided.ok).to.equal(true);
        const absent = await checkRolePermissions({ role, config, missingKeys: "absent" });
        expect(missingKeys(absent)).to.deep.equal(["lexBots lex:PostContent implicitDeny"]);
    });

    it("derives PrincipalAccount/ResourceAccount so account-scoped conditions decide", async () => {
        await createConnectRole();
        await fx.iam.send(
            new PutRolePolicyCommand({
                RoleName: role,
                PolicyName: "SameAccountStreams",
                PolicyDocument: policy({
                    Effect: "Allow",
                    Action: "kinesis:*",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } },
                }),
            }),
        );
        const same = await checkRolePermissions({ role, config: { region: "us-east-1", kinesisStreamArns: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`] } });
        expect(same.ok, formatReport(same)).to.equal(true);
        const other = await checkRolePermissions({ role, config: { region: "us-east-1", kinesisStreamArns: ["arn:aws:kinesis:us-east-1:444455556666:stream/ctr"] } });
        expect(missingKeys(other)).to.deep.equal([
            "kinesisStreams kinesis:PutRecord implicitDeny",
            "kinesisStreams kinesis:PutRecords implicitDeny",
            "kinesisStreams kinesis:DescribeStream implicitDeny",
        ]);
    });

    it("accepts the role by ARN, including the older account-wide role name, and takes the account from it", async () => {
        const arn = await createConnectRole("AWSServiceRoleForAmazonConnect");
        expect(arn).to.equal(`arn:aws:iam::${ACCOUNT}:role${SLR_PATH}AWSServiceRoleForAmazonConnect`);
        const report = await checkRolePermissions({ role: arn, config: { region: "us-east-1", callRecordings: { bucket: "amazon-connect-x" } } });
        expect(report.account).to.equal(ACCOUNT);
        expect(report.role).to.deep.equal({ name: "AWSServiceRoleForAmazonConnect", arn, path: SLR_PATH });
        expect(report.ok).to.equal(true);
        expect(decisions(report)[`connect:* arn:aws:connect:us-east-1:${ACCOUNT}:*`]).to.equal("allowed");
    });

    it("warns when the role does not look like Connect's service-linked role", async () => {
        const other = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        await createConnectRole(unique("SomeAppRole"), { path: "/", trust: other });
        const report = await checkRolePermissions({ role: unique("SomeAppRole"), config: { region: "us-east-1" } });
        expect(report.ok).to.equal(true);
        expect(report.warnings).to.have.length(3);
        expect(report.warnings.join("\n")).to.contain("not named like a Connect service-linked role").and.contain(`not ${SLR_PATH}`).and.contain("connect.amazonaws.com");
    });

    it("applies a permissions boundary: allowed only where the boundary allows too", async () => {
        const boundary = await fx.iam.send(
            new CreatePolicyCommand({ PolicyName: unique("ConnectOnlyBoundary"), PolicyDocument: policy({ Effect: "Allow", Action: ["connect:*", "logs:*"], Resource: "*" }) }),
        );
        await createConnectRole(role, { boundary: boundary.Policy!.Arn! });
        const report = await checkRolePermissions({ role, config: COVERED });
        expect(report.policies.map((p) => p.kind)).to.deep.equal(["managed", "boundary"]);
        const features = Object.fromEntries(report.features.map((f) => [f.feature, f.ok]));
        expect(features).to.deep.equal({ connect: true, callRecordings: false, chatTranscripts: false, contactFlowLogs: true });
    });

    it("follows pagination of attached policies", async () => {
        await createConnectRole();
        for (let i = 0; i < 5; i++) {
            const created = await fx.iam.send(new CreatePolicyCommand({ PolicyName: unique(`Extra${i}x`), PolicyDocument: policy({ Sid: `Firehose${i}`, Effect: "Allow", Action: "firehose:Describe*", Resource: "*" }) }));
            await fx.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: created.Policy!.Arn! }));
        }
        const report = await checkRolePermissions({
            role,
            config: { region: "us-east-1", firehoseStreamArns: EXTRA.firehoseStreamArns },
            pageSize: 2,
        });
        expect(report.policies).to.have.length(6);
        const describe = report.features[1].permissions.find((p) => p.action === "firehose:DescribeDeliveryStream")!;
        expect(describe.allowedBy.map((r) => r.sid)).to.deep.equal(["Firehose0", "Firehose1", "Firehose2", "Firehose3", "Firehose4"]);
    });

    it("names the operation and the role when the role does not exist", async () => {
        let error: unknown;
        try {
            await checkRolePermissions({ role: "AWSServiceRoleForAmazonConnect_missing", config: { region: "us-east-1", account: ACCOUNT } });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(IamOperationError);
        expect((error as Error).message).to.contain("GetRole").and.contain("AWSServiceRoleForAmazonConnect_missing");
        expect((error as IamOperationError).code).to.equal("NoSuchEntity");
    });

    it("rejects a bad config before calling IAM", async () => {
        let error: unknown;
        try {
            await checkRolePermissions({ role, config: { region: "us-east-1", account: ACCOUNT, callRecordings: { bucket: "Bad_Bucket" } } });
        } catch (err) {
            error = err;
        }
        expect((error as Error).message).to.contain("callRecordings.bucket");
    });

    it("formats a readable table", async () => {
        await createConnectRole();
        await fx.iam.send(new PutRolePolicyCommand({ RoleName: role, PolicyName: "Guardrails", PolicyDocument: policy({ Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }) }));
        const report = await checkRolePermissions({ role, config: { ...COVERED, lexBotArns: EXTRA.lexBotArns } });
        const text = formatReport(report);
        const lines = text.split("\n");
        // A long role ARN wraps after a "/" onto an indented continuation line.
        expect(lines[0] + lines[1].trim()).to.equal(`Role:     arn:aws:iam::${ACCOUNT}:role${SLR_PATH}${role}`);
        // The same renderer as the CLI's check-role (plain text, 100 columns), plus every reason.
        expect(text).to.match(/^FEATURE: RESOURCE\n\s+RESULT\s+ACTION\s+STATEMENT$/m);
        expect(lines.filter((l) => l.length > 100)).to.deep.equal([]);
        expect(lines.find((l) => /^\s+MISSING\s+lex:PostContent\s+-$/.test(l))).to.be.a("string");
        expect(lines.find((l) => /^\s+DENIED\s+s3:DeleteObject\s+Guardrails#NoDeletes$/.test(l))).to.be.a("string");
        const connectRow = lines[lines.findIndex((l) => l.startsWith("connect: ")) + 1];
        expect(connectRow).to.match(/^\s+allowed\s+connect:\*\s+AmazonConnectServiceLinkedRolePolicy#AllowConnectActions$/);
        expect(text).to.contain("NOT OK: 3 of");
        const reasonAt = lines.findIndex((l) => l.startsWith("    * [callRecordings] s3:DeleteObject on "));
        const reason = [lines[reasonAt], ...lines.slice(reasonAt + 1).filter((l, i, rest) => rest.slice(0, i + 1).every((r) => r.startsWith("      ")))].join(" ");
        expect(reason).to.match(/DENIED \(explicitly denied by\s*Guardrails#NoDeletes/);
    });
});

describe("ConnectRolePermissionCheck resource lifecycle against moto", function () {
    this.timeout(60_000);
    const fx = useMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: "true" });

    before(async () => {
        await fx.iam.send(new CreateRoleCommand({ RoleName: "AWSServiceRoleForAmazonConnect_res", Path: SLR_PATH, AssumeRolePolicyDocument: TRUST }));
        await fx.iam.send(new AttachRolePolicyCommand({ RoleName: "AWSServiceRoleForAmazonConnect_res", PolicyArn: MANAGED }));
    });

    // No account: the resource takes it from the role.
    const { account: _account, ...extraWithoutAccount } = EXTRA;
    const inputs = { role: "AWSServiceRoleForAmazonConnect_res", config: extraWithoutAccount };

    it("create fails with a readable list of the gaps", async () => {
        let error: unknown;
        try {
            await createResourceCheck({ ...inputs, warnOnly: false });
        } catch (err) {
            error = err;
        }
        expect(error).to.be.instanceOf(RolePermissionCheckError);
        const message = (error as Error).message;
        expect(message).to.contain("AWSServiceRoleForAmazonConnect_res lacks 10 permission(s)");
        expect(message).to.contain(`[lexBots] lex:PostContent on arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers: MISSING`);
        expect(message).to.contain("warnOnly");
    });

    it("create with warnOnly succeeds and records the gaps", async () => {
        const result = await createResourceCheck({ ...inputs, warnOnly: true });
        expect(result.id).to.match(/^connect-role-check-/);
        expect(result.outs!.ok).to.equal(false);
        expect(result.outs!.roleArn).to.equal(`arn:aws:iam::${ACCOUNT}:role${SLR_PATH}AWSServiceRoleForAmazonConnect_res`);
        expect(result.outs!.missing.map((m) => m.action)).to.include("lex:PostContent").and.have.length(10);
        // Outputs are plain data Pulumi can store.
        expect(JSON.parse(JSON.stringify(result.outs))).to.deep.equal(result.outs);
    });

    it("create succeeds when nothing is missing; refresh re-runs the check without failing", async () => {
        const covered = { role: inputs.role, config: COVERED };
        const created = await createResourceCheck(covered);
        expect(created.outs!.ok).to.equal(true);
        expect(created.outs!.missing).to.deep.equal([]);
        const refreshed = await readResourceCheck(created.id, { ...created.outs!, config: { ...COVERED, lexBotArns: EXTRA.lexBotArns } });
        expect(refreshed.props!.ok).to.equal(false);
        expect(refreshed.props!.missing.map((m) => m.action)).to.deep.equal(["lex:PostContent"]);
    });

    it("diff asks for an update only when an input changes", () => {
        const olds = { role: "r", config: { region: "us-east-1", account: ACCOUNT }, warnOnly: false, roleArn: "x", ok: true, missing: [], warnings: [] };
        expect(diffResourceCheck("id", olds, { role: "r", config: { account: ACCOUNT, region: "us-east-1" }, warnOnly: false }).changes).to.equal(false);
        expect(diffResourceCheck("id", olds, { role: "r", config: { region: "us-east-2", account: ACCOUNT }, warnOnly: false }).changes).to.equal(true);
        expect(diffResourceCheck("id", olds, { role: "r", config: { region: "us-east-1", account: ACCOUNT }, warnOnly: true }).changes).to.equal(true);
    });

    it("check reports invalid inputs per property", async () => {
        const result = await connectRolePermissionCheckProvider.check!(undefined as never, { role: "arn:aws:iam::1:role/x", config: { region: "us-east-1", callRecordings: { bucket: "B" } } });
        expect(result.failures?.map((f) => f.property)).to.deep.equal(["role", "config"]);
    });

    it("check lets inputs that are unknown during a preview through", async () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const result = await connectRolePermissionCheckProvider.check!(undefined as never, {
            role: unknown,
            config: { region: "us-east-1", callRecordings: { bucket: unknown } },
        });
        expect(result.failures ?? []).to.deep.equal([]);
    });

    it("serializes a provider that holds neither credentials nor the AWS SDK", async () => {
        const serialized = await pulumi.runtime.serializeFunction(() => connectRolePermissionCheckProvider, { isFactoryFunction: true });
        for (const secret of Object.values(testCredentials)) expect(serialized.text).to.not.contain(secret);
        // The SDK is only ever required at run time, never copied in.
        expect(serialized.text).to.not.match(/class IAMClient|smithy/);
        expect(serialized.text).to.contain('require("@aws-sdk/client-iam")');
    });

    it("parses role references", () => {
        expect(parseRoleReference(`arn:aws:iam::${ACCOUNT}:role${SLR_PATH}AWSServiceRoleForAmazonConnect_x`)).to.deep.equal({
            arn: `arn:aws:iam::${ACCOUNT}:role${SLR_PATH}AWSServiceRoleForAmazonConnect_x`,
            partition: "aws",
            account: ACCOUNT,
            path: SLR_PATH,
            name: "AWSServiceRoleForAmazonConnect_x",
        });
        expect(parseRoleReference("AWSServiceRoleForAmazonConnect")).to.deep.equal({ name: "AWSServiceRoleForAmazonConnect" });
        expect(() => parseRoleReference("arn:aws:iam::12:user/x")).to.throw("role");
    });
});
