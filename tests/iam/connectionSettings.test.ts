import { expect } from "chai";
import { connectionProblem, ConnectionConfigError, durationSeconds, parseStackSettings } from "../../provider/iam/connectionSettings";
import { validateInputs } from "../../provider/iam/validation";

/** A config reader over a plain map, the way the dynamic provider's `configure` sees stack config. */
const reader = (values: Record<string, unknown>) => (key: string) => values[key];

function parseError(values: Record<string, unknown>): string {
    try {
        parseStackSettings(reader(values));
    } catch (err) {
        expect(err).to.be.instanceOf(ConnectionConfigError);
        return (err as Error).message;
    }
    throw new Error("expected a ConnectionConfigError");
}

describe("stack config: aws:* settings as @pulumi/aws reads them", () => {
    it("reads every supported aws:* key, JSON-encoded objects and lists included", () => {
        const settings = parseStackSettings(
            reader({
                "aws:region": "eu-west-2",
                "aws:profile": "ops",
                "aws:sharedCredentialsFiles": '["/tmp/creds"]',
                "aws:sharedConfigFiles": '["/tmp/config"]',
                "aws:accessKey": "AKIA",
                "aws:secretKey": "secret",
                "aws:token": "token",
                "aws:assumeRoles": JSON.stringify([
                    {
                        roleArn: "arn:aws:iam::111111111111:role/a",
                        sessionName: "s",
                        externalId: "x",
                        duration: "1h30m",
                        policy: "{}",
                        policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                        tags: { k: "v" },
                        transitiveTagKeys: ["k"],
                        sourceIdentity: "me",
                    },
                    { roleArn: "arn:aws:iam::222222222222:role/b" },
                ]),
                "aws:assumeRoleWithWebIdentity": JSON.stringify({ roleArn: "arn:aws:iam::111111111111:role/oidc", webIdentityTokenFile: "/tmp/t" }),
                "aws:stsRegion": "us-west-2",
                "aws:allowedAccountIds": '["111111111111"]',
                "aws:maxRetries": "3",
                "aws:retryMode": "adaptive",
                "aws:endpoints": JSON.stringify([{ iam: "http://127.0.0.1:1" }, { sts: "http://127.0.0.1:2", s3: "http://ignored" }]),
                "aws:defaultTags": JSON.stringify({ tags: { env: "prod" } }),
                "aws:ignoreTags": JSON.stringify({ keys: ["a"], keyPrefixes: ["b:"] }),
                "aws:skipRequestingAccountId": "true",
            }),
        );
        expect(settings).to.deep.include({
            region: "eu-west-2",
            profile: "ops",
            sharedCredentialsFiles: ["/tmp/creds"],
            sharedConfigFiles: ["/tmp/config"],
            accessKey: "AKIA",
            secretKey: "secret",
            token: "token",
            stsRegion: "us-west-2",
            allowedAccountIds: ["111111111111"],
            maxRetries: 3,
            retryMode: "adaptive",
            endpoints: { iam: "http://127.0.0.1:1", sts: "http://127.0.0.1:2" },
            defaultTags: { env: "prod" },
            ignoreTags: { keys: ["a"], keyPrefixes: ["b:"] },
            skipRequestingAccountId: true,
        });
        expect(settings.assumeRoles!.map((r) => r.roleArn)).to.deep.equal(["arn:aws:iam::111111111111:role/a", "arn:aws:iam::222222222222:role/b"]);
        expect(settings.assumeRoles![0].tags).to.deep.equal({ k: "v" });
        expect(settings.assumeRoleWithWebIdentity!.webIdentityTokenFile).to.equal("/tmp/t");
    });

    it("serviceLinkedRole:* overrides aws:* key by key", () => {
        const settings = parseStackSettings(
            reader({ "aws:region": "eu-west-1", "serviceLinkedRole:region": "us-east-2", "aws:profile": "kept", "serviceLinkedRole:allowedAccountIds": '["222222222222"]' }),
        );
        expect(settings).to.deep.include({ region: "us-east-2", profile: "kept", allowedAccountIds: ["222222222222"] });
    });

    it("no config at all gives empty settings (the SDK's default chains)", () => {
        expect(parseStackSettings(reader({}))).to.deep.equal({});
    });

    it("refuses every bad key at once, naming each key and its rule", () => {
        const message = parseError({
            "aws:assumeRoles": JSON.stringify([{ roleArn: "not-an-arn", duration: "5m", color: "red" }, "x"]),
            "aws:allowedAccountIds": '["12345"]',
            "aws:maxRetries": "-1",
            "aws:retryMode": "legacy",
            "aws:accessKey": "AKIA",
            "aws:endpoints": JSON.stringify([{ iam: "ftp://x" }]),
            "aws:sharedConfigFiles": '["/a", "/b"]',
            "aws:assumeRoleWithWebIdentity": JSON.stringify({ roleArn: "arn:aws:iam::111111111111:role/oidc" }),
        });
        for (const expected of [
            "aws:assumeRoles[0].roleArn must be a role ARN",
            "aws:assumeRoles[0].duration must be a duration between 15m and 12h",
            "aws:assumeRoles[0].color is not a known setting",
            "aws:assumeRoles[1] must be an object with a roleArn",
            "aws:allowedAccountIds must hold 12-digit account ids; got 12345",
            "aws:maxRetries must be a whole number",
            "aws:retryMode must be standard or adaptive",
            "aws:accessKey and aws:secretKey must be set together",
            "aws:endpoints.iam must be an http(s) URL",
            "aws:sharedConfigFiles: only one file is supported",
            "aws:assumeRoleWithWebIdentity needs webIdentityToken or webIdentityTokenFile",
        ]) {
            expect(message).to.include(expected);
        }
    });

    it("refuses allowed and forbidden account lists together, and malformed JSON", () => {
        expect(parseError({ "aws:allowedAccountIds": '["111111111111"]', "aws:forbiddenAccountIds": '["222222222222"]' })).to.include("cannot both be set");
        expect(parseError({ "aws:assumeRoles": "[{oops" })).to.include("aws:assumeRoles is not valid JSON");
    });

    it("parses Go durations as @pulumi/aws writes them", () => {
        expect(durationSeconds("1h")).to.equal(3600);
        expect(durationSeconds("1h30m")).to.equal(5400);
        expect(durationSeconds("900s")).to.equal(900);
        expect(durationSeconds("15m")).to.equal(900);
        expect(durationSeconds("1500ms")).to.equal(1);
        expect(durationSeconds("1 hour")).to.equal(undefined);
        expect(durationSeconds("")).to.equal(undefined);
    });
});

describe("the connection input", () => {
    it("accepts region, profile and a chain of roles", () => {
        expect(connectionProblem({ region: "eu-west-2", profile: "p", assumeRoles: [{ roleArn: "arn:aws:iam::111111111111:role/a", externalId: "x" }] })).to.equal(undefined);
        expect(connectionProblem({})).to.equal(undefined);
    });

    it("refuses credentials by name and points to secret stack config", () => {
        for (const key of ["accessKey", "secretKey", "token", "webIdentityToken"]) {
            const problem = connectionProblem({ [key]: "x" });
            expect(problem, key).to.include(`connection.${key} is not a known setting`).and.to.include("secret stack config");
        }
    });

    it("is checked with the other inputs, naming the property", () => {
        const { failures } = validateInputs({ connection: { assumeRoles: [{ roleArn: "arn:aws:iam::1:role/x" }] }, expectedAccountId: "12" });
        expect(failures.map((f) => f.property)).to.deep.equal(["connection", "expectedAccountId"]);
        expect(failures[0].reason).to.include("connection.assumeRoles[0].roleArn must be a role ARN");
        expect(failures[1].reason).to.include("12-digit");
        expect(validateInputs({ connection: "eu-west-2" }).failures[0].reason).to.include("must be an object");
    });
});
