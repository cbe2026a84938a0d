/**
 * The evaluator against the real AmazonConnectServiceLinkedRolePolicy (a dated copy under
 * tests/data), and agreement between that document and managedPolicyGaps.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { managedPolicyGaps } from "../../../provider/connect/permissions/gaps";
import { ConnectPermissionConfig } from "../../../provider/connect/permissions/model";
import { requiredPermissions } from "../../../provider/connect/permissions/statements";
import { CONNECT_MANAGED_POLICY_EXCERPT, CONNECT_MANAGED_POLICY_VERSION } from "../../../provider/connect/permissions/managedPolicy";
import { Decision, evaluatePolicies, parsePolicy, PolicyDocumentInput, PolicyStatementInput, RequestContext } from "../../../provider/policy";

const DATA = path.join(__dirname, "..", "..", "data", "AmazonConnectServiceLinkedRolePolicy.v56.json");
const stored = JSON.parse(fs.readFileSync(DATA, "utf8")) as { _about: Record<string, string>; Document: PolicyDocumentInput };
const policy = parsePolicy("AmazonConnectServiceLinkedRolePolicy", stored.Document);
const ACCOUNT = "111122223333";
const SAME_ACCOUNT: RequestContext = { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": ACCOUNT };

interface Case {
    action: string;
    resource: string;
    context?: RequestContext;
    expect: Decision;
    sid?: string;
}

const CASES: Case[] = [
    // Granted by the managed policy.
    { action: "connect:*", resource: `arn:aws:connect:us-east-1:${ACCOUNT}:*`, expect: "allowed", sid: "AllowConnectActions" },
    { action: "connect:StartOutboundVoiceContact", resource: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/i-1/contact/*`, expect: "allowed", sid: "AllowConnectActions" },
    { action: "s3:PutObject", resource: "arn:aws:s3:::amazon-connect-xyz/connect/alias/CallRecordings/*", expect: "allowed", sid: "AllowS3ObjectForConnectBucket" },
    { action: "s3:GetObjectAcl", resource: "arn:aws:s3:::amazon-connect-xyz/*", expect: "allowed", sid: "AllowS3ObjectForConnectBucket" },
    { action: "s3:DeleteObject", resource: "arn:aws:s3:::amazon-connect-xyz/a/b", expect: "allowed", sid: "AllowS3ObjectForConnectBucket" },
    { action: "s3:GetBucketLocation", resource: "arn:aws:s3:::amazon-connect-xyz", expect: "allowed", sid: "AllowGetBucketMetadataForConnectBucket" },
    { action: "s3:GetBucketAcl", resource: "arn:aws:s3:::amazon-connect-xyz", expect: "allowed", sid: "AllowGetBucketMetadataForConnectBucket" },
    { action: "logs:PutLogEvents", resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/connect/my-alias:*`, expect: "allowed", sid: "AllowConnectLogGroupAccess" },
    { action: "lex:ListBots", resource: "*", expect: "allowed", sid: "AllowListLexBotAccess" },
    { action: "iam:DeleteRole", resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_abc`, expect: "allowed", sid: "AllowDeleteSLR" },
    { action: "polly:SynthesizeSpeech", resource: "*", expect: "allowed", sid: "AllowPollyActions" },
    { action: "profile:SearchProfiles", resource: `arn:aws:profile:us-east-1:${ACCOUNT}:domains/amazon-connect-x`, context: SAME_ACCOUNT, expect: "allowed" },
    { action: "wisdom:GetAssistant", resource: "*", context: { "aws:ResourceTag/AmazonConnectEnabled": "True" }, expect: "allowed" },
    { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "AWS/Connect" }, expect: "allowed" },
    { action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonConnectEmailSESAccessRole`, context: { "iam:PassedToService": "ses.amazonaws.com" }, expect: "allowed" },

    // Not granted: what Connect has to add per feature.
    { action: "lex:PostContent", resource: `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`, expect: "implicitDeny" },
    { action: "lex:PostContent", resource: `arn:aws:lex:us-east-1:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`, expect: "implicitDeny" },
    { action: "s3:PutObject", resource: "arn:aws:s3:::my-recordings/*", expect: "implicitDeny" },
    { action: "s3:GetBucketAcl", resource: "arn:aws:s3:::my-recordings", expect: "implicitDeny" },
    { action: "s3:GetBucketAcl", resource: "arn:aws:s3:::amazon-connect", expect: "implicitDeny" },
    { action: "s3:ListBucket", resource: "arn:aws:s3:::amazon-connect-xyz", expect: "implicitDeny" },
    { action: "kinesis:PutRecord", resource: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`, expect: "implicitDeny" },
    { action: "firehose:PutRecordBatch", resource: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events`, expect: "implicitDeny" },
    { action: "logs:PutLogEvents", resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/custom/flows:*`, expect: "implicitDeny" },
    { action: "logs:CreateLogGroup", resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/connect/my-alias:*`, expect: "implicitDeny" },
    // The account-wide (older) role name has no _suffix, so the delete statement does not cover it.
    { action: "iam:DeleteRole", resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect`, expect: "implicitDeny" },
    { action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonConnectEmailSESAccessRole`, context: { "iam:PassedToService": "lambda.amazonaws.com" }, expect: "implicitDeny" },
    { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "Custom" }, expect: "implicitDeny" },
    { action: "profile:SearchProfiles", resource: `arn:aws:profile:us-east-1:${ACCOUNT}:domains/amazon-connect-x`, context: { "aws:PrincipalAccount": ACCOUNT, "aws:ResourceAccount": "444455556666" }, expect: "implicitDeny" },

    // Explicit denies inside the managed policy.
    { action: "profile:DeleteDomain", resource: `arn:aws:profile:us-east-1:${ACCOUNT}:domains/amazon-connect-x`, context: SAME_ACCOUNT, expect: "denied", sid: "DenyCustomerProfilesForConnectDomain" },
    { action: "wisdom:DeleteAssistant", resource: "*", context: { "aws:ResourceTag/AmazonConnectEnabled": "True" }, expect: "denied", sid: "DenyWisdomForConnectEnabledTaggedResources" },

    // Undecidable without the condition keys.
    { action: "wisdom:GetAssistant", resource: "*", expect: "unknown" },
    { action: "profile:SearchProfiles", resource: `arn:aws:profile:us-east-1:${ACCOUNT}:domains/amazon-connect-x`, expect: "unknown" },
];

describe("AmazonConnectServiceLinkedRolePolicy (stored copy)", () => {
    it("records its version, the lookup date and its origin", () => {
        expect(stored._about.versionId).to.equal("v56");
        expect(stored._about.retrieved).to.equal("2026-11-26");
        expect(stored._about.source).to.be.a("string").and.not.be.empty;
        expect(CONNECT_MANAGED_POLICY_VERSION.versionId).to.equal(stored._about.versionId);
    });

    it("contains the statements the provider's excerpt copies, unchanged", () => {
        const all = stored.Document.Statement as PolicyStatementInput[];
        const excerpt = CONNECT_MANAGED_POLICY_EXCERPT.Statement as PolicyStatementInput[];
        for (const statement of excerpt) {
            const original = all.find((s) => s.Sid === statement.Sid);
            expect(original, `statement ${statement.Sid}`).to.deep.equal(statement);
        }
    });

    it("has no other statement that touches the model's services (connect, s3, logs, lex, kinesis, firehose)", () => {
        const excerptSids = new Set((CONNECT_MANAGED_POLICY_EXCERPT.Statement as PolicyStatementInput[]).map((s) => s.Sid));
        const others = (stored.Document.Statement as PolicyStatementInput[]).filter((s) => !excerptSids.has(s.Sid));
        const actions = others.flatMap((s) => [s.Action ?? [], s.NotAction ?? []].flat());
        expect(actions.filter((a) => /^(connect|s3|logs|lex|kinesis|firehose|\*):/i.test(a) || a === "*")).to.deep.equal([]);
    });

    for (const c of CASES) {
        it(`${c.action} on ${c.resource}${c.context ? " (with context)" : ""} → ${c.expect}`, () => {
            const result = evaluatePolicies([policy], { action: c.action, resource: c.resource, context: c.context });
            expect(result.decision).to.equal(c.expect);
            if (c.sid) {
                const refs = c.expect === "denied" ? result.deniedBy : result.allowedBy;
                expect(refs.map((r) => r.sid)).to.include(c.sid);
            }
        });
    }
});

describe("managedPolicyGaps agrees with the stored managed policy", () => {
    const configs: Array<[string, ConnectPermissionConfig]> = [
        ["connect-named buckets and log group", {
            region: "us-east-1",
            account: ACCOUNT,
            callRecordings: { bucket: "amazon-connect-rec", prefix: "connect/alias/CallRecordings" },
            chatTranscripts: { bucket: "amazon-connect-rec", prefix: "connect/alias/ChatTranscripts" },
            exportedReports: { bucket: "amazon-connect-rec", prefix: "reports" },
            contactFlowLogGroup: "/aws/connect/alias",
        }],
        ["custom names everywhere", {
            region: "eu-west-2",
            account: ACCOUNT,
            callRecordings: { bucket: "corp-recordings" },
            chatTranscripts: { bucket: "corp.transcripts", prefix: "chat" },
            exportedReports: { bucket: "corp-reports" },
            kinesisStreamArns: [`arn:aws:kinesis:eu-west-2:${ACCOUNT}:stream/ctr`],
            firehoseStreamArns: [`arn:aws:firehose:eu-west-2:${ACCOUNT}:deliverystream/agents`],
            lexBotArns: [`arn:aws:lex:eu-west-2:${ACCOUNT}:bot:Orders`, `arn:aws:lex:eu-west-2:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`],
            contactFlowLogGroup: "/custom/flows",
        }],
        ["only the base feature", { region: "ap-southeast-2", account: ACCOUNT }],
    ];

    for (const [name, config] of configs) {
        it(`${name}: the gaps are exactly the pairs the stored policy does not allow`, () => {
            const notAllowed = requiredPermissions(config)
                .filter((p) => evaluatePolicies([policy], { action: p.action, resource: p.resource }).decision !== "allowed")
                .map((p) => `${p.feature} ${p.action} ${p.resource}`)
                .sort();
            const gaps = managedPolicyGaps(config)
                .flatMap((g) => g.actions.map((a) => `${g.feature} ${a} ${g.resource}`))
                .sort();
            expect(gaps).to.deep.equal(notAllowed);
        });
    }
});
