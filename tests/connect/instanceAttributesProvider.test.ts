/**
 * The instance-attributes provider against a local emulation of Connect's two attribute operations
 * (moto's Connect backend implements neither). The emulation follows the API reference:
 * DescribeInstanceAttribute is `GET /instance/{InstanceId}/attribute/{AttributeType}` answering
 * `{"Attribute":{"AttributeType","Value"}}` with Value "true"/"false"; UpdateInstanceAttribute is
 * `POST` to the same path with `{"Value": "true"|"false"}`; an unknown instance answers 404
 * ResourceNotFoundException (https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeInstanceAttribute.html,
 * https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateInstanceAttribute.html).
 */
import { expect } from "chai";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as provider from "../../provider/connect/instanceAttributesProvider";

const INSTANCE = "11111111-2222-3333-4444-555555555555";

describe("ConnectInstanceAttributeSettings provider (emulated Connect API)", function () {
    let server: http.Server;
    const attributes = new Map<string, string>();
    const calls: string[] = [];
    let denyUpdates = false;
    const saved: Record<string, string | undefined> = {};

    before(async function () {
        server = http.createServer((req, res) => {
            let body = "";
            req.on("data", (chunk) => (body += chunk));
            req.on("end", () => {
                const match = /^\/instance\/([^/]+)\/attribute\/([A-Z_]+)$/.exec(req.url ?? "");
                const send = (status: number, payload: object, type?: string) => {
                    res.writeHead(status, { "content-type": "application/json", ...(type ? { "x-amzn-errortype": type } : {}) });
                    res.end(JSON.stringify(payload));
                };
                if (!match || match[1] !== INSTANCE) return send(404, { message: "Instance not found" }, "ResourceNotFoundException");
                calls.push(`${req.method} ${match[2]}${body ? ` ${JSON.parse(body).Value}` : ""}`);
                if (req.method === "GET") return send(200, { Attribute: { AttributeType: match[2], Value: attributes.get(match[2]) ?? "false" } });
                if (denyUpdates) return send(403, { message: "User is not authorized" }, "AccessDeniedException");
                attributes.set(match[2], JSON.parse(body).Value);
                return send(200, {});
            });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        for (const key of ["AWS_ENDPOINT_URL_CONNECT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_MAX_ATTEMPTS"]) saved[key] = process.env[key];
        process.env.AWS_ENDPOINT_URL_CONNECT = `http://127.0.0.1:${port}`;
        process.env.AWS_ACCESS_KEY_ID = "testing";
        process.env.AWS_SECRET_ACCESS_KEY = "testing";
    });

    after(async function () {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
        await new Promise((resolve) => server.close(resolve));
    });

    beforeEach(() => {
        attributes.clear();
        calls.length = 0;
        denyUpdates = false;
        attributes.set("CONTACTFLOW_LOGS", "false");
        attributes.set("EARLY_MEDIA", "true");
    });

    const inputs = { instanceId: INSTANCE, region: "us-west-2", attributes: { CONTACTFLOW_LOGS: true, EARLY_MEDIA: true } };

    it("records the previous values and writes only what differs", async () => {
        const created = await provider.create(inputs);
        expect(created.outs!.previous).to.deep.equal({ CONTACTFLOW_LOGS: false, EARLY_MEDIA: true });
        expect(calls.filter((c) => c.startsWith("POST"))).to.deep.equal(["POST CONTACTFLOW_LOGS true"]);
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("true");
    });

    it("restores the previous values on delete", async () => {
        const created = await provider.create(inputs);
        attributes.set("EARLY_MEDIA", "true");
        await provider.delete(created.id, created.outs!);
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("false");
        expect(attributes.get("EARLY_MEDIA")).to.equal("true");
    });

    it("puts back an attribute dropped from the inputs, and records a newly listed one", async () => {
        const created = await provider.create(inputs);
        const updated = await provider.update(created.id, created.outs!, { ...inputs, attributes: { EARLY_MEDIA: false } });
        expect(attributes.get("CONTACTFLOW_LOGS")).to.equal("false");
        expect(attributes.get("EARLY_MEDIA")).to.equal("false");
        expect(updated.outs!.previous).to.deep.equal({ EARLY_MEDIA: true });
    });

    it("reads drift into the inputs on refresh", async () => {
        const created = await provider.create(inputs);
        attributes.set("CONTACTFLOW_LOGS", "false");
        const read = await provider.read(created.id, created.outs!);
        expect(read.props!.attributes).to.deep.equal({ CONTACTFLOW_LOGS: false, EARLY_MEDIA: true });
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

    it("replaces itself for another instance", async () => {
        const diff = await provider.diff("x", { ...inputs, previous: {} }, { ...inputs, instanceId: "other" });
        expect(diff.replaces).to.deep.equal(["instanceId"]);
    });
});
