/**
 * Decision table for the policy evaluator, derived from AWS's documented evaluation logic for
 * identity-based policies in one account (default implicit deny; an Allow overrides it; an explicit
 * Deny overrides any Allow) and from the documented behaviour of the Action/NotAction,
 * Resource/NotResource and Condition elements and condition operators.
 */
import { expect } from "chai";
import {
    Decision,
    evaluatePolicies,
    formatStatementRef,
    parsePolicy,
    PolicyDocumentInput,
    PolicyParseError,
    PolicyStatementInput,
    RequestContext,
} from "../../provider/policy";

type Cond = Record<string, Record<string, string | string[] | boolean | number>>;

const allow = (Action: string | string[], Resource: string | string[] = "*", Condition?: Cond, Sid?: string): PolicyStatementInput => ({
    Effect: "Allow",
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
    ...(Sid ? { Sid } : {}),
});
const deny = (Action: string | string[], Resource: string | string[] = "*", Condition?: Cond, Sid?: string): PolicyStatementInput => ({
    Effect: "Deny",
    Action,
    Resource,
    ...(Condition ? { Condition } : {}),
    ...(Sid ? { Sid } : {}),
});
const doc = (...Statement: PolicyStatementInput[]): PolicyDocumentInput => ({ Version: "2012-10-17", Statement });

interface Case {
    name: string;
    /** One entry per policy; policies are named p0, p1, ... */
    policies: PolicyDocumentInput[];
    action: string;
    resource?: string;
    context?: RequestContext;
    missingKeys?: "unknown" | "absent";
    expect: Decision;
    /** Statements expected to decide (allowedBy for allowed, deniedBy for denied), as `policy#Sid` or `policy#[i]`. */
    by?: string[];
}

const OBJ = "arn:aws:s3:::amzn-bucket/key.txt";
const ROLE = "arn:aws:iam::111122223333:role/app";

/** Condition test helper: Allow s3:GetObject on * when `cond` holds. */
const when = (cond: Cond) => [doc(allow("s3:GetObject", "*", cond))];

const CASES: Case[] = [
    // --- Core evaluation logic -------------------------------------------------------------
    { name: "no policies: implicit deny", policies: [], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "empty statement list: implicit deny", policies: [{ Version: "2012-10-17", Statement: [] }], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "matching Allow: allowed", policies: [doc(allow("s3:GetObject", OBJ))], action: "s3:GetObject", resource: OBJ, expect: "allowed", by: ["p0#[0]"] },
    { name: "Allow for another action: implicit deny", policies: [doc(allow("s3:PutObject", OBJ))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "Allow for another resource: implicit deny", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::other/*"))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "Deny alone: denied", policies: [doc(deny("s3:GetObject"))], action: "s3:GetObject", resource: OBJ, expect: "denied", by: ["p0#[0]"] },
    { name: "Deny wins over Allow in the same policy", policies: [doc(allow("s3:*"), deny("s3:GetObject", "*", undefined, "NoGet"))], action: "s3:GetObject", resource: OBJ, expect: "denied", by: ["p0#NoGet"] },
    { name: "Deny wins over Allow in another policy", policies: [doc(allow("s3:*")), doc(deny("s3:GetObject"))], action: "s3:GetObject", resource: OBJ, expect: "denied", by: ["p1#[0]"] },
    { name: "Deny wins regardless of statement order", policies: [doc(deny("s3:GetObject"), allow("s3:GetObject"))], action: "s3:GetObject", resource: OBJ, expect: "denied" },
    { name: "Deny for another action does not block", policies: [doc(allow("s3:*"), deny("s3:DeleteObject"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "Deny for another resource does not block", policies: [doc(allow("s3:*"), deny("s3:*", "arn:aws:s3:::secret/*"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "Allow in any of several policies is enough", policies: [doc(allow("sqs:*")), doc(allow("s3:GetObject"))], action: "s3:GetObject", resource: OBJ, expect: "allowed", by: ["p1#[0]"] },
    { name: "all granting statements are reported", policies: [doc(allow("s3:GetObject", "*", undefined, "A"), allow("s3:*", "*", undefined, "B"))], action: "s3:GetObject", resource: OBJ, expect: "allowed", by: ["p0#A", "p0#B"] },
    { name: "a single statement object (not a list) works", policies: [{ Version: "2012-10-17", Statement: allow("s3:GetObject") }], action: "s3:GetObject", resource: OBJ, expect: "allowed" },

    // --- Action element --------------------------------------------------------------------
    { name: "action names are case-insensitive (policy side)", policies: [doc(allow("S3:GETOBJECT"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "action names are case-insensitive (request side)", policies: [doc(allow("s3:GetObject"))], action: "S3:getobject", resource: OBJ, expect: "allowed" },
    { name: "service wildcard s3:*", policies: [doc(allow("s3:*"))], action: "s3:PutObjectAcl", resource: OBJ, expect: "allowed" },
    { name: "global wildcard *", policies: [doc(allow("*"))], action: "kinesis:PutRecord", resource: "arn:aws:kinesis:us-east-1:111122223333:stream/s", expect: "allowed" },
    { name: "prefix wildcard s3:Get*", policies: [doc(allow("s3:Get*"))], action: "s3:GetBucketAcl", resource: "arn:aws:s3:::b", expect: "allowed" },
    { name: "prefix wildcard does not match other verbs", policies: [doc(allow("s3:Get*"))], action: "s3:PutObject", resource: OBJ, expect: "implicitDeny" },
    { name: "suffix wildcard s3:*Object", policies: [doc(allow("s3:*Object"))], action: "s3:DeleteObject", resource: OBJ, expect: "allowed" },
    { name: "suffix wildcard needs the suffix", policies: [doc(allow("s3:*Object"))], action: "s3:GetObjectAcl", resource: OBJ, expect: "implicitDeny" },
    { name: "? matches exactly one character", policies: [doc(allow("s3:?etObject"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "? does not match two characters", policies: [doc(allow("s3:?tObject"))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "service prefix must match", policies: [doc(allow("s3:*"))], action: "s3-object-lambda:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "a list of actions: any entry matches", policies: [doc(allow(["sqs:SendMessage", "s3:GetObject"]))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "lex:PostContent is not lex:List*", policies: [doc(allow(["lex:ListBots", "lex:ListBotAliases"]))], action: "lex:PostContent", resource: "arn:aws:lex:us-east-1:111122223333:bot:B", expect: "implicitDeny" },
    { name: "connect:* allows any connect action", policies: [doc(allow("connect:*"))], action: "connect:StartOutboundVoiceContact", resource: "arn:aws:connect:us-east-1:111122223333:instance/i", expect: "allowed" },

    // --- NotAction -------------------------------------------------------------------------
    { name: "Allow NotAction: allows actions not listed", policies: [doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "Allow NotAction: does not allow listed actions", policies: [doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })], action: "iam:CreateUser", resource: "*", expect: "implicitDeny" },
    { name: "Allow NotAction is case-insensitive", policies: [doc({ Effect: "Allow", NotAction: "IAM:*", Resource: "*" })], action: "iam:CreateUser", resource: "*", expect: "implicitDeny" },
    { name: "Deny NotAction: denies what is not listed", policies: [doc(allow("*"), { Effect: "Deny", NotAction: ["s3:*", "sts:*"], Resource: "*" })], action: "ec2:RunInstances", resource: "*", expect: "denied" },
    { name: "Deny NotAction: spares what is listed", policies: [doc(allow("*"), { Effect: "Deny", NotAction: ["s3:*", "sts:*"], Resource: "*" })], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "NotAction with a list: all entries excluded", policies: [doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })], action: "organizations:ListAccounts", resource: "*", expect: "implicitDeny" },

    // --- Resource element ------------------------------------------------------------------
    { name: "Resource * matches any ARN", policies: [doc(allow("s3:GetObject", "*"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "exact resource ARN", policies: [doc(allow("s3:GetObject", OBJ))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "resource ARNs are case-sensitive", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::AMZN-BUCKET/key.txt"))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "resource wildcard crosses /", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::amzn-bucket/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::amzn-bucket/a/b/c.txt", expect: "allowed" },
    { name: "resource wildcard crosses :", policies: [doc(allow("logs:PutLogEvents", "arn:aws:logs:*"))], action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s", expect: "allowed" },
    { name: "bucket ARN does not match object pattern", policies: [doc(allow("s3:GetBucketAcl", "arn:aws:s3:::amzn-bucket/*"))], action: "s3:GetBucketAcl", resource: "arn:aws:s3:::amzn-bucket", expect: "implicitDeny" },
    { name: "object ARN does not match bucket ARN", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::amzn-bucket"))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "? in resource matches one character", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::amzn-bucket/key.tx?"))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "a list of resources: any entry matches", policies: [doc(allow("s3:GetObject", ["arn:aws:s3:::x/*", "arn:aws:s3:::amzn-*"]))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "region wildcard in ARN", policies: [doc(allow("kinesis:PutRecord", "arn:aws:kinesis:*:111122223333:stream/*"))], action: "kinesis:PutRecord", resource: "arn:aws:kinesis:eu-west-1:111122223333:stream/ctr", expect: "allowed" },
    { name: "account mismatch in ARN", policies: [doc(allow("kinesis:PutRecord", "arn:aws:kinesis:*:444455556666:stream/*"))], action: "kinesis:PutRecord", resource: "arn:aws:kinesis:eu-west-1:111122223333:stream/ctr", expect: "implicitDeny" },
    { name: "partition mismatch in ARN", policies: [doc(allow("s3:GetObject", "arn:aws-cn:s3:::amzn-bucket/*"))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },

    // --- NotResource -----------------------------------------------------------------------
    { name: "Allow NotResource: allows other resources", policies: [doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })], action: "s3:GetObject", resource: OBJ, expect: "allowed" },
    { name: "Allow NotResource: not the listed resource", policies: [doc({ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*" })], action: "s3:GetObject", resource: "arn:aws:s3:::secret/x", expect: "implicitDeny" },
    { name: "Deny NotResource: denies everything else", policies: [doc(allow("s3:*"), { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::amzn-bucket", "arn:aws:s3:::amzn-bucket/*"] })], action: "s3:GetObject", resource: "arn:aws:s3:::other/x", expect: "denied" },
    { name: "Deny NotResource: spares the listed resources", policies: [doc(allow("s3:*"), { Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::amzn-bucket", "arn:aws:s3:::amzn-bucket/*"] })], action: "s3:GetObject", resource: OBJ, expect: "allowed" },

    // --- Wildcard requests (a request standing for many actions/resources) ------------------
    { name: "request s3:Put* is covered by s3:*", policies: [doc(allow("s3:*"))], action: "s3:Put*", resource: OBJ, expect: "allowed" },
    { name: "request connect:* is not covered by one connect action", policies: [doc(allow("connect:StartChatContact"))], action: "connect:*", resource: "*", expect: "implicitDeny" },
    { name: "request connect:* is covered by connect:*", policies: [doc(allow("connect:*", "*"))], action: "connect:*", resource: "arn:aws:connect:us-east-1:111122223333:*", expect: "allowed" },
    { name: "request connect:* is denied when any connect action is denied", policies: [doc(allow("connect:*"), deny("connect:DeleteInstance"))], action: "connect:*", resource: "*", expect: "denied" },
    { name: "request on bucket/prefix/* is covered by bucket/*", policies: [doc(allow("s3:PutObject", "arn:aws:s3:::b/*"))], action: "s3:PutObject", resource: "arn:aws:s3:::b/rec/*", expect: "allowed" },
    { name: "request on bucket/* is not covered by bucket/prefix/*", policies: [doc(allow("s3:PutObject", "arn:aws:s3:::b/rec/*"))], action: "s3:PutObject", resource: "arn:aws:s3:::b/*", expect: "implicitDeny" },
    { name: "a Deny on one key under the prefix denies the prefix request", policies: [doc(allow("s3:PutObject", "arn:aws:s3:::b/*"), deny("s3:PutObject", "arn:aws:s3:::b/rec/secret"))], action: "s3:PutObject", resource: "arn:aws:s3:::b/rec/*", expect: "denied" },
    { name: "a request on * is not covered by a specific ARN", policies: [doc(allow("lex:ListBots", "arn:aws:lex:us-east-1:111122223333:bot:*"))], action: "lex:ListBots", resource: "*", expect: "implicitDeny" },
    { name: "NotAction Allow covers a wildcard request outside the exclusion", policies: [doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })], action: "s3:*", resource: OBJ, expect: "allowed" },
    { name: "NotAction Allow does not cover a request overlapping the exclusion", policies: [doc({ Effect: "Allow", NotAction: "iam:Delete*", Resource: "*" })], action: "iam:*", resource: "*", expect: "implicitDeny" },

    // --- String condition operators -------------------------------------------------------
    { name: "StringEquals matches exactly", policies: when({ StringEquals: { "aws:PrincipalTag/team": "connect" } }), action: "s3:GetObject", context: { "aws:PrincipalTag/team": "connect" }, expect: "allowed" },
    { name: "StringEquals is case-sensitive", policies: when({ StringEquals: { "aws:PrincipalTag/team": "connect" } }), action: "s3:GetObject", context: { "aws:PrincipalTag/team": "Connect" }, expect: "implicitDeny" },
    { name: "StringEquals: any of several policy values", policies: when({ StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-2"] } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "eu-west-2" }, expect: "allowed" },
    { name: "StringEquals with none of the values", policies: when({ StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-2"] } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "ap-south-1" }, expect: "implicitDeny" },
    { name: "condition key names are case-insensitive", policies: when({ StringEquals: { "AWS:RequestedRegion": "us-east-1" } }), action: "s3:GetObject", context: { "aws:requestedregion": "us-east-1" }, expect: "allowed" },
    { name: "StringEquals: * is literal", policies: when({ StringEquals: { "s3:prefix": "home/*" } }), action: "s3:GetObject", context: { "s3:prefix": "home/alice" }, expect: "implicitDeny" },
    { name: "StringNotEquals with a different value", policies: when({ StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "eu-west-1" }, expect: "allowed" },
    { name: "StringNotEquals with the listed value", policies: when({ StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-2"] } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "us-west-2" }, expect: "implicitDeny" },
    { name: "StringEqualsIgnoreCase ignores case", policies: when({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "CONNECT" } }), action: "s3:GetObject", context: { "aws:PrincipalTag/team": "connect" }, expect: "allowed" },
    { name: "StringNotEqualsIgnoreCase", policies: when({ StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "CONNECT" } }), action: "s3:GetObject", context: { "aws:PrincipalTag/team": "connect" }, expect: "implicitDeny" },
    { name: "StringLike with *", policies: when({ StringLike: { "s3:prefix": "home/*" } }), action: "s3:GetObject", context: { "s3:prefix": "home/alice/docs" }, expect: "allowed" },
    { name: "StringLike with ?", policies: when({ StringLike: { "s3:prefix": "v?" } }), action: "s3:GetObject", context: { "s3:prefix": "v2" }, expect: "allowed" },
    { name: "StringLike not matching", policies: when({ StringLike: { "s3:prefix": "home/*" } }), action: "s3:GetObject", context: { "s3:prefix": "etc/passwd" }, expect: "implicitDeny" },
    { name: "StringNotLike not matching: holds", policies: when({ StringNotLike: { "s3:prefix": "home/*" } }), action: "s3:GetObject", context: { "s3:prefix": "etc/passwd" }, expect: "allowed" },
    { name: "StringNotLike matching: fails", policies: when({ StringNotLike: { "s3:prefix": ["tmp/*", "home/*"] } }), action: "s3:GetObject", context: { "s3:prefix": "home/x" }, expect: "implicitDeny" },
    { name: "several keys under one operator are ANDed (both hold)", policies: when({ StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "a" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "a" }, expect: "allowed" },
    { name: "several keys under one operator are ANDed (one fails)", policies: when({ StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "a" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "b" }, expect: "implicitDeny" },
    { name: "several operators are ANDed", policies: when({ StringEquals: { "aws:RequestedRegion": "us-east-1" }, Bool: { "aws:SecureTransport": "true" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": false }, expect: "implicitDeny" },

    // --- Missing keys: unknown by default, AWS's rules when declared absent -------------------
    { name: "missing key in an Allow condition: unknown, never allowed", policies: when({ StringEquals: { "aws:ResourceTag/AmazonConnectEnabled": "True" } }), action: "s3:GetObject", expect: "unknown" },
    { name: "key declared absent (null): positive operator fails", policies: when({ StringEquals: { "aws:ResourceTag/AmazonConnectEnabled": "True" } }), action: "s3:GetObject", context: { "aws:ResourceTag/AmazonConnectEnabled": null }, expect: "implicitDeny" },
    { name: "missingKeys=absent: positive operator fails", policies: when({ StringLike: { "s3:prefix": "*" } }), action: "s3:GetObject", missingKeys: "absent", expect: "implicitDeny" },
    { name: "missingKeys=absent: negated operator holds", policies: when({ StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }), action: "s3:GetObject", missingKeys: "absent", expect: "allowed" },
    { name: "missingKeys=absent: ArnNotLike holds", policies: when({ ArnNotLike: { "aws:SourceArn": "arn:aws:sns:*:*:t" } }), action: "s3:GetObject", missingKeys: "absent", expect: "allowed" },
    { name: "missing key in a Deny that could apply, with an Allow: unknown", policies: [doc(allow("s3:*"), deny("s3:*", "*", { Bool: { "aws:SecureTransport": "false" } }))], action: "s3:GetObject", resource: OBJ, expect: "unknown" },
    { name: "missing key in a Deny, nothing allows: implicit deny either way", policies: [doc(deny("s3:*", "*", { Bool: { "aws:SecureTransport": "false" } }))], action: "s3:GetObject", resource: OBJ, expect: "implicitDeny" },
    { name: "a definite Allow beside an undecided Allow: allowed", policies: [doc(allow("s3:GetObject"), allow("s3:GetObject", "*", { StringEquals: { "aws:PrincipalTag/x": "y" } }))], action: "s3:GetObject", resource: OBJ, expect: "allowed", by: ["p0#[0]"] },
    { name: "a definite Deny beats an undecided Allow", policies: [doc(deny("s3:GetObject"), allow("s3:GetObject", "*", { StringEquals: { "aws:PrincipalTag/x": "y" } }))], action: "s3:GetObject", resource: OBJ, expect: "denied" },
    { name: "a false condition beside an unknown one decides (false wins)", policies: when({ StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/x": "y" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "eu-west-1" }, expect: "implicitDeny" },
    { name: "unknown operator: unknown", policies: when({ StringSoundsLike: { "aws:RequestedRegion": "us-east-1" } }), action: "s3:GetObject", context: { "aws:RequestedRegion": "us-east-1" }, expect: "unknown" },
    { name: "unknown operator in a Deny with an Allow: unknown", policies: [doc(allow("s3:*"), deny("s3:*", "*", { FancyMatch: { "aws:RequestedRegion": "x" } }))], action: "s3:GetObject", resource: OBJ, context: { "aws:RequestedRegion": "x" }, expect: "unknown" },
    { name: "conditions of a non-matching statement do not matter", policies: [doc(allow("s3:GetObject"), deny("ec2:*", "*", { StringEquals: { "aws:PrincipalTag/x": "y" } }))], action: "s3:GetObject", resource: OBJ, expect: "allowed" },

    // --- IfExists -------------------------------------------------------------------------
    { name: "StringEqualsIfExists: absent key holds", policies: when({ StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } }), action: "s3:GetObject", context: { "ec2:InstanceType": null }, expect: "allowed" },
    { name: "StringEqualsIfExists: present and matching", policies: when({ StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } }), action: "s3:GetObject", context: { "ec2:InstanceType": "t3.micro" }, expect: "allowed" },
    { name: "StringEqualsIfExists: present and different", policies: when({ StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } }), action: "s3:GetObject", context: { "ec2:InstanceType": "m5.large" }, expect: "implicitDeny" },
    { name: "StringEqualsIfExists: unknown presence stays unknown", policies: when({ StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } }), action: "s3:GetObject", expect: "unknown" },
    { name: "BoolIfExists in a Deny: absent key makes the Deny apply", policies: [doc(allow("s3:*"), deny("s3:*", "*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }))], action: "s3:GetObject", resource: OBJ, context: { "aws:MultiFactorAuthPresent": null }, expect: "denied" },
    { name: "BoolIfExists in a Deny: true value spares the request", policies: [doc(allow("s3:*"), deny("s3:*", "*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }))], action: "s3:GetObject", resource: OBJ, context: { "aws:MultiFactorAuthPresent": true }, expect: "allowed" },
    { name: "ArnLikeIfExists: absent key holds", policies: when({ ArnLikeIfExists: { "aws:SourceArn": "arn:aws:sns:*:*:t" } }), action: "s3:GetObject", context: { "aws:SourceArn": null }, expect: "allowed" },

    // --- Null -----------------------------------------------------------------------------
    { name: "Null true: key absent holds", policies: when({ Null: { "aws:TokenIssueTime": "true" } }), action: "s3:GetObject", context: { "aws:TokenIssueTime": null }, expect: "allowed" },
    { name: "Null true: key present fails", policies: when({ Null: { "aws:TokenIssueTime": "true" } }), action: "s3:GetObject", context: { "aws:TokenIssueTime": "2026-11-26T10:00:00Z" }, expect: "implicitDeny" },
    { name: "Null false: key present holds", policies: when({ Null: { "aws:TokenIssueTime": "false" } }), action: "s3:GetObject", context: { "aws:TokenIssueTime": "2026-11-26T10:00:00Z" }, expect: "allowed" },
    { name: "Null false: key absent fails", policies: when({ Null: { "aws:TokenIssueTime": false } }), action: "s3:GetObject", context: { "aws:TokenIssueTime": null }, expect: "implicitDeny" },
    { name: "Null with unknown presence: unknown", policies: when({ Null: { "aws:TokenIssueTime": "true" } }), action: "s3:GetObject", expect: "unknown" },
    { name: "Null under missingKeys=absent: absent", policies: when({ Null: { "aws:TokenIssueTime": "true" } }), action: "s3:GetObject", missingKeys: "absent", expect: "allowed" },

    // --- Bool -----------------------------------------------------------------------------
    { name: "Bool true matches boolean true", policies: when({ Bool: { "aws:SecureTransport": "true" } }), action: "s3:GetObject", context: { "aws:SecureTransport": true }, expect: "allowed" },
    { name: "Bool true matches string TRUE", policies: when({ Bool: { "aws:SecureTransport": true } }), action: "s3:GetObject", context: { "aws:SecureTransport": "TRUE" }, expect: "allowed" },
    { name: "Bool true vs false", policies: when({ Bool: { "aws:SecureTransport": "true" } }), action: "s3:GetObject", context: { "aws:SecureTransport": false }, expect: "implicitDeny" },
    { name: "Bool Deny on insecure transport", policies: [doc(allow("s3:*"), deny("s3:*", "*", { Bool: { "aws:SecureTransport": "false" } }, "TLSOnly"))], action: "s3:GetObject", resource: OBJ, context: { "aws:SecureTransport": false }, expect: "denied", by: ["p0#TLSOnly"] },

    // --- ARN operators --------------------------------------------------------------------
    { name: "ArnLike with region and account wildcards", policies: when({ ArnLike: { "aws:SourceArn": "arn:aws:connect:*:*:instance/*" } }), action: "s3:GetObject", context: { "aws:SourceArn": "arn:aws:connect:us-east-1:111122223333:instance/abc" }, expect: "allowed" },
    { name: "ArnEquals also accepts wildcards", policies: when({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:*:111122223333:topic" } }), action: "s3:GetObject", context: { "aws:SourceArn": "arn:aws:sns:us-west-2:111122223333:topic" }, expect: "allowed" },
    { name: "ArnLike: service differs", policies: when({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:topic" } }), action: "s3:GetObject", context: { "aws:SourceArn": "arn:aws:sqs:us-west-2:111122223333:topic" }, expect: "implicitDeny" },
    { name: "ArnLike compares components: * does not swallow a colon-separated component", policies: when({ ArnLike: { "aws:PrincipalArn": "arn:*:iam::111122223333:role/app" } }), action: "s3:GetObject", context: { "aws:PrincipalArn": "arn:aws:extra:iam::111122223333:role/app" }, expect: "implicitDeny" },
    { name: "ArnLike: resource component may contain colons", policies: when({ ArnLike: { "aws:SourceArn": "arn:aws:logs:*:*:log-group:/aws/connect/*" } }), action: "s3:GetObject", context: { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:/aws/connect/x:*" }, expect: "allowed" },
    { name: "ArnLike with a non-ARN value fails", policies: when({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:t" } }), action: "s3:GetObject", context: { "aws:SourceArn": "not-an-arn" }, expect: "implicitDeny" },
    { name: "ArnNotLike: different ARN holds", policies: when({ ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin-*" } }), action: "s3:GetObject", context: { "aws:PrincipalArn": ROLE }, expect: "allowed" },
    { name: "ArnNotLike: matching ARN fails", policies: when({ ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/app" } }), action: "s3:GetObject", context: { "aws:PrincipalArn": ROLE }, expect: "implicitDeny" },
    { name: "ArnNotEquals with a list", policies: when({ ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/x", ROLE] } }), action: "s3:GetObject", context: { "aws:PrincipalArn": ROLE }, expect: "implicitDeny" },

    // --- Numeric, date, IP, binary ----------------------------------------------------------
    { name: "NumericLessThanEquals holds", policies: when({ NumericLessThanEquals: { "s3:max-keys": "10" } }), action: "s3:GetObject", context: { "s3:max-keys": 10 }, expect: "allowed" },
    { name: "NumericLessThan fails at the bound", policies: when({ NumericLessThan: { "s3:max-keys": "10" } }), action: "s3:GetObject", context: { "s3:max-keys": "10" }, expect: "implicitDeny" },
    { name: "NumericGreaterThan with decimals", policies: when({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600.5" } }), action: "s3:GetObject", context: { "aws:MultiFactorAuthAge": "3601" }, expect: "allowed" },
    { name: "NumericEquals with a non-number request value fails", policies: when({ NumericEquals: { "s3:max-keys": "10" } }), action: "s3:GetObject", context: { "s3:max-keys": "ten" }, expect: "implicitDeny" },
    { name: "NumericNotEquals holds for a different number", policies: when({ NumericNotEquals: { "s3:max-keys": "10" } }), action: "s3:GetObject", context: { "s3:max-keys": "11" }, expect: "allowed" },
    { name: "DateLessThan with ISO 8601", policies: when({ DateLessThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" } }), action: "s3:GetObject", context: { "aws:CurrentTime": "2026-11-26T12:00:00Z" }, expect: "allowed" },
    { name: "DateGreaterThan fails before the date", policies: when({ DateGreaterThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" } }), action: "s3:GetObject", context: { "aws:CurrentTime": "2026-11-26T12:00:00Z" }, expect: "implicitDeny" },
    { name: "DateGreaterThanEquals with epoch seconds", policies: when({ DateGreaterThanEquals: { "aws:EpochTime": "1700000000" } }), action: "s3:GetObject", context: { "aws:EpochTime": "1800000000" }, expect: "allowed" },
    { name: "IpAddress within an IPv4 CIDR", policies: when({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), action: "s3:GetObject", context: { "aws:SourceIp": "203.0.113.77" }, expect: "allowed" },
    { name: "IpAddress outside the CIDR", policies: when({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), action: "s3:GetObject", context: { "aws:SourceIp": "198.51.100.1" }, expect: "implicitDeny" },
    { name: "NotIpAddress outside the CIDR holds", policies: when({ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }), action: "s3:GetObject", context: { "aws:SourceIp": "198.51.100.1" }, expect: "allowed" },
    { name: "IpAddress within an IPv6 CIDR", policies: when({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }), action: "s3:GetObject", context: { "aws:SourceIp": "2001:db8:1234::1" }, expect: "allowed" },
    { name: "BinaryEquals compares base64 text", policies: when({ BinaryEquals: { "s3:x-amz-meta-k": "QmluYXJ5VmFsdWU=" } }), action: "s3:GetObject", context: { "s3:x-amz-meta-k": "QmluYXJ5VmFsdWU=" }, expect: "allowed" },

    // --- Set operators (multivalued keys) ---------------------------------------------------
    { name: "ForAnyValue:StringEquals: one tag key matches", policies: when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["owner", "team"] }, expect: "allowed" },
    { name: "ForAnyValue:StringEquals: none matches", policies: when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env", "team"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["owner"] }, expect: "implicitDeny" },
    { name: "ForAnyValue with an absent key fails", policies: when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": null }, expect: "implicitDeny" },
    { name: "ForAllValues:StringEquals: all keys allowed", policies: when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["team", "env"] }, expect: "allowed" },
    { name: "ForAllValues:StringEquals: one key not allowed", policies: when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["team", "owner"] }, expect: "implicitDeny" },
    { name: "ForAllValues with an absent key holds", policies: when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": null }, expect: "allowed" },
    { name: "ForAllValues with an empty list holds", policies: when({ "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": [] }, expect: "allowed" },
    { name: "ForAllValues:StringLike with patterns", policies: when({ "ForAllValues:StringLike": { "aws:TagKeys": ["app-*", "env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["app-a", "app-b", "env"] }, expect: "allowed" },
    { name: "ForAnyValue:StringNotEquals: one value differs", policies: when({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["env", "owner"] }, expect: "allowed" },
    { name: "ForAllValues:StringNotLike: no value matches the patterns", policies: when({ "ForAllValues:StringNotLike": { "aws:TagKeys": ["aws:*"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["env", "owner"] }, expect: "allowed" },
    { name: "ForAllValues:StringNotLike: one value matches a pattern", policies: when({ "ForAllValues:StringNotLike": { "aws:TagKeys": ["aws:*"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["env", "aws:cloudformation"] }, expect: "implicitDeny" },
    { name: "ForAnyValue with an unknown key: unknown", policies: when({ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", expect: "unknown" },
    { name: "operator names are matched case-insensitively", policies: when({ "foranyvalue:stringequals": { "aws:TagKeys": ["env"] } }), action: "s3:GetObject", context: { "aws:TagKeys": ["env"] }, expect: "allowed" },

    // --- Policy variables -------------------------------------------------------------------
    { name: "variable in Resource resolves from the context", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", context: { "aws:username": "alice" }, expect: "allowed" },
    { name: "variable in Resource with another user", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::home/bob/f", context: { "aws:username": "alice" }, expect: "implicitDeny" },
    { name: "variable in Resource with an unknown key: unknown", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", expect: "unknown" },
    { name: "variable in Resource with an absent key matches nothing", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", context: { "aws:username": null }, expect: "implicitDeny" },
    { name: "variable default value is used when the key is absent", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::home/${aws:username, 'shared'}/*"))], action: "s3:GetObject", resource: "arn:aws:s3:::home/shared/f", context: { "aws:username": null }, expect: "allowed" },
    { name: "${*} is a literal asterisk", policies: [doc(allow("s3:GetObject", "arn:aws:s3:::b/${*}"))], action: "s3:GetObject", resource: "arn:aws:s3:::b/anything", expect: "implicitDeny" },
    { name: "variables are not substituted in 2008-10-17 policies", policies: [{ Version: "2008-10-17", Statement: [allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*")] }], action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/f", context: { "aws:username": "alice" }, expect: "implicitDeny" },
    { name: "condition value variable: ResourceAccount equals PrincipalAccount", policies: when({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }), action: "s3:GetObject", context: { "aws:ResourceAccount": "111122223333", "aws:PrincipalAccount": "111122223333" }, expect: "allowed" },
    { name: "condition value variable: accounts differ", policies: when({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }), action: "s3:GetObject", context: { "aws:ResourceAccount": "444455556666", "aws:PrincipalAccount": "111122223333" }, expect: "implicitDeny" },
    { name: "condition value variable unknown: unknown", policies: when({ StringEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } }), action: "s3:GetObject", context: { "aws:ResourceAccount": "111122223333" }, expect: "unknown" },
    { name: "StringLike with a variable keeps the policy's wildcards", policies: when({ StringLike: { "s3:prefix": "home/${aws:username}/*" } }), action: "s3:GetObject", context: { "s3:prefix": "home/alice/docs", "aws:username": "alice" }, expect: "allowed" },
];

describe("policy evaluator: decision table", () => {
    it("has at least 100 cases", () => {
        expect(CASES.length).to.be.at.least(100);
    });

    for (const c of CASES) {
        it(`${c.name} → ${c.expect}`, () => {
            const policies = c.policies.map((d, i) => parsePolicy(`p${i}`, d));
            const result = evaluatePolicies(policies, { action: c.action, resource: c.resource ?? OBJ, context: c.context }, { missingKeys: c.missingKeys });
            expect(result.decision).to.equal(c.expect);
            if (c.by) {
                const refs = c.expect === "denied" ? result.deniedBy : result.allowedBy;
                expect(refs.map(formatStatementRef)).to.deep.equal(c.by);
            }
            if (c.expect === "unknown") expect(result.undecided, "an unknown result names the undecided statement").to.not.be.empty;
        });
    }
});

describe("policy evaluator: reporting", () => {
    it("names the policy, Sid and ARN of the deciding statement", () => {
        const policy = parsePolicy("MyPolicy", doc(allow("s3:GetObject", "*", undefined, "ReadAll")), "arn:aws:iam::111122223333:policy/MyPolicy");
        const result = evaluatePolicies([policy], { action: "s3:GetObject", resource: OBJ });
        expect(result.allowedBy).to.deep.equal([
            { policy: "MyPolicy", policyArn: "arn:aws:iam::111122223333:policy/MyPolicy", sid: "ReadAll", index: 0, effect: "Allow" },
        ]);
    });

    it("explains why a statement is undecided", () => {
        const policy = parsePolicy("p", doc(allow("wisdom:*", "*", { StringEquals: { "aws:ResourceTag/AmazonConnectEnabled": "True" } })));
        const result = evaluatePolicies([policy], { action: "wisdom:GetAssistant", resource: "*" });
        expect(result.decision).to.equal("unknown");
        expect(result.undecided[0].reason).to.contain("aws:ResourceTag/AmazonConnectEnabled");
    });

    it("reports an unsupported operator by name", () => {
        const policy = parsePolicy("p", doc(allow("s3:*", "*", { StringSoundsLike: { k: "v" } })));
        const result = evaluatePolicies([policy], { action: "s3:GetObject", resource: OBJ, context: { k: "v" } });
        expect(result.undecided[0].reason).to.contain("StringSoundsLike");
    });
});

describe("policy parser", () => {
    const bad: Array<[string, unknown, string]> = [
        ["invalid JSON", "{not json", "not valid JSON"],
        ["Effect missing", { Version: "2012-10-17", Statement: [{ Action: "s3:*", Resource: "*" }] }, "Effect"],
        ["Action and NotAction", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "a:b", NotAction: "c:d", Resource: "*" }] }, "both Action and NotAction"],
        ["no Resource", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "a:b" }] }, "needs Resource or NotResource"],
        ["no Statement", { Version: "2012-10-17" }, "missing Statement"],
        ["unknown Version", { Version: "2020-01-01", Statement: [] }, "unsupported Version"],
        ["empty Action list", { Version: "2012-10-17", Statement: [{ Sid: "S1", Effect: "Allow", Action: [], Resource: "*" }] }, 'statement "S1"'],
        ["object condition value", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "a:b", Resource: "*", Condition: { StringEquals: { k: { x: 1 } } } }] }, "Condition"],
    ];
    for (const [name, input, message] of bad) {
        it(`rejects a policy with ${name}, naming the policy`, () => {
            expect(() => parsePolicy("BadPolicy", input as PolicyDocumentInput))
                .to.throw(PolicyParseError)
                .with.property("message")
                .that.contains("BadPolicy")
                .and.contains(message);
        });
    }

    it("decodes URL-encoded documents as IAM returns them", () => {
        const encoded = encodeURIComponent(JSON.stringify(doc(allow("s3:GetObject", "arn:aws:s3:::b/a b+c"))));
        const policy = parsePolicy("encoded", encoded);
        const result = evaluatePolicies([policy], { action: "s3:GetObject", resource: "arn:aws:s3:::b/a b+c" });
        expect(result.decision).to.equal("allowed");
    });
});
