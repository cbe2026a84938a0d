import { expect } from "chai";
import { bucketNameProblem, ConnectConfigError, parseS3Target } from "../../../provider/connect/permissions/config";
import { permissionGaps, permissionSources, managedPolicyGaps } from "../../../provider/connect/permissions/gaps";
import { CONNECT_FEATURES, CONNECT_PERMISSION_MODEL, ConnectPermissionConfig } from "../../../provider/connect/permissions/model";
import { connectResourcePolicy, requiredPermissions, requiredPolicyDocument, requiredStatements } from "../../../provider/connect/permissions/statements";
import { evaluatePolicies, parsePolicy } from "../../../provider/policy";

const ACCOUNT = "111122223333";
const BASE: ConnectPermissionConfig = { region: "us-east-1", account: ACCOUNT };
const FULL: ConnectPermissionConfig = {
    region: "us-east-1",
    account: ACCOUNT,
    callRecordings: { bucket: "corp-recordings", prefix: "/connect/alias/CallRecordings/" },
    chatTranscripts: { bucket: "amazon-connect-abc", prefix: "connect/alias/ChatTranscripts" },
    exportedReports: { bucket: "corp-reports" },
    kinesisStreamArns: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`],
    firehoseStreamArns: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`],
    lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`],
    contactFlowLogGroup: "/aws/connect/alias",
};

describe("Connect permission model", () => {
    it("describes every feature, each with at least one statement", () => {
        expect(CONNECT_FEATURES).to.deep.equal([
            "connect",
            "callRecordings",
            "chatTranscripts",
            "exportedReports",
            "attachments",
            "contactEvaluations",
            "emailMessages",
            "screenRecordings",
            "kinesisStreams",
            "firehoseStreams",
            "lexBots",
            "lexV2Bots",
            "lambdaFunctions",
            "contactFlowLogs",
        ]);
        for (const feature of CONNECT_FEATURES) {
            expect(CONNECT_PERMISSION_MODEL[feature].statements, feature).to.not.be.empty;
        }
    });

    it("uses unique, IAM-valid Sids", () => {
        const sids = CONNECT_FEATURES.flatMap((f) => CONNECT_PERMISSION_MODEL[f].statements.map((s) => s.sid));
        expect(new Set(sids).size).to.equal(sids.length);
        for (const sid of sids) expect(sid).to.match(/^[A-Za-z0-9]+$/);
    });

    it("requires only the Connect actions when no feature is enabled", () => {
        expect(requiredStatements(BASE)).to.deep.equal([
            { grantedBy: "role", feature: "connect", sid: "ConnectActions", actions: ["connect:*"], resources: [`arn:aws:connect:us-east-1:${ACCOUNT}:*`] },
        ]);
    });

    it("expands every enabled feature into exact statements, in model order", () => {
        const objectActions = ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"];
        expect(requiredStatements(FULL)).to.deep.equal([
            { grantedBy: "role", feature: "connect", sid: "ConnectActions", actions: ["connect:*"], resources: [`arn:aws:connect:us-east-1:${ACCOUNT}:*`] },
            { grantedBy: "role", feature: "callRecordings", sid: "CallRecordingsObjects", actions: objectActions, resources: ["arn:aws:s3:::corp-recordings/connect/alias/CallRecordings/*"] },
            { grantedBy: "role", feature: "callRecordings", sid: "CallRecordingsBucket", actions: ["s3:GetBucketLocation", "s3:GetBucketAcl"], resources: ["arn:aws:s3:::corp-recordings"] },
            { grantedBy: "role", feature: "chatTranscripts", sid: "ChatTranscriptsObjects", actions: objectActions, resources: ["arn:aws:s3:::amazon-connect-abc/connect/alias/ChatTranscripts/*"] },
            { grantedBy: "role", feature: "chatTranscripts", sid: "ChatTranscriptsBucket", actions: ["s3:GetBucketLocation", "s3:GetBucketAcl"], resources: ["arn:aws:s3:::amazon-connect-abc"] },
            { grantedBy: "role", feature: "exportedReports", sid: "ExportedReportsObjects", actions: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetObjectAcl"], resources: ["arn:aws:s3:::corp-reports/*"] },
            { grantedBy: "role", feature: "kinesisStreams", sid: "KinesisStreams", actions: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], resources: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`] },
            {
                grantedBy: "role",
                feature: "firehoseStreams",
                sid: "FirehoseStreams",
                actions: ["firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch"],
                resources: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`],
            },
            { grantedBy: "role", feature: "lexBots", sid: "LexBots", actions: ["lex:PostContent"], resources: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`] },
            {
                grantedBy: "resourcePolicy",
                feature: "lexV2Bots",
                sid: "LexV2BotAliases",
                actions: ["lex:RecognizeText", "lex:StartConversation"],
                resources: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`],
            },
            {
                grantedBy: "role",
                feature: "contactFlowLogs",
                sid: "ContactFlowLogs",
                actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                resources: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/connect/alias:*`],
            },
        ]);
    });

    it("is deterministic", () => {
        expect(JSON.stringify(requiredStatements(FULL))).to.equal(JSON.stringify(requiredStatements(structuredClone(FULL))));
    });

    it("uses the partition in every generated ARN", () => {
        const statements = requiredStatements({ partition: "aws-cn", region: "cn-north-1", account: ACCOUNT, callRecordings: { bucket: "rec" }, contactFlowLogGroup: "/aws/connect/x" });
        for (const s of statements) for (const r of s.resources) expect(r).to.match(/^arn:aws-cn:/);
    });

    it("flattens statements into (action, resource) pairs", () => {
        const pairs = requiredPermissions({ ...BASE, exportedReports: { bucket: "reports", prefix: "r" } });
        expect(pairs.map((p) => `${p.feature} ${p.action} ${p.resource}`)).to.deep.equal([
            `connect connect:* arn:aws:connect:us-east-1:${ACCOUNT}:*`,
            "exportedReports s3:PutObject arn:aws:s3:::reports/r/*",
            "exportedReports s3:PutObjectAcl arn:aws:s3:::reports/r/*",
            "exportedReports s3:GetObjectAcl arn:aws:s3:::reports/r/*",
        ]);
    });
});

describe("requiredPolicyDocument", () => {
    const document = requiredPolicyDocument(FULL);

    it("is a 2012-10-17 document of Allow statements with Sids", () => {
        expect(document.Version).to.equal("2012-10-17");
        expect(document.Statement).to.have.length(requiredStatements(FULL).filter((s) => s.grantedBy === "role").length);
        for (const s of document.Statement) {
            expect(s.Effect).to.equal("Allow");
            expect(s.Sid).to.be.a("string");
            expect(s.Action).to.be.an("array").that.is.not.empty;
            expect(s.Resource).to.be.an("array").that.is.not.empty;
        }
    });

    it("round-trips through JSON", () => {
        expect(JSON.parse(JSON.stringify(document))).to.deep.equal(document);
    });

    it("allows every required permission, and nothing outside it", () => {
        const policy = parsePolicy("generated", document);
        for (const p of requiredPermissions(FULL)) {
            // A Lex V2 alias is reached through its own resource policy, never through the role.
            const expected = p.grantedBy === "role" ? "allowed" : "implicitDeny";
            expect(evaluatePolicies([policy], { action: p.action, resource: p.resource }).decision, `${p.action} ${p.resource}`).to.equal(expected);
        }
        const outside = [
            ["s3:PutObject", "arn:aws:s3:::corp-recordings/other/x"],
            ["s3:ListBucket", "arn:aws:s3:::corp-recordings"],
            ["kinesis:PutRecord", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/other`],
            ["logs:PutLogEvents", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/connect/other:*`],
            ["connect:DescribeInstance", `arn:aws:connect:eu-west-1:${ACCOUNT}:instance/x`],
        ];
        for (const [action, resource] of outside) {
            expect(evaluatePolicies([policy], { action, resource }).decision, `${action} ${resource}`).to.equal("implicitDeny");
        }
    });
});

describe("Connect permission config validation", () => {
    const invalid: Array<[string, Partial<ConnectPermissionConfig> & Record<string, unknown>, string]> = [
        ["region", { region: "US-EAST-1" }, "region"],
        ["account", { account: "1234" }, "account"],
        ["partition", { partition: "azure" }, "partition"],
        ["uppercase bucket", { callRecordings: { bucket: "My_Bucket" } }, "callRecordings.bucket"],
        ["short bucket", { chatTranscripts: { bucket: "ab" } }, "chatTranscripts.bucket"],
        ["IP-shaped bucket", { exportedReports: { bucket: "192.168.5.4" } }, "exportedReports.bucket"],
        ["bucket with adjacent dots", { callRecordings: { bucket: "a..b" } }, "callRecordings.bucket"],
        ["bucket with a reserved prefix", { callRecordings: { bucket: "xn--bucket" } }, "callRecordings.bucket"],
        ["bucket with a reserved suffix", { callRecordings: { bucket: "bucket-s3alias" } }, "callRecordings.bucket"],
        ["prefix with a wildcard", { callRecordings: { bucket: "bucket", prefix: "rec/*" } }, "callRecordings.prefix"],
        ["Kinesis ARN of another service", { kinesisStreamArns: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/x`] }, "kinesisStreamArns[0]"],
        ["Kinesis ARN in another partition", { kinesisStreamArns: [`arn:aws-cn:kinesis:cn-north-1:${ACCOUNT}:stream/x`] }, "kinesisStreamArns[0]"],
        ["Firehose ARN without a stream", { firehoseStreamArns: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/`] }, "firehoseStreamArns[0]"],
        ["Lex ARN of a V2 bot (not alias)", { lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot/ABCDEFGHIJ`] }, "lexBotArns[0]"],
        ["log group given as an ARN", { contactFlowLogGroup: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/connect/x` }, "contactFlowLogGroup"],
        ["log group with a space", { contactFlowLogGroup: "/aws/connect/my alias" }, "contactFlowLogGroup"],
    ];
    for (const [name, patch, field] of invalid) {
        it(`rejects an invalid ${name}, naming ${field}`, () => {
            let error: unknown;
            try {
                requiredStatements({ ...BASE, ...patch } as ConnectPermissionConfig);
            } catch (err) {
                error = err;
            }
            expect(error).to.be.instanceOf(ConnectConfigError);
            expect((error as ConnectConfigError).field).to.equal(field);
            expect((error as Error).message).to.contain(field);
        });
    }

    it("accepts the bucket names S3 allows", () => {
        for (const bucket of ["abc", "amazon-connect-0a1b2c", "my.bucket.name", "a".repeat(63)]) {
            expect(bucketNameProblem(bucket), bucket).to.equal(undefined);
        }
    });

    it("tells Lex V1 bots (role) from Lex V2 aliases (resource policy)", () => {
        const v1 = [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers:Prod`];
        const v2 = `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
        const statements = requiredStatements({ ...BASE, lexBotArns: [...v1, v2] });
        expect(statements.find((s) => s.feature === "lexBots")).to.deep.include({ actions: ["lex:PostContent"], resources: v1, grantedBy: "role" });
        expect(statements.find((s) => s.feature === "lexV2Bots")).to.deep.include({ actions: ["lex:RecognizeText", "lex:StartConversation"], resources: [v2], grantedBy: "resourcePolicy" });
    });

    it("rejects a Lambda ARN that names no function", () => {
        expect(() => requiredStatements({ ...BASE, lambdaFunctionArns: [`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:x`] })).to.throw(ConnectConfigError, "lambdaFunctionArns[0]");
    });
});

describe("parseS3Target", () => {
    const cases: Array<[string, object]> = [
        ["bucket", { bucket: "bucket" }],
        ["bucket/", { bucket: "bucket" }],
        ["bucket/rec", { bucket: "bucket", prefix: "rec" }],
        ["bucket/a/b/", { bucket: "bucket", prefix: "a/b/" }],
        ["s3://bucket/a", { bucket: "bucket", prefix: "a" }],
    ];
    for (const [text, expected] of cases) {
        it(`parses ${text}`, () => expect(parseS3Target(text)).to.deep.equal(expected));
    }
    it("rejects an invalid bucket, naming the field", () => {
        expect(() => parseS3Target("Bad_Bucket/x", "--recordings-bucket")).to.throw(ConnectConfigError, "--recordings-bucket");
    });
});

describe("managedPolicyGaps", () => {
    it("finds no gap for the base feature and connect-named resources", () => {
        const gaps = managedPolicyGaps({
            ...BASE,
            callRecordings: { bucket: "amazon-connect-abc", prefix: "rec" },
            exportedReports: { bucket: "amazon-connect-abc", prefix: "reports" },
            contactFlowLogGroup: "/aws/connect/alias",
        });
        expect(gaps).to.deep.equal([]);
    });

    it("lists what the managed policy lacks, each with who grants it instead", () => {
        const gaps = managedPolicyGaps(FULL);
        const summary = gaps.map((g) => [g.feature, g.resource, g.actions.join(","), g.source]);
        expect(summary).to.deep.equal([
            ["callRecordings", "arn:aws:s3:::corp-recordings/connect/alias/CallRecordings/*", "s3:GetObject,s3:GetObjectAcl,s3:PutObject,s3:PutObjectAcl,s3:DeleteObject", "association"],
            ["callRecordings", "arn:aws:s3:::corp-recordings", "s3:GetBucketLocation,s3:GetBucketAcl", "association"],
            ["exportedReports", "arn:aws:s3:::corp-reports/*", "s3:PutObject,s3:PutObjectAcl,s3:GetObjectAcl", "association"],
            ["kinesisStreams", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, "kinesis:PutRecord,kinesis:PutRecords,kinesis:DescribeStream", "association"],
            ["firehoseStreams", `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`, "firehose:DescribeDeliveryStream,firehose:PutRecord,firehose:PutRecordBatch", "association"],
            ["lexBots", `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, "lex:PostContent", "association"],
            ["lexV2Bots", `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`, "lex:RecognizeText,lex:StartConversation", "resourcePolicy"],
        ]);
    });

    it("explains each gap", () => {
        const gaps = managedPolicyGaps({ ...BASE, callRecordings: { bucket: "corp-recordings" }, lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:Orders`], contactFlowLogGroup: "/custom/flows" });
        const reason = (feature: string) => gaps.find((g) => g.feature === feature)?.reason ?? "";
        expect(reason("callRecordings")).to.contain("arn:aws:s3:::amazon-connect-*").and.contain("Connect adds it").and.contain("iam:PutRolePolicy");
        expect(reason("contactFlowLogs")).to.contain("/aws/connect/*").and.contain("Connect does not add it");
        expect(reason("lexBots")).to.contain("does not grant lex:PostContent");
    });

    it("follows the partition", () => {
        const cn = { partition: "aws-cn", region: "cn-north-1", account: ACCOUNT, callRecordings: { bucket: "amazon-connect-x" } };
        expect(managedPolicyGaps(cn)).to.deep.equal([]);
    });
});

describe("permission sources and real gaps", () => {
    const v2 = `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
    const lambda = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:lookup`;

    it("labels each required permission with its source", () => {
        const sources = permissionSources({
            ...BASE,
            callRecordings: { bucket: "amazon-connect-abc" },
            kinesisStreamArns: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, "arn:aws:kinesis:us-east-1:999988887777:stream/shared"],
            lexBotArns: [v2],
            lambdaFunctionArns: [lambda],
            contactFlowLogGroup: "/aws/connect/alias",
        });
        const by = (feature: string, resource?: string) => [...new Set(sources.filter((s) => s.feature === feature && (!resource || s.resource === resource)).map((s) => s.source))];
        expect(by("connect")).to.deep.equal(["managedPolicy"]);
        expect(by("callRecordings")).to.deep.equal(["managedPolicy"]);
        expect(by("contactFlowLogs")).to.deep.equal(["managedPolicy"]);
        expect(by("kinesisStreams", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`)).to.deep.equal(["association"]);
        expect(by("kinesisStreams", "arn:aws:kinesis:us-east-1:999988887777:stream/shared")).to.deep.equal(["user"]);
        expect(by("lexV2Bots")).to.deep.equal(["resourcePolicy"]);
        expect(by("lambdaFunctions")).to.deep.equal(["resourcePolicy"]);
    });

    it("reports as real gaps only what the user must grant, and resource policies nobody creates", () => {
        const config = { ...BASE, callRecordings: { bucket: "corp-recordings" }, kinesisStreamArns: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`], lexBotArns: [v2], lambdaFunctionArns: [lambda] };
        expect(permissionGaps(config).map((g) => g.feature)).to.deep.equal(["lexV2Bots", "lambdaFunctions"]);
        expect(permissionGaps(config, [v2, lambda])).to.deep.equal([]);
    });

    it("keeps resource-policy grants out of the role's policy document", () => {
        const document = requiredPolicyDocument({ ...BASE, lexBotArns: [v2], lambdaFunctionArns: [lambda] });
        expect(document.Statement.map((s) => s.Sid)).to.deep.equal(["ConnectActions"]);
    });

    it("builds the Lex V2 alias policy for connect.amazonaws.com, scoped to one instance", () => {
        const instance = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
        const document = connectResourcePolicy("lexV2Bots", v2, instance);
        expect(document.Statement).to.have.length(1);
        expect(document.Statement[0]).to.deep.include({ Principal: { Service: "connect.amazonaws.com" }, Resource: v2, Action: ["lex:RecognizeText", "lex:StartConversation"] });
        // The policy evaluator (principal aside) agrees: this instance may, another may not.
        const parsed = parsePolicy("alias", document as never);
        const ask = (source: string) => evaluatePolicies([parsed], { action: "lex:RecognizeText", resource: v2, context: { "aws:SourceArn": source, "aws:SourceAccount": ACCOUNT } }).decision;
        expect(ask(instance)).to.equal("allowed");
        expect(ask(instance.replace("aaaaaaaa", "ffffffff"))).to.equal("implicitDeny");
        expect(() => connectResourcePolicy("lexV2Bots", v2, "i-123")).to.throw(ConnectConfigError, "instanceArn");
    });
});
