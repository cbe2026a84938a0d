/**
 * Every `aws:*` key of @pulumi/aws is read, refused at preview (configure) by name with the fix, or
 * knowingly ignored; and the keys that select the endpoint reach the clients.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { HONOURED_KEYS, IGNORED_KEYS, REFUSED_KEYS, unknownAwsKeys } from "../../provider/aws/configKeys";
import { closeConnections, configureStack, connectionFor } from "../../provider/aws/connection";
import { ConnectionConfigError, parseStackSettings } from "../../provider/aws/connectionSettings";

const refusal = (config: Record<string, unknown>): string => {
    try {
        parseStackSettings((key) => config[key]);
        return "";
    } catch (err) {
        expect(err).to.be.instanceOf(ConnectionConfigError);
        return (err as Error).message;
    }
};

describe("aws:* config keys: read, refused or ignored", () => {
    after(() => configureStack({}));

    it("sorts every key that @pulumi/aws declares (config/vars.d.ts) into exactly one table", () => {
        const vars = fs.readFileSync(path.join(require.resolve("@pulumi/aws/package.json"), "..", "config", "vars.d.ts"), "utf8");
        const declared = [...vars.matchAll(/export declare const (\w+):/g)].map((m) => m[1]);
        expect(declared.length).to.be.greaterThan(30);
        const tables = [[...HONOURED_KEYS], Object.keys(REFUSED_KEYS), Object.keys(IGNORED_KEYS)];
        for (const key of declared) expect(tables.filter((t) => t.includes(key)), key).to.have.length(1);
        expect(unknownAwsKeys(declared.map((k) => `aws:${k}`))).to.deep.equal([]);
    });

    it("refuses the v6 aws:assumeRole object by name, with the aws:assumeRoles fix", () => {
        const message = refusal({ "aws:assumeRole": JSON.stringify({ roleArn: "arn:aws:iam::111111111111:role/deploy" }) });
        expect(message).to.include("aws:assumeRole is the @pulumi/aws v6 form").and.to.include("aws:assumeRoles: [{ roleArn");
        expect(refusal({ "serviceLinkedRole:assumeRole": "{}" })).to.include("serviceLinkedRole:assumeRole");
    });

    it("refuses every key that would pick the endpoint or credentials but is not read, naming each", () => {
        const config = Object.fromEntries(Object.keys(REFUSED_KEYS).map((k) => [`aws:${k}`, "x"]));
        const message = refusal(config);
        for (const key of Object.keys(REFUSED_KEYS)) expect(message).to.include(`aws:${key} `);
    });

    it("ignores keys that pick none of them, and reports unknown ones", () => {
        expect(refusal({ "aws:s3UsePathStyle": "true", "aws:userAgents": "[]" })).to.equal("");
        expect(unknownAwsKeys(["aws:asumeRoles", "aws:region", "other:x"])).to.deep.equal(["aws:asumeRoles"]);
    });

    it("honours aws:useFipsEndpoint and aws:useDualstackEndpoint and aws:endpoints' connect entry in the clients it builds", async () => {
        configureStack(parseStackSettings((key) => ({ "aws:useFipsEndpoint": "true", "aws:useDualstackEndpoint": true, "aws:endpoints": JSON.stringify([{ connect: "http://127.0.0.1:9" }]) })[key]));
        const connection = connectionFor({ region: "us-west-2" });
        expect(await connection.iam.config.useFipsEndpoint()).to.equal(true);
        expect(await connection.sts.config.useDualstackEndpoint()).to.equal(true);
        const connect = connection.connect();
        expect(await connect.config.useFipsEndpoint()).to.equal(true);
        const endpoint = await connect.config.endpoint!();
        expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).to.equal("http://127.0.0.1:9");
        closeConnections();
    });
});
