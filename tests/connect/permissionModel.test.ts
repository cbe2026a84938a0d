import { expect } from "chai";
import {
    bucketNameProblem,
    CONNECT_FEATURES,
    CONNECT_PERMISSION_MODEL,
    ConnectConfigError,
    ConnectPermissionConfig,
    managedPolicyGaps,
    parseS3Target,
    requiredPermissions,
    requiredPolicyDocument,
    requiredStatements,
} from "../../provider/connect/permissionModel";
import { evaluatePolicies, parsePolicy } from "../../provider/policy";

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
            "kinesisStreams",
            "firehoseStreams",
            "lexBots",
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
            { feature: "connect", sid: "ConnectActions", actions: ["connect:*"], resources: [`arn:aws:connect:us-east-1:${ACCOUNT}:*`] },
        ]);
    });

    it("expands every enabled feature into exact statements, in model order", () => {
        const objectActions = ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject"];
        expect(requiredStatements(FULL)).to.deep.equal([
            { feature: "connect", sid: "ConnectActions", actions: ["connect:*"], resources: [`arn:aws:connect:us-east-1:${ACCOUNT}:*`] },
            { feature: "callRecordings", sid: "CallRecordingsObjects", actions: objectActions, resources: ["arn:aws:s3:::corp-recordings/connect/alias/CallRecordings/*"] },
            { feature: "callRecordings", sid: "CallRecordingsBucket", actions: ["s3:GetBucketLocation", "s3:GetBucketAcl"], resources: ["arn:aws:s3:::corp-recordings"] },
            { feature: "chatTranscripts", sid: "ChatTranscriptsObjects", actions: objectActions, resources: ["arn:aws:s3:::amazon-connect-abc/connect/alias/ChatTranscripts/*"] },
            { feature: "chatTranscripts", sid: "ChatTranscriptsBucket", actions: ["s3:GetBucketLocation", "s3:GetBucketAcl"], resources: ["arn:aws:s3:::amazon-connect-abc"] },
            { feature: "exportedReports", sid: "ExportedReportsObjects", actions: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetObjectAcl"], resources: ["arn:aws:s3:::corp-reports/*"] },
            { feature: "kinesisStreams", sid: "KinesisStreams", actions: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DescribeStream"], resources: [`arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`] },
            {
                feature: "firehoseStreams",
                sid: "FirehoseStreams",
                actions: ["firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch"],
                resources: [`arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`],
            },
            {
                feature: "lexBots",
                sid: "LexBots",
                actions: ["lex:PostContent"],
                resources: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`],
            },
            {
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
        expect(document.Statement).to.have.length(requiredStatements(FULL).length);
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
            expect(evaluatePolicies([policy], { action: p.action, resource: p.resource }).decision, `${p.action} ${p.resource}`).to.equal("allowed");
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

    it("accepts Lex V1 bot and alias ARNs and Lex V2 alias ARNs", () => {
        const lexBotArns = [
            `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`,
            `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers:Prod`,
            `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`,
        ];
        expect(requiredStatements({ ...BASE, lexBotArns }).at(-1)?.resources).to.deep.equal(lexBotArns);
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

    it("lists resources outside the managed policy's patterns, with the actions Connect must add", () => {
        const gaps = managedPolicyGaps(FULL);
        const summary = gaps.map((g) => [g.feature, g.resource, g.actions.join(",")]);
        expect(summary).to.deep.equal([
            ["callRecordings", "arn:aws:s3:::corp-recordings/connect/alias/CallRecordings/*", "s3:GetObject,s3:GetObjectAcl,s3:PutObject,s3:PutObjectAcl,s3:DeleteObject"],
            ["callRecordings", "arn:aws:s3:::corp-recordings", "s3:GetBucketLocation,s3:GetBucketAcl"],
            ["exportedReports", "arn:aws:s3:::corp-reports/*", "s3:PutObject,s3:PutObjectAcl,s3:GetObjectAcl"],
            ["kinesisStreams", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, "kinesis:PutRecord,kinesis:PutRecords,kinesis:DescribeStream"],
            ["firehoseStreams", `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`, "firehose:DescribeDeliveryStream,firehose:PutRecord,firehose:PutRecordBatch"],
            ["lexBots", `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, "lex:PostContent"],
            ["lexBots", `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`, "lex:PostContent"],
        ]);
    });

    it("explains each gap", () => {
        const gaps = managedPolicyGaps({ ...BASE, callRecordings: { bucket: "corp-recordings" }, lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:Orders`], contactFlowLogGroup: "/custom/flows" });
        const reason = (feature: string) => gaps.find((g) => g.feature === feature)?.reason ?? "";
        expect(reason("callRecordings")).to.contain("arn:aws:s3:::amazon-connect-*");
        expect(reason("contactFlowLogs")).to.contain("/aws/connect/*");
        expect(reason("lexBots")).to.contain("does not grant lex:PostContent");
    });

    it("follows the partition", () => {
        const cn = { partition: "aws-cn", region: "cn-north-1", account: ACCOUNT, callRecordings: { bucket: "amazon-connect-x" } };
        expect(managedPolicyGaps(cn)).to.deep.equal([]);
    });
});
