import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { check, create, diff, read, update } from "../../provider/iam/lifecycle";
import { useProviderBehindProxy } from "../harness/fixtures";
import { roleInIam } from "./support";

/** A string of `n` copies of `unit` (a single code point). */
const times = (unit: string, n: number) => unit.repeat(n);
/** `n` distinct valid tags. */
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));
/** A valid-looking service principal of exactly `length` characters. */
const serviceOfLength = (length: number) => `${times("a", length - ".amazonaws.com".length)}.amazonaws.com`;
/** The value the engine sends for inputs not known until apply. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** U+1D49C MATHEMATICAL SCRIPT CAPITAL A: one letter, two UTF-16 units. */
const ASTRAL_LETTER = "\u{1D49C}";

interface Rejected {
    name: string;
    input: Record<string, unknown>;
    property: string;
    reason: RegExp;
}

/** Each case breaks exactly one rule of one property, at the edge where IAM's rule starts to bite. */
const REJECTED: Rejected[] = [
    // awsServiceName
    { name: "an empty service name", input: { awsServiceName: "" }, property: "awsServiceName", reason: /must not be empty/ },
    { name: "a 129-character service name", input: { awsServiceName: serviceOfLength(129) }, property: "awsServiceName", reason: /at most 128 characters; got 129/ },
    { name: "an upper-case service principal", input: { awsServiceName: "Connect.amazonaws.com" }, property: "awsServiceName", reason: /service principal/ },
    { name: "a bare service name", input: { awsServiceName: "connect" }, property: "awsServiceName", reason: /service principal/ },
    { name: "a service name with a trailing space", input: { awsServiceName: "connect.amazonaws.com " }, property: "awsServiceName", reason: /may contain only/ },
    { name: "a number as service name", input: { awsServiceName: 42 }, property: "awsServiceName", reason: /must be a string; got a number/ },
    { name: "an array as service name", input: { awsServiceName: ["connect.amazonaws.com"] }, property: "awsServiceName", reason: /must be a string; got an array/ },
    // description
    { name: "a 1001-character description", input: { description: times("a", 1001) }, property: "description", reason: /at most 1000 characters; got 1001/ },
    { name: "1001 × U+00A1 (counted as characters)", input: { description: times("\u00A1", 1001) }, property: "description", reason: /at most 1000 characters; got 1001/ },
    { name: "U+00A0 (no-break space) in a description", input: { description: "before\u00A0after" }, property: "description", reason: /U\+00A0/ },
    { name: "U+0100 in a description", input: { description: "\u0100" }, property: "description", reason: /U\+0100/ },
    { name: "U+007F (DEL) in a description", input: { description: "a\u007Fb" }, property: "description", reason: /U\+007F/ },
    { name: "an emoji in a description", input: { description: "launch \u{1F680}" }, property: "description", reason: /U\+1F680/ },
    { name: "a boolean as description", input: { description: true }, property: "description", reason: /must be a string; got a boolean/ },
    { name: "an object as description", input: { description: { text: "x" } }, property: "description", reason: /must be a string/ },
    // customSuffix
    { name: "an empty suffix", input: { customSuffix: "" }, property: "customSuffix", reason: /must not be empty/ },
    { name: "a 65-character suffix", input: { customSuffix: times("s", 65) }, property: "customSuffix", reason: /at most 64 characters; got 65/ },
    { name: "a suffix with a space", input: { customSuffix: "my suffix" }, property: "customSuffix", reason: /may contain only/ },
    { name: "a suffix with a non-ASCII letter (IAM's \\w is ASCII)", input: { customSuffix: "\u00FCmlaut" }, property: "customSuffix", reason: /may contain only/ },
    { name: "a number as suffix", input: { customSuffix: 7 }, property: "customSuffix", reason: /must be a string; got a number/ },
    // tags
    { name: "41 tags", input: { tags: manyTags(41) }, property: "tags", reason: /at most 40 tags are allowed .*; got 41/ },
    { name: "a claim-prefixed tag key", input: { tags: { "Pulumi-SLR-Claim:x": "y" } }, property: "tags", reason: /reserved for the claims/ },
    { name: "a 129-character tag key", input: { tags: { [times("k", 129)]: "v" } }, property: "tags", reason: /at most 128 characters; got 129/ },
    { name: "a tag key of 129 astral letters (characters, not UTF-16 units)", input: { tags: { [times(ASTRAL_LETTER, 129)]: "v" } }, property: "tags", reason: /at most 128 characters; got 129/ },
    { name: "a 257-character tag value", input: { tags: { k: times("v", 257) } }, property: "tags", reason: /value must be at most 256 characters; got 257/ },
    { name: "an empty tag key", input: { tags: { "": "v" } }, property: "tags", reason: /must not be empty/ },
    { name: "the aws: prefix in a tag key", input: { tags: { "aws:owner": "me" } }, property: "tags", reason: /reserved prefix aws:/ },
    { name: "the AWS: prefix in a tag key", input: { tags: { "AWS:Owner": "me" } }, property: "tags", reason: /reserved prefix aws:/ },
    { name: "the aWs: prefix in a tag key", input: { tags: { "aWs:x": "me" } }, property: "tags", reason: /reserved prefix aws:/ },
    { name: "tag keys differing only in case", input: { tags: { Env: "a", env: "b" } }, property: "tags", reason: /repeats another key .*case-insensitive/ },
    { name: "an emoji in a tag key", input: { tags: { "\u{1F680}launch": "v" } }, property: "tags", reason: /may contain only letters/ },
    { name: "an emoji in a tag value", input: { tags: { k: "go \u{1F680}" } }, property: "tags", reason: /value may contain only/ },
    { name: "a number as tag value", input: { tags: { k: 5 } }, property: "tags", reason: /must have a string value; got a number/ },
    { name: "null as tag value", input: { tags: { k: null } }, property: "tags", reason: /must have a string value; got null/ },
    { name: "an array as tags", input: { tags: [["k", "v"]] }, property: "tags", reason: /must be a map .*got an array/ },
    { name: "a string as tags", input: { tags: "team=a" }, property: "tags", reason: /must be a map/ },
    // deletionPolicy
    { name: "a deletion policy in the wrong case", input: { deletionPolicy: "DeleteIfCreated" }, property: "deletionPolicy", reason: /must be one of deleteIfCreated, alwaysDelete, neverDelete/ },
    { name: "an empty deletion policy", input: { deletionPolicy: "" }, property: "deletionPolicy", reason: /must be one of/ },
    { name: "a boolean deletion policy", input: { deletionPolicy: false }, property: "deletionPolicy", reason: /must be one of .*got a boolean/ },
    // deletionTimeoutSeconds
    { name: "a zero deletion timeout", input: { deletionTimeoutSeconds: 0 }, property: "deletionTimeoutSeconds", reason: /between 1 and 3600 seconds; got 0/ },
    { name: "a 3601 s deletion timeout", input: { deletionTimeoutSeconds: 3601 }, property: "deletionTimeoutSeconds", reason: /between 1 and 3600 seconds; got 3601/ },
    { name: "a fractional deletion timeout", input: { deletionTimeoutSeconds: 1.5 }, property: "deletionTimeoutSeconds", reason: /whole number of seconds/ },
    { name: "a numeric string as deletion timeout", input: { deletionTimeoutSeconds: "30" }, property: "deletionTimeoutSeconds", reason: /whole number of seconds; got "30"/ },
    { name: "NaN as deletion timeout", input: { deletionTimeoutSeconds: Number.NaN }, property: "deletionTimeoutSeconds", reason: /whole number of seconds/ },
    // existingRole
    { name: "an empty existing role", input: { existingRole: "" }, property: "existingRole", reason: /must not be empty/ },
    { name: "a 65-character role name", input: { existingRole: times("r", 65) }, property: "existingRole", reason: /at most 64 characters; got 65/ },
    { name: "a role ARN with a short account id", input: { existingRole: "arn:aws:iam::12345:role/x" }, property: "existingRole", reason: /must be a role ARN/ },
    { name: "a role name with a space", input: { existingRole: "role name" }, property: "existingRole", reason: /may contain only/ },
    { name: "an array as existing role", input: { existingRole: ["AWSServiceRoleForAmazonConnect"] }, property: "existingRole", reason: /must be a role name or ARN string; got an array/ },
];

/** The other side of each boundary: the largest or edgiest value IAM still takes. */
const ACCEPTED: Array<{ name: string; input: Record<string, unknown> }> = [
    { name: "a 128-character service name", input: { awsServiceName: serviceOfLength(128) } },
    { name: "a 1000-character description", input: { description: times("a", 1000) } },
    { name: "1000 × U+00A1 and the U+00FF edge", input: { description: `${times("\u00A1", 999)}\u00FF` } },
    { name: "tab, line breaks and printable ASCII in a description", input: { description: "a\tb\nc\r~ !" } },
    { name: "an empty description", input: { description: "" } },
    { name: "a 64-character suffix", input: { customSuffix: times("s", 64) } },
    { name: "40 tags", input: { tags: manyTags(40) } },
    { name: "a 128-character tag key", input: { tags: { [times("k", 128)]: "v" } } },
    { name: "a tag key of 128 astral letters", input: { tags: { [times(ASTRAL_LETTER, 128)]: "v" } } },
    { name: "a 256-character tag value and an empty one", input: { tags: { a: times("v", 256), b: "" } } },
    { name: "tag keys in other scripts", input: { tags: { "\u74B0\u5883": "prod", "\u0421\u0440\u0435\u0434\u0430": "test", "Umgebung_\u00DF": "x" } } },
    { name: "a tag key that merely contains aws:", input: { tags: { "team:aws:owner": "me" } } },
    { name: "a 3600 s deletion timeout (the upper edge) with neverDelete", input: { deletionTimeoutSeconds: 3600, deletionPolicy: "neverDelete" } },
    { name: "a 64-character role name", input: { existingRole: times("r", 64) } },
    { name: "a service-linked role ARN", input: { existingRole: "arn:aws:iam::123456789012:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_abc" } },
    { name: "values not known until apply", input: { description: UNKNOWN, tags: UNKNOWN, customSuffix: UNKNOWN, deletionTimeoutSeconds: UNKNOWN } },
];

describe("reliability: invalid inputs are refused by check, before any IAM call", function () {
    this.timeout(30_000);

    const fx = useProviderBehindProxy();

    it(`covers at least 30 invalid configurations (has ${REJECTED.length})`, () => {
        expect(REJECTED.length).to.be.at.least(30);
    });

    for (const { name, input, property, reason } of REJECTED) {
        it(`rejects ${name}, naming ${property}`, () => {
            const { failures } = check(input);
            expect(failures.map((f) => f.property)).to.deep.equal([property]);
            expect(failures[0].reason).to.match(reason);
        });
    }

    for (const { name, input } of ACCEPTED) {
        it(`accepts ${name}`, () => {
            expect(check(input).failures).to.deep.equal([]);
        });
    }

    it("accepts a 1 s deletion timeout (the lower edge)", () => {
        expect(check({ deletionTimeoutSeconds: 1 }).failures).to.deep.equal([]);
    });

    it("treats null from a JavaScript caller as 'not set' and fills the defaults", () => {
        const { inputs, failures } = check({ awsServiceName: null, description: null, customSuffix: null, tags: null, existingRole: null });
        expect(failures).to.deep.equal([]);
        expect(inputs).to.deep.equal({ awsServiceName: "connect.amazonaws.com", deletionPolicy: "deleteIfCreated", deletionTimeoutSeconds: 600 });
    });

    it("lists every invalid property at once", () => {
        const { failures } = check({ awsServiceName: "", description: "\u0100", tags: { "aws:x": "y" }, deletionTimeoutSeconds: 0 });
        expect(failures.map((f) => f.property).sort()).to.deep.equal(["awsServiceName", "deletionTimeoutSeconds", "description", "tags"]);
    });

    it("planning a change with invalid inputs makes no IAM call either", () => {
        const olds = { ...check({}).inputs, roleName: "r", arn: "a", roleId: "i", path: "/aws-service-role/connect.amazonaws.com/", createDate: "", trustPolicy: {}, ownership: "created" as const };
        expect(() => diff(olds, { description: 42 })).to.not.throw();
    });

    it("the fx.proxy recorded zero IAM calls during all of the above", () => {
        expect(fx.proxy.requestLog()).to.deep.equal([]);
    });

    it("(control) the fx.proxy is in the path: a lifecycle read does reach it", async () => {
        const missing = await read("AWSServiceRoleForNothing", {}).then(() => undefined, (err: Error) => err);
        expect(missing?.message).to.include("GetRole found no role AWSServiceRoleForNothing");
        expect(fx.proxy.counts()).to.deep.equal({ GetRole: { received: 1, forwarded: 1 } });
    });
});

/** Output's internal promise: the only way to observe a failed registration in a mocks test. */
function settledOutput<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

describe("reliability: secret inputs are refused by the ServiceLinkedRole constructor (Pulumi mocks)", function () {
    this.timeout(60_000);

    const registered: string[] = [];
    const stray: unknown[] = [];
    // A refused registration rejects each of the resource's outputs, and Pulumi leaves those
    // rejections unhandled; collect them here so mocha does not fail an unrelated test.
    const collectRejection = (reason: unknown) => stray.push(reason);
    let ServiceLinkedRole: typeof import("../../provider/iam/serviceLinkedRole").ServiceLinkedRole;

    before(async () => {
        process.on("unhandledRejection", collectRejection);
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push(args.name);
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: (args) => args.inputs,
            },
            "reliability",
            "mocks",
            true,
        );
        ({ ServiceLinkedRole } = await import("../../provider/iam/serviceLinkedRole"));
    });

    after(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        process.off("unhandledRejection", collectRejection);
        // Leave no mock monitor behind for suites that share this process.
        pulumi.runtime.resetOptions("", "", -1, "", "", false, "");
    });

    const SECRET_VALUE = "planted-secret-description-5e1a";
    const cases: Array<{ name: string; property: string; args: () => Record<string, unknown> }> = [
        { name: "a secret description", property: "description", args: () => ({ description: pulumi.secret(SECRET_VALUE) }) },
        { name: "a secret tag map", property: "tags", args: () => ({ tags: pulumi.secret({ owner: SECRET_VALUE }) }) },
        { name: "one secret tag value", property: "tags", args: () => ({ tags: { team: "a", owner: pulumi.secret(SECRET_VALUE) } }) },
        { name: "a secret existing role", property: "existingRole", args: () => ({ existingRole: pulumi.secret("AWSServiceRoleForAmazonConnect") }) },
    ];

    for (const { name, property, args } of cases) {
        it(`refuses ${name}, naming ${property}, without registering or echoing the value`, async () => {
            const resourceName = `refused-${property}-${registered.length}-${Math.random().toString(36).slice(2, 6)}`;
            const role = new ServiceLinkedRole(resourceName, args());

            const outcome = await settledOutput(role.urn).then(
                () => undefined,
                (err: Error) => err,
            );

            expect(outcome, "registration must fail").to.be.instanceOf(Error);
            expect(outcome?.message).to.include(`ServiceLinkedRole ${resourceName}: ${property} must not be a secret`);
            expect(outcome?.message).to.not.include(SECRET_VALUE);
            expect(registered).to.not.include(resourceName);
        });
    }

    it("(control) registers the same inputs when they are not secret", async () => {
        const role = new ServiceLinkedRole("plain-inputs", { description: "plain", tags: { team: "a", owner: "me" } });
        expect(await settledOutput(role.urn)).to.match(/ServiceLinkedRole::plain-inputs$/);
        expect(registered).to.include("plain-inputs");
    });

    it("the only unhandled rejections were the refusals themselves", async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const messages = new Set(stray.map((r) => (r instanceof Error ? r.message : String(r))));
        for (const message of messages) expect(message).to.match(/must not be a secret/);
    });
});

// Regression (docs/reliability.md, "Provider bugs these tests found"): keys named like
// Object.prototype members ("constructor", "toString", "__proto__") are valid for IAM and must converge.
describe("reliability: valid tag keys named like Object.prototype members", function () {
    this.timeout(30_000);

    const fx = useProviderBehindProxy();

    it("passes check", () => {
        expect(check({ tags: { constructor: "a", toString: "b" } }).failures).to.deep.equal([]);
        expect(check({ tags: JSON.parse('{"__proto__": "x"}') }).failures).to.deep.equal([]);
    });

    it("update removes a tag named 'constructor' and applies one named '__proto__'", async () => {
        const created = await create({ tags: { constructor: "a", keep: "c" } });
        await update(created.id, created.outs, { tags: { keep: "c" } });
        expect((await roleInIam(fx.iam, created.id))?.Tags).to.deep.equal([{ Key: "keep", Value: "c" }]);

        const protoTags = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
        await update(created.id, { ...created.outs, tags: { keep: "c" } }, { tags: protoTags });
        expect((await roleInIam(fx.iam, created.id))?.Tags).to.deep.equal([{ Key: "__proto__", Value: "x" }]);
    });
});
