// A front for moto's Connect API that answers the two instance-attribute calls moto lacks
// (DescribeInstanceAttribute, UpdateInstanceAttribute) from the stand-in's store and forwards
// everything else to moto. The harness points AWS_ENDPOINT_URL_CONNECT at it, so the package's own
// attribute provider (which calls Connect directly, not through the aws plugin) sees the same
// attributes as the stand-in's Instance resource.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { readInstance, updateInstance } from "./store";

/** AttributeType values (Connect API reference, UpdateInstanceAttribute). */
const ATTRIBUTE_TYPES = [
    "INBOUND_CALLS", "OUTBOUND_CALLS", "CONTACTFLOW_LOGS", "CONTACT_LENS", "AUTO_RESOLVE_BEST_VOICES", "USE_CUSTOM_TTS_VOICES", "EARLY_MEDIA",
    "MULTI_PARTY_CONFERENCE", "HIGH_VOLUME_OUTBOUND", "ENHANCED_CONTACT_MONITORING", "ENHANCED_CHAT_MONITORING", "MULTI_PARTY_CHAT_CONFERENCE", "MESSAGE_STREAMING",
];
const ATTRIBUTE_PATH = /^\/instance\/([^/]+)\/attribute\/([A-Z_]+)$/;

/** A running front. */
export interface ConnectApiFront {
    readonly endpoint: string;
    close(): Promise<void>;
}

function reply(res: http.ServerResponse, status: number, body: unknown, errorType?: string): void {
    res.writeHead(status, { "content-type": "application/json", ...(errorType ? { "x-amzn-errortype": errorType } : {}) });
    res.end(JSON.stringify(body));
}

/** Whether moto has the instance, asked through moto's own DescribeInstance. */
async function motoHasInstance(motoEndpoint: string, instanceId: string, authorization: string | undefined): Promise<boolean> {
    const response = await fetch(`${motoEndpoint}/instance/${instanceId}`, { headers: authorization ? { authorization } : {} });
    await response.arrayBuffer();
    return response.ok;
}

async function attributeCall(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, motoEndpoint: string, stateFile: string, match: RegExpExecArray): Promise<void> {
    const [, instanceId, type] = match;
    if (!ATTRIBUTE_TYPES.includes(type)) return reply(res, 400, { message: `AttributeType ${type} is not valid` }, "InvalidParameterException");
    if (!(await motoHasInstance(motoEndpoint, instanceId, req.headers.authorization))) {
        return reply(res, 404, { message: `Instance ${instanceId} not found` }, "ResourceNotFoundException");
    }
    if (!readInstance(instanceId, stateFile)) {
        return reply(res, 400, { message: `the AWS stand-in keeps attributes only for instances it created; ${instanceId} was made in moto directly` }, "InvalidRequestException");
    }
    if (req.method === "GET") {
        const value = readInstance(instanceId, stateFile)!.attributes[type] ?? "false";
        return reply(res, 200, { Attribute: { AttributeType: type, Value: value } });
    }
    const value = String(JSON.parse(body.toString("utf8") || "{}").Value);
    if (value !== "true" && value !== "false") return reply(res, 400, { message: "Value must be true or false" }, "InvalidParameterException");
    updateInstance(instanceId, (r) => ({ ...r!, attributes: { ...r!.attributes, [type]: value } }), stateFile);
    return reply(res, 200, {});
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, motoEndpoint: string): void {
    const target = new URL(req.url ?? "/", motoEndpoint);
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
            // moto answers CreatedTime as an ISO 8601 string where the API (restJson1) has epoch
            // seconds, which the SDK refuses (see clients.ts); callers of this front get AWS's form.
            const text = Buffer.concat(chunks).toString("utf8").replace(/"(CreatedTime|LastModifiedTime)":\s*"([^"]+)"/g, (_m, key: string, iso: string) => `"${key}": ${Date.parse(iso) / 1000}`);
            const headers = { ...answer.headers };
            delete headers["content-length"];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(text);
        });
    });
    upstream.on("error", (error) => reply(res, 502, { message: `forwarding to moto failed: ${error.message}` }, "ServiceUnavailableException"));
    upstream.end(body);
}

/** Starts the front on a free 127.0.0.1 port. */
export async function startConnectApiFront(motoEndpoint: string, stateFile: string): Promise<ConnectApiFront> {
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            const match = ATTRIBUTE_PATH.exec((req.url ?? "").split("?")[0]);
            if (match && (req.method === "GET" || req.method === "POST")) {
                attributeCall(req, res, body, motoEndpoint, stateFile, match).catch((error) => reply(res, 500, { message: String(error) }, "InternalServiceException"));
            } else {
                forward(req, res, body, motoEndpoint);
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
