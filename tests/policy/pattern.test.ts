import { expect } from "chai";
import { Pattern } from "../../provider/policy";

/** [pattern, value, expected] for matching a plain string. */
const MATCHES: Array<[string, string, boolean]> = [
    ["*", "", true],
    ["*", "anything:at/all", true],
    ["s3:*", "s3:GetObject", true],
    ["s3:*", "s3", false],
    ["s3:Get*", "s3:GetObjectAcl", true],
    ["s3:Get*", "s3:PutObject", false],
    ["s3:*Object", "s3:PutObject", true],
    ["s3:*Object", "s3:PutObjectAcl", false],
    ["s3:?etObject", "s3:GetObject", true],
    ["s3:?etObject", "s3:GGetObject", false],
    ["a?c", "ac", false],
    ["a*b*c", "a-x-b-y-c", true],
    ["a*b*c", "a-x-c-y-b", false],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false],
    ["arn:aws:logs:*:*:log-group:/aws/connect/*:*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/connect/x:*", true],
    // `*` may cross `:` inside a Resource pattern.
    ["arn:aws:iam::*", "arn:aws:iam::111122223333:role/a:b", true],
    ["Bucket", "bucket", false],
    ["", "", true],
    ["", "x", false],
];

describe("policy pattern matching", () => {
    for (const [pattern, value, expected] of MATCHES) {
        it(`${JSON.stringify(pattern)} ${expected ? "matches" : "does not match"} ${JSON.stringify(value)}`, () => {
            expect(Pattern.glob(pattern).matches(value)).to.equal(expected);
        });
    }

    it("folds case only when asked", () => {
        expect(Pattern.glob("S3:GetObject", true).matches("s3:getobject", true)).to.equal(true);
        expect(Pattern.glob("S3:GetObject").matches("s3:getobject")).to.equal(false);
    });

    it("treats literal pieces as literal even when they are * or ?", () => {
        const pattern = Pattern.builder().glob("home/").literal("*").glob("/*").build();
        expect(pattern.matches("home/*/file")).to.equal(true);
        expect(pattern.matches("home/alice/file")).to.equal(false);
    });

    it("handles long inputs without pathological backtracking", () => {
        const pattern = Pattern.glob("*a*a*a*a*a*a*a*a*b");
        const started = Date.now();
        expect(pattern.matches("a".repeat(5000))).to.equal(false);
        expect(Date.now() - started).to.be.lessThan(2000);
    });
});

/** [policy pattern, request pattern, covers?, intersects?] */
const SETS: Array<[string, string, boolean, boolean]> = [
    ["s3:*", "s3:Put*", true, true],
    ["s3:Put*", "s3:*", false, true],
    ["s3:PutObject", "s3:*", false, true],
    ["s3:Delete*", "s3:Get*", false, false],
    ["*", "*", true, true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/prefix/*", true, true],
    ["arn:aws:s3:::b/prefix/*", "arn:aws:s3:::b/*", false, true],
    ["arn:aws:s3:::amazon-connect-*/*", "arn:aws:s3:::amazon-connect-x/rec/*", true, true],
    ["arn:aws:s3:::amazon-connect-*/*", "arn:aws:s3:::my-bucket/*", false, false],
    ["arn:aws:s3:::amazon-connect-*", "arn:aws:s3:::amazon-connect-x", true, true],
    ["a?c", "a*c", false, true],
    ["a*c", "a?c", true, true],
    ["abc", "abd", false, false],
    ["*x", "y*", false, true],
];

describe("policy pattern coverage and overlap (wildcard requests)", () => {
    for (const [policy, request, covers, intersects] of SETS) {
        it(`${policy} vs request ${request}: covers=${covers}, intersects=${intersects}`, () => {
            expect(Pattern.glob(policy).covers(Pattern.glob(request)), "covers").to.equal(covers);
            expect(Pattern.glob(policy).intersects(Pattern.glob(request)), "intersects").to.equal(intersects);
        });
    }

    it("splits at literal separators only", () => {
        const parts = Pattern.glob("arn:aws:iam::*:role/a:b").splitAtLiteral(":", 5);
        expect(parts.map(String)).to.deep.equal(["arn", "aws", "iam", "", "*", "role/a:b"]);
    });
});
