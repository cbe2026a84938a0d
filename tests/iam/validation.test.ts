import { expect } from "chai";
import { DEFAULT_AWS_SERVICE_NAME, DEFAULT_DELETION_TIMEOUT_SECONDS, DELETION_POLICIES } from "../../provider/iam/inputs";
import { check } from "../../provider/iam/lifecycle";
import { IAM_LIMITS } from "../../provider/iam/validation";

/** The value the Pulumi engine sends for an input that is not known until apply. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const ALL_PROPERTIES = ["awsServiceName", "description", "customSuffix", "tags", "deletionPolicy", "existingRole", "deletionTimeoutSeconds"] as const;

/** Failures of `check`, as property -> reason; fails the test if a property is reported twice. */
function failuresOf(raw: Record<string, unknown>): Record<string, string> {
    const { failures } = check(raw);
    const byProperty: Record<string, string> = {};
    for (const { property, reason } of failures) {
        expect(byProperty, `property ${property} reported more than once`).not.to.have.property(property);
        expect(reason, `reason for ${property}`).to.be.a("string").and.not.equal("");
        byProperty[property] = reason;
    }
    return byProperty;
}

interface Case {
    name: string;
    value: unknown;
    /** Undefined: the value is valid. A string: the value is rejected and the reason contains it. */
    rejectedWith?: string;
}

/** Runs one `it` per case, checking exactly one property with every other input left valid. */
function table(property: string, cases: Case[]): void {
    for (const c of cases) {
        const verdict = c.rejectedWith === undefined ? "accepts" : "rejects";
        it(`${verdict} ${c.name}`, () => {
            const failures = failuresOf({ [property]: c.value });
            if (c.rejectedWith === undefined) {
                expect(failures).to.deep.equal({});
            } else {
                expect(Object.keys(failures)).to.deep.equal([property]);
                expect(failures[property]).to.include(c.rejectedWith);
            }
        });
    }
}

const repeat = (s: string, n: number) => s.repeat(n);
/** A service principal of exactly `length` characters. */
const principalOfLength = (length: number) => `${repeat("a", length - ".amazonaws.com".length)}.amazonaws.com`;
const tagMap = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, `value${i}`]));
/** U+1D49C MATHEMATICAL SCRIPT CAPITAL A: a letter (\p{L}) outside the BMP, two UTF-16 units. */
const ASTRAL_LETTER = "\u{1D49C}";
const EMOJI = "\u{1F600}";

describe("iam/validation", () => {
    it("the helpers build strings of the intended lengths", () => {
        expect(principalOfLength(128)).to.have.length(128);
        expect([...repeat(ASTRAL_LETTER, 128)]).to.have.length(128);
        expect(repeat(ASTRAL_LETTER, 128)).to.have.length(256);
    });

    describe("awsServiceName", () => {
        it("defaults to connect.amazonaws.com when absent or null", () => {
            for (const raw of [{}, { awsServiceName: undefined }, { awsServiceName: null }]) {
                const { inputs, failures } = check(raw);
                expect(failures).to.deep.equal([]);
                expect(inputs.awsServiceName).to.equal("connect.amazonaws.com");
            }
            expect(DEFAULT_AWS_SERVICE_NAME).to.equal("connect.amazonaws.com");
        });

        it("keeps a declared value", () => {
            expect(check({ awsServiceName: "elasticbeanstalk.amazonaws.com" }).inputs.awsServiceName).to.equal("elasticbeanstalk.amazonaws.com");
        });

        table("awsServiceName", [
            { name: "connect.amazonaws.com", value: "connect.amazonaws.com" },
            { name: "elasticbeanstalk.amazonaws.com", value: "elasticbeanstalk.amazonaws.com" },
            { name: "a multi-label principal with hyphens", value: "custom-resource.application-autoscaling.amazonaws.com" },
            { name: "a China-partition principal (.cn)", value: "connect.amazonaws.com.cn" },
            { name: "digits in a label", value: "ec2-1.amazonaws.com" },
            { name: "128 characters (the limit)", value: principalOfLength(128) },
            { name: "129 characters", value: principalOfLength(129), rejectedWith: "at most 128" },
            { name: "an empty string", value: "", rejectedWith: "must not be empty" },
            { name: "a bare service name", value: "connect", rejectedWith: "service principal" },
            { name: "upper-case letters", value: "Connect.amazonaws.com", rejectedWith: "service principal" },
            { name: "a trailing label after amazonaws.com", value: "connect.amazonaws.com.evil", rejectedWith: "service principal" },
            { name: "an empty label", value: "a..amazonaws.com", rejectedWith: "service principal" },
            { name: "no service label", value: "amazonaws.com", rejectedWith: "service principal" },
            { name: "a leading dot", value: ".amazonaws.com", rejectedWith: "service principal" },
            { name: "a label starting with a hyphen", value: "-connect.amazonaws.com", rejectedWith: "service principal" },
            { name: "a label ending with a hyphen", value: "connect-.amazonaws.com", rejectedWith: "service principal" },
            { name: "an underscore (IAM charset, not a principal)", value: "my_svc.amazonaws.com", rejectedWith: "service principal" },
            { name: "another domain", value: "connect.amazon.com", rejectedWith: "service principal" },
            { name: "a space", value: "con nect.amazonaws.com", rejectedWith: "may contain only" },
            { name: "a slash", value: "connect.amazonaws.com/", rejectedWith: "may contain only" },
            { name: "a non-ASCII letter", value: "c\u00F6nnect.amazonaws.com", rejectedWith: "may contain only" },
        ]);
    });

    describe("description", () => {
        it("is absent from the inputs when not declared", () => {
            expect(check({}).inputs).not.to.have.property("description");
            expect(check({ description: null }).inputs).not.to.have.property("description");
        });

        table("description", [
            { name: "an empty string", value: "" },
            { name: "1000 characters (the limit)", value: repeat("d", 1000) },
            { name: "1001 characters", value: repeat("d", 1001), rejectedWith: "at most 1000" },
            { name: "1000 two-byte characters (counts characters, not bytes)", value: repeat("\u00E9", 1000) },
            { name: "1001 two-byte characters", value: repeat("\u00E9", 1001), rejectedWith: "at most 1000" },
            { name: "tab, line feed and carriage return", value: "a\tb\nc\r\nd" },
            { name: "all printable ASCII", value: Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("") },
            { name: "U+00A1 (first of the Latin-1 range)", value: "\u00A1" },
            { name: "U+00FF (last of the Latin-1 range)", value: "\u00FF" },
            { name: "U+00A0 (just below the Latin-1 range)", value: "x\u00A0", rejectedWith: "U+00A0" },
            { name: "U+007F (DEL)", value: "x\u007F", rejectedWith: "U+007F" },
            { name: "U+0100 (just above the Latin-1 range)", value: "x\u0100", rejectedWith: "U+0100" },
            { name: "an emoji, named by its code point", value: `x${EMOJI}`, rejectedWith: "U+1F600" },
            { name: "U+0000", value: "x\u0000", rejectedWith: "U+0000" },
            { name: "a vertical tab (control character)", value: "x\u000B", rejectedWith: "U+000B" },
        ]);

        it("counts code points: 999 characters plus one emoji (1001 UTF-16 units) fail on the character, not the length", () => {
            const value = `${repeat("d", 999)}${EMOJI}`;
            expect(value.length).to.equal(1001);
            const failures = failuresOf({ description: value });
            expect(failures.description).to.include("U+1F600");
            expect(failures.description).not.to.include("at most");
        });
    });

    describe("customSuffix", () => {
        table("customSuffix", [
            { name: "one character", value: "a" },
            { name: "64 characters (the limit)", value: repeat("s", IAM_LIMITS.customSuffixMaxLength) },
            { name: "65 characters", value: repeat("s", 65), rejectedWith: "at most 64" },
            { name: "an empty string", value: "", rejectedWith: "must not be empty" },
            { name: "every allowed character class", value: "Az09_+=,.@-" },
            { name: "a space", value: "bad suffix", rejectedWith: "may contain only" },
            { name: "a slash", value: "a/b", rejectedWith: "may contain only" },
            { name: "a colon", value: "a:b", rejectedWith: "may contain only" },
            { name: "a non-ASCII letter", value: "\u00E9t\u00E9", rejectedWith: "may contain only" },
        ]);
    });

    describe("tags", () => {
        table("tags", [
            { name: "an empty map", value: {} },
            { name: "40 tags (the limit: 50 less 10 kept for claims)", value: tagMap(40) },
            { name: "41 tags", value: tagMap(41), rejectedWith: "at most 40" },
            { name: "a key with the reserved claim prefix", value: { "pulumi-slr-claim:abc": "x" }, rejectedWith: "reserved for the claims" },
            { name: "a 1-character key", value: { k: "v" } },
            { name: "an empty key", value: { "": "v" }, rejectedWith: "must not be empty" },
            { name: "a 128-character key", value: { [repeat("k", 128)]: "v" } },
            { name: "a 129-character key", value: { [repeat("k", 129)]: "v" }, rejectedWith: "at most 128" },
            { name: "a key of 128 astral letters (256 UTF-16 units)", value: { [repeat(ASTRAL_LETTER, 128)]: "v" } },
            { name: "a key of 129 astral letters", value: { [repeat(ASTRAL_LETTER, 129)]: "v" }, rejectedWith: "at most 128" },
            { name: "an empty value", value: { k: "" } },
            { name: "a 256-character value", value: { k: repeat("v", 256) } },
            { name: "a 257-character value", value: { k: repeat("v", 257) }, rejectedWith: "at most 256" },
            { name: "the aws: prefix", value: { "aws:team": "x" }, rejectedWith: "reserved prefix" },
            { name: "the AWS: prefix", value: { "AWS:team": "x" }, rejectedWith: "reserved prefix" },
            { name: "the aWs: prefix", value: { "aWs:team": "x" }, rejectedWith: "reserved prefix" },
            { name: "keys that merely contain aws", value: { aws: "x", awsteam: "y", "team:aws:x": "z" } },
            { name: "an aws: value", value: { k: "aws:x" } },
            { name: "every allowed punctuation mark", value: { "a_b.c:d/e=f+g-h@i": "a_b.c:d/e=f+g-h@i" } },
            { name: "spaces", value: { "cost center": "team a" } },
            { name: "unicode letters", value: { "\u00E9quipe": "\u30C1\u30FC\u30E0", "\u03A9": ASTRAL_LETTER } },
            { name: "unicode digits", value: { "n\u0663": "\u0663" } },
            { name: "an emoji in a key", value: { [`k${EMOJI}`]: "v" }, rejectedWith: "may contain only" },
            { name: "an emoji in a value", value: { k: `v${EMOJI}` }, rejectedWith: "may contain only" },
            { name: "a # in a key", value: { "team#1": "v" }, rejectedWith: "may contain only" },
            { name: "a comma in a value", value: { k: "a,b" }, rejectedWith: "may contain only" },
            { name: "keys differing only in case", value: { Team: "a", team: "b" }, rejectedWith: "case-insensitive" },
            { name: "a number value", value: { k: 1 }, rejectedWith: "string value" },
            { name: "a boolean value", value: { k: true }, rejectedWith: "string value" },
            { name: "a null value", value: { k: null }, rejectedWith: "string value" },
            { name: "an object value", value: { k: { nested: "x" } }, rejectedWith: "string value" },
            { name: "an array value", value: { k: ["x"] }, rejectedWith: "string value" },
            { name: "a string instead of a map", value: "team=a", rejectedWith: "map of tag keys" },
            { name: "an array instead of a map", value: [["team", "a"]], rejectedWith: "map of tag keys" },
        ]);

        it("names the offending key", () => {
            expect(failuresOf({ tags: { fine: "x", "bad#key": "y" } }).tags).to.include("bad#key");
            expect(failuresOf({ tags: { fine: "x", other: 3 } }).tags).to.include("other");
        });
    });

    describe("deletionPolicy", () => {
        it("defaults to deleteIfCreated", () => {
            expect(check({}).inputs.deletionPolicy).to.equal("deleteIfCreated");
            expect(check({ deletionPolicy: null }).inputs.deletionPolicy).to.equal("deleteIfCreated");
        });

        it("lists exactly the three documented policies", () => {
            expect([...DELETION_POLICIES]).to.deep.equal(["deleteIfCreated", "alwaysDelete", "neverDelete"]);
        });

        table("deletionPolicy", [
            { name: "deleteIfCreated", value: "deleteIfCreated" },
            { name: "alwaysDelete", value: "alwaysDelete" },
            { name: "neverDelete", value: "neverDelete" },
            { name: "a policy in the wrong case", value: "DeleteIfCreated", rejectedWith: "must be one of" },
            { name: "an unknown policy", value: "retain", rejectedWith: "must be one of" },
            { name: "an empty string", value: "", rejectedWith: "must be one of" },
        ]);

        it("keeps a declared policy", () => {
            for (const policy of DELETION_POLICIES) expect(check({ deletionPolicy: policy }).inputs.deletionPolicy).to.equal(policy);
        });
    });

    describe("existingRole", () => {
        const arn = (name: string, partition = "aws") => `arn:${partition}:iam::123456789012:role/aws-service-role/connect.amazonaws.com/${name}`;
        table("existingRole", [
            { name: "a role name", value: "AWSServiceRoleForAmazonConnect_abc" },
            { name: "a role name with every allowed character", value: "Az09_+=,.@-" },
            { name: "a 64-character name", value: repeat("r", 64) },
            { name: "a 65-character name", value: repeat("r", 65), rejectedWith: "at most 64" },
            { name: "an empty name", value: "", rejectedWith: "must not be empty" },
            { name: "a name with a space", value: "my role", rejectedWith: "may contain only" },
            { name: "a name with a slash (a path, not a name)", value: "aws-service-role/x", rejectedWith: "may contain only" },
            { name: "a service-linked role ARN", value: arn("AWSServiceRoleForAmazonConnect") },
            { name: "an aws-cn ARN", value: arn("AWSServiceRoleForAmazonConnect", "aws-cn") },
            { name: "an aws-us-gov ARN", value: arn("AWSServiceRoleForAmazonConnect", "aws-us-gov") },
            { name: "an ARN without a path", value: "arn:aws:iam::123456789012:role/SomeRole" },
            { name: "an ARN whose name has 64 characters", value: arn(repeat("r", 64)) },
            { name: "an ARN whose name has 65 characters", value: arn(repeat("r", 65)), rejectedWith: "must be a role ARN" },
            { name: "an ARN with an 11-digit account", value: "arn:aws:iam::12345678901:role/SomeRole", rejectedWith: "must be a role ARN" },
            { name: "an ARN with a region", value: "arn:aws:iam:us-east-1:123456789012:role/SomeRole", rejectedWith: "must be a role ARN" },
            { name: "a user ARN", value: "arn:aws:iam::123456789012:user/someone", rejectedWith: "must be a role ARN" },
            { name: "an ARN without a role name", value: arn(""), rejectedWith: "must be a role ARN" },
            { name: "an ARN of another service", value: "arn:aws:s3:::bucket", rejectedWith: "must be a role ARN" },
        ]);

        it("is absent from the inputs when not declared", () => {
            expect(check({}).inputs).not.to.have.property("existingRole");
        });
    });

    describe("deletionTimeoutSeconds", () => {
        it("defaults to 600 seconds", () => {
            expect(DEFAULT_DELETION_TIMEOUT_SECONDS).to.equal(600);
            expect(check({}).inputs.deletionTimeoutSeconds).to.equal(600);
            expect(check({ deletionTimeoutSeconds: null }).inputs.deletionTimeoutSeconds).to.equal(600);
        });

        table("deletionTimeoutSeconds", [
            { name: "1 (the minimum)", value: 1 },
            { name: "3600 (the maximum)", value: IAM_LIMITS.maxDeletionTimeoutSeconds },
            { name: "0", value: 0, rejectedWith: "between 1 and 3600" },
            { name: "-1", value: -1, rejectedWith: "between 1 and 3600" },
            { name: "3601", value: 3601, rejectedWith: "between 1 and 3600" },
            { name: "a fraction", value: 1.5, rejectedWith: "whole number" },
            { name: "NaN", value: Number.NaN, rejectedWith: "whole number" },
            { name: "Infinity", value: Number.POSITIVE_INFINITY, rejectedWith: "whole number" },
        ]);
    });

    describe("wrong JavaScript types", () => {
        const wrongValues: Record<(typeof ALL_PROPERTIES)[number], unknown[]> = {
            awsServiceName: [42, true, {}, ["connect.amazonaws.com"]],
            description: [42, false, {}, ["text"]],
            customSuffix: [7, true, {}, ["a"]],
            tags: [5, true, "team=a", ["team"]],
            deletionPolicy: [1, true, {}, ["neverDelete"]],
            existingRole: [42, true, {}, ["AWSServiceRoleForAmazonConnect"]],
            deletionTimeoutSeconds: ["600", true, {}, [600]],
        };
        for (const property of ALL_PROPERTIES) {
            it(`rejects non-${property === "tags" ? "map" : property === "deletionTimeoutSeconds" ? "number" : "string"} ${property} values`, () => {
                for (const value of wrongValues[property]) {
                    const failures = failuresOf({ [property]: value });
                    expect(Object.keys(failures), `${property} = ${JSON.stringify(value)}`).to.deep.equal([property]);
                    expect(failures[property], `${property} = ${JSON.stringify(value)}`).to.match(/must|got/);
                }
            });
        }
    });

    describe("unknown values", () => {
        for (const property of ALL_PROPERTIES) {
            it(`an unknown ${property} skips validation and stays unknown in the inputs`, () => {
                const { inputs, failures } = check({ [property]: UNKNOWN });
                expect(failures).to.deep.equal([]);
                expect((inputs as unknown as Record<string, unknown>)[property]).to.equal(UNKNOWN);
            });
        }

        it("an unknown tag value inside a declared map is accepted", () => {
            expect(failuresOf({ tags: { team: UNKNOWN, env: "prod" } })).to.deep.equal({});
        });

        it("other properties are still validated next to an unknown one", () => {
            const failures = failuresOf({ awsServiceName: UNKNOWN, customSuffix: "bad suffix", tags: UNKNOWN });
            expect(Object.keys(failures)).to.deep.equal(["customSuffix"]);
        });
    });

    describe("several failures at once", () => {
        it("reports one failure per invalid property, every property at once", () => {
            const failures = failuresOf({
                awsServiceName: "Connect",
                description: "x".repeat(1001),
                customSuffix: "",
                tags: { "aws:x": "y" },
                deletionPolicy: "sometimes",
                existingRole: "arn:aws:iam::1:role/x",
                deletionTimeoutSeconds: 0,
            });
            expect(Object.keys(failures).sort()).to.deep.equal([...ALL_PROPERTIES].sort());
        });

        it("a property with several problems is reported once", () => {
            const { failures } = check({ tags: { "aws:x": 1, "bad#": "y", Team: "a", team: "b" }, description: `${"x".repeat(1001)}\u0100` });
            expect(failures.map((f) => f.property).sort()).to.deep.equal(["description", "tags"]);
        });

        it("still returns the inputs with defaults filled", () => {
            const { inputs, failures } = check({ customSuffix: "bad suffix" });
            expect(failures).to.have.length(1);
            expect(inputs).to.deep.equal({
                awsServiceName: "connect.amazonaws.com",
                deletionPolicy: "deleteIfCreated",
                deletionTimeoutSeconds: 600,
                customSuffix: "bad suffix",
            });
        });
    });

    describe("defaults", () => {
        it("fills every default and adds nothing else for empty inputs", () => {
            expect(check({})).to.deep.equal({
                inputs: { awsServiceName: "connect.amazonaws.com", deletionPolicy: "deleteIfCreated", deletionTimeoutSeconds: 600 },
                failures: [],
            });
        });

        it("treats null like an absent property", () => {
            const raw = Object.fromEntries(ALL_PROPERTIES.map((p) => [p, null]));
            expect(check(raw)).to.deep.equal(check({}));
        });

        it("keeps every declared valid value unchanged", () => {
            const raw = {
                awsServiceName: "elasticbeanstalk.amazonaws.com",
                description: "managed by pulumi",
                customSuffix: "blue",
                tags: { team: "a" },
                deletionPolicy: "alwaysDelete",
                existingRole: "AWSServiceRoleForElasticBeanstalk_blue",
                deletionTimeoutSeconds: 30,
            };
            expect(check(raw)).to.deep.equal({ inputs: raw, failures: [] });
        });

        it("does not carry properties the resource does not declare", () => {
            expect(check({ roleName: "x", unrelated: 1 }).inputs).to.deep.equal(check({}).inputs);
        });
    });
});
