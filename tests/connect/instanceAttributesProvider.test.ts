/**
 * The instance-attributes provider against a local emulation of the Connect operations it calls
 * (moto's Connect backend implements neither attribute operation), plus STS GetCallerIdentity for
 * the account gate. The emulation follows the API reference: DescribeInstanceAttribute is
 * `GET /instance/{InstanceId}/attribute/{AttributeType}` answering `{"Attribute":{"AttributeType","Value"}}`
 * with Value "true"/"false"; UpdateInstanceAttribute is `POST` to the same path with `{"Value"}`;
 * DescribeInstance is `GET /instance/{InstanceId}`; ListTagsForResource, TagResource and
 * UntagResource are `GET`, `POST` (`{"tags"}`) and `DELETE` (`?tagKeys=`) on `/tags/{resourceArn}`;
 * an unknown instance answers 404 ResourceNotFoundException
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeInstanceAttribute.html,
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateInstanceAttribute.html,
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_TagResource.html).
 */
import { expect } from "chai";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { configureStack } from "../../provider/aws/connection";
import * as provider from "../../provider/connect/instanceAttributesProvider";

const INSTANCE = "11111111-2222-3333-4444-555555555555";
const HOME = "123456789012";
const OTHER = "111111111111";

describe("ConnectInstanceAttributeSettings provider (emulated Connect API)", function () {
    let server: http.Server;
    const attributes = new Map<string, string>();
    let tags: Record<string, string> = {};
    /** Every Connect call, as `METHOD what [value]`. */
    const calls: string[] = [];
    let denyUpdates = false;
    let callerAccount = HOME;
    const saved: Record<string, string | undefined> = {};
    const arn = () => `arn:aws:connect:us-west-2:${HOME}:instance/${INSTANCE}`;

    before(async function () {
        server = http.createServer((req, res) => {
            let body = "";
            req.on("data", (chunk) => (body += chunk));
            req.on("end", () => {
                const send = (status: number, payload: object, type?: string) => {
                    res.writeHead(status, { "content-type": "application/json", ...(type ? { "x-amzn-errortype": type } : {}) });
                    res.end(JSON.stringify(payload));
                };
                if (req.method === "POST" && body.includes("Action=GetCallerIdentity")) {
                    res.writeHead(200, { "content-type": "text/xml" });
                    return res.end(
                        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${callerAccount}:user/t</Arn><UserId>AIDA</UserId><Account>${callerAccount}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
                    );
                }
                const url = new URL(req.url ?? "/", "http://x");
                const tagPath = /^\/tags\/(.+)$/.exec(url.pathname);
                if (tagPath) {
                    if (decodeURIComponent(tagPath[1]) !== arn()) return send(404, { message: "Resource not found" }, "ResourceNotFoundException");
                    calls.push(`${req.method} tags`);
                    if (req.method === "GET") return send(200, { tags });
                    if (req.method === "POST") tags = { ...tags, ...JSON.parse(body).tags };
                    if (req.method === "DELETE") for (const key of url.searchParams.getAll("tagKeys")) delete tags[key];
                    return send(200, {});
                }
                const match = /^\/instance\/([^/]+)(?:\/attribute\/([A-Z_]+))?$/.exec(url.pathname);
                if (!match || match[1] !== INSTANCE) return send(404, { message: "Instance not found" }, "ResourceNotFoundException");
                if (!match[2]) {
                    calls.push("GET instance");
                    return send(200, { Instance: { Id: INSTANCE, Arn: arn() } });
                }
                calls.push(`${req.method} ${match[2]}${body ? ` ${JSON.parse(body).Value}` : ""}`);
                if (req.method === "GET") return send(200, { Attribute: { AttributeType: match[2], Value: attributes.get(match[2]) ?? "false" } });
                if (denyUpdates) return send(403, { message: "User is not authorized" }, "AccessDeniedException");
                attributes.set(match[2], JSON.parse(body).Value);
                return send(200, {});
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        for (const key of ["AWS_ENDPOINT_URL_CONNECT", "AWS_ENDPOINT_URL_STS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_MAX_ATTEMPTS"]) saved[key] = process.env[key];
        process.env.AWS_ENDPOINT_URL_CONNECT = `http://127.0.0.1:${port}`;
        process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${port}`;
        process.env.AWS_ACCESS_KEY_ID = "testing";
        process.env.AWS_SECRET_ACCESS_KEY = "testing";
    });

    after(async function () {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
        configureStack({});
        await new Promise((resolve) => server.close(resolve));
    });

    beforeEach(() => {
        // A fresh connection: the account is asked once per connection and process.
        configureStack({});
        attributes.clear();
        tags = {};
        calls.length = 0;
        denyUpdates = false;
        callerAccount = HOME;
        attributes.set("CONTACTFLOW_LOGS", "false");
        attributes.set("EARLY_MEDIA", "true");
    });

    const inputs = { instanceId: INSTANCE, region: "us-west-2", attributes: { CONTACTFLOW_LOGS: true, EARLY_MEDIA: true }, claimant: "p/a/attrs" };

    it("records the previous values and writes only what differs", async () => {
        const created = await provider.create(inputs);
        expect(created.outs!.previous).to.deep.equal({ CONTACTFLOW_LOGS: false, EARLY_MEDIA: true });
        expect(created.outs!.accountId).to.equal(HOME);
        expect(calls.filter((c) => c.startsWith("POST") && !c.includes("tags"))).to.deep.equal(["POST CONTACTFLOW_LOGS true"]);
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("true");
        expect(tags).to.include({ "pulumi-attr-original:CONTACTFLOW_LOGS": "false", [`pulumi-attr:CONTACTFLOW_LOGS:${created.outs!.claimId}`]: "p/a/attrs=true" });
    });

    it("restores the previous values on delete, and removes its claims and the recorded originals", async () => {
        const created = await provider.create(inputs);
        await provider.delete(created.id, created.outs!);
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("false");
        expect(attributes.get("EARLY_MEDIA")).to.equal("true");
        expect(tags).to.deep.equal({});
    });

    it("two managers of one attribute: the original comes back only when the last one leaves", async () => {
        const first = await provider.create({ ...inputs, attributes: { EARLY_MEDIA: false }, claimant: "p/first/attrs" });
        const second = await provider.create({ ...inputs, attributes: { EARLY_MEDIA: false }, claimant: "p/second/attrs" });
        expect(second.outs!.previous).to.deep.equal({ EARLY_MEDIA: true });
        expect(attributes.get("EARLY_MEDIA")).to.equal("false");
        await provider.delete(first.id, first.outs!);
        expect(attributes.get("EARLY_MEDIA"), "after the first leaves").to.equal("false");
        await provider.delete(second.id, second.outs!);
        expect(attributes.get("EARLY_MEDIA"), "after the last leaves").to.equal("true");
        expect(tags).to.deep.equal({});
    });

    it("a manager that would set the other value is refused, naming the first, with no change", async () => {
        await provider.create({ ...inputs, attributes: { EARLY_MEDIA: false }, claimant: "p/first/attrs" });
        const before = { ...tags };
        calls.length = 0;
        const message = await provider.create({ ...inputs, attributes: { EARLY_MEDIA: true }, claimant: "p/second/attrs" }).then(
            () => "",
            (e: Error) => e.message,
        );
        expect(message).to.include("EARLY_MEDIA of Connect instance").and.to.include("p/first/attrs").and.to.include("Nothing was changed");
        expect(calls.filter((c) => c.startsWith("POST") || c.startsWith("DELETE"))).to.deep.equal([]);
        expect(tags).to.deep.equal(before);
        expect(attributes.get("EARLY_MEDIA")).to.equal("false");
    });

    it("puts back an attribute dropped from the inputs, and records a newly listed one", async () => {
        const created = await provider.create(inputs);
        const updated = await provider.update(created.id, created.outs!, { ...inputs, attributes: { EARLY_MEDIA: false } });
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("false");
        expect(attributes.get("EARLY_MEDIA")).to.equal("false");
        expect(updated.outs!.previous).to.deep.equal({ EARLY_MEDIA: true });
    });

    it("state written before claims existed (no claimId): an update claims with the recorded previous value, delete restores it", async () => {
        const legacy = { instanceId: INSTANCE, region: "us-west-2", attributes: { EARLY_MEDIA: false }, previous: { EARLY_MEDIA: true } };
        attributes.set("EARLY_MEDIA", "false");
        const updated = await provider.update("x", legacy, { ...legacy, claimant: "p/a/attrs" });
        expect(tags).to.include({ "pulumi-attr-original:EARLY_MEDIA": "true" });
        await provider.delete("x", updated.outs!);
        expect(attributes.get("EARLY_MEDIA")).to.equal("true");
    });

    it("reads drift into the inputs on refresh", async () => {
        const created = await provider.create(inputs);
        attributes.set("CONTACTFLOW_LOGS", "false");
        const read = await provider.read(created.id, created.outs!);
        expect(read.props!.attributes).to.deep.equal({ CONTACTFLOW_LOGS: false, EARLY_MEDIA: true });
    });

    it("with the credentials now in another account, read, update and delete fail naming both accounts and make no Connect call", async () => {
        const created = await provider.create(inputs);
        const tagsBefore = { ...tags };
        callerAccount = OTHER;
        for (const [operation, run] of [
            ["read", () => provider.read(created.id, created.outs!)],
            ["update", () => provider.update(created.id, created.outs!, { ...inputs, attributes: { EARLY_MEDIA: false } })],
            ["delete", () => provider.delete(created.id, created.outs!)],
        ] as const) {
            configureStack({});
            calls.length = 0;
            const message = await (run as () => Promise<unknown>)().then(
                () => "",
                (e: Error) => e.message,
            );
            expect(message, operation).to.include(`recorded in AWS account ${HOME}`).and.to.include(`resolve to account ${OTHER}`);
            expect(calls, operation).to.deep.equal([]);
        }
        expect(tags).to.deep.equal(tagsBefore);
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("true");
    });

    it("expectedAccountId refuses another account at check (preview), before any Connect call", async () => {
        const message = await provider.check(undefined, { ...inputs, expectedAccountId: OTHER }).then(
            () => "",
            (e: Error) => e.message,
        );
        expect(message).to.include(`must be in AWS account ${OTHER}`).and.to.include(`resolve to account ${HOME}`);
        expect(calls).to.deep.equal([]);
    });

    it("names the operation, attribute and instance, and the permission to add, when denied", async () => {
        denyUpdates = true;
        let error: Error | undefined;
        await provider.create(inputs).catch((e: Error) => (error = e));
        expect(error?.message).to.contain(`UpdateInstanceAttribute CONTACTFLOW_LOGS on Connect instance ${INSTANCE} failed (AccessDeniedException)`);
        expect(error?.message).to.contain("connect:UpdateInstanceAttribute");
    });

    it("has nothing to restore for an instance that is gone", async () => {
        await provider.delete("x", { instanceId: "00000000-0000-0000-0000-000000000000", region: "us-west-2", attributes: {}, previous: { EARLY_MEDIA: true } });
    });

    it("rejects attribute names and values that are not AWS's", async () => {
        const result = await provider.check(undefined, { instanceId: INSTANCE, attributes: { "contact-lens": true, EARLY_MEDIA: "yes" as never } });
        expect(result.failures!.map((f) => f.property)).to.deep.equal(["attributes.contact-lens", "attributes.EARLY_MEDIA"]);
    });

    it("replaces itself for another instance or connection", async () => {
        const diff = await provider.diff("x", { ...inputs, previous: {} }, { ...inputs, instanceId: "other" });
        expect(diff.replaces).to.deep.equal(["instanceId"]);
        const moved = await provider.diff("x", { ...inputs, previous: {} }, { ...inputs, connection: { profile: "other" } });
        expect(moved.replaces).to.deep.equal(["instanceId"]);
    });
});
