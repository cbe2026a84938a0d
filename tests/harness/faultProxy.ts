import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/**
 * A fault-injecting HTTP proxy for the IAM Query API, meant to sit between the AWS SDK and moto.
 *
 * Point `AWS_ENDPOINT_URL_IAM` at {@link FaultProxy.endpoint}; every request is forwarded to the
 * target unchanged (including its `Host` header, so SigV4 signatures stay valid) unless a
 * {@link FaultRule} installed with {@link FaultProxy.setRules} matches its IAM action.
 *
 * The proxy speaks just enough of IAM's wire format to impersonate it: Query-protocol form bodies
 * (`Action=...`) in, `text/xml` answers and `<ErrorResponse>` errors out.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(moto.endpoint);
 * proxy.setRules([{ action: "CreateServiceLinkedRole", fault: { kind: "throttle" }, times: 2 }]);
 * // ... run the code under test with AWS_ENDPOINT_URL_IAM = proxy.endpoint ...
 * proxy.counts().CreateServiceLinkedRole; // { received: 3, forwarded: 1 }
 * await proxy.close();
 * ```
 */
export interface FaultProxy {
    /** Base URL of the proxy, e.g. `http://127.0.0.1:40125`. */
    readonly endpoint: string;
    /** Base URL requests are forwarded to (moto). */
    readonly target: string;
    /**
     * Replaces the active rules. Each rule's `times` budget starts afresh; simulated deletion tasks
     * that already exist keep the outcome they were created with.
     */
    setRules(rules: readonly FaultRule[]): void;
    /** Calls per IAM action since the last {@link FaultProxy.reset}. */
    counts(): Record<string, ActionCount>;
    /** Every request since the last reset, in arrival order. */
    requestLog(): readonly LoggedRequest[];
    /** Raw method, URL, headers and body of every request since the last reset, for secret scanning. */
    rawRequests(): readonly RawRequest[];
    /**
     * Makes every simulated deletion task that is `IN_PROGRESS` (see {@link DeletionInProgressFault})
     * succeed: deletes the roles in moto, then answers `SUCCEEDED` from that moment on.
     * Resolves to that moment (`Date.now()`), for latency measurements.
     */
    completeDeletions(): Promise<number>;
    /** Resolves once `count` requests for `action` have been received, or rejects after `timeoutMs`. */
    waitForCalls(action: string, count: number, timeoutMs?: number): Promise<void>;
    /**
     * Runs IAM's clock `ms` ahead of this machine's (negative: behind): the `Date` header of every
     * answer and every `<CreateDate>` in answer bodies are shifted, as if IAM's clock differed.
     */
    setServerClockOffset(ms: number): void;
    /** Drops rules, counters, logs, simulated deletion tasks and the clock offset. */
    reset(): void;
    /** Stops listening and cuts open connections. */
    close(): Promise<void>;
}

/** How often an action was requested, and how many of those requests reached the target. */
export interface ActionCount {
    /** Requests (SDK attempts) that arrived at the proxy. */
    received: number;
    /** Requests the proxy passed on to the target, including ones whose answer it then dropped. */
    forwarded: number;
}

/** One request as the proxy handled it. */
export interface LoggedRequest {
    /** Arrival order, from 1. */
    seq: number;
    /** IAM action from the form body (`?` when the body had none). */
    action: string;
    /** Arrival time, `Date.now()`. */
    at: number;
    /** `RoleName` parameter, when the request had one. */
    roleName?: string;
    /** Attempt number the SDK announced in `amz-sdk-request` (`attempt=2; max=6`). */
    attempt?: number;
    /** Attempt limit the SDK announced in `amz-sdk-request`. */
    maxAttempts?: number;
    /** `amz-sdk-invocation-id`: the same for every attempt of one SDK call. */
    invocationId?: string;
    /** What the proxy did with it. */
    outcome: RequestOutcome;
    /**
     * Milliseconds the target (moto) took to answer this request once forwarded: the emulator's own
     * service time, apart from any latency the proxy injected. Unset when it was never forwarded.
     */
    serviceMs?: number;
}

/** What the proxy did with a request. */
export type RequestOutcome =
    | "forwarded"
    | "throttled"
    | "http500"
    | "http503"
    | "accessDenied"
    | "resetBeforeForward"
    | "forwardedThenDropped"
    | "notVisible"
    | "notListed"
    | "deletionTaskStarted"
    | "deletionRefusedNoSuchRole"
    | "deletionStatusFailed"
    | "deletionStatusInProgress"
    | "deletionStatusSucceeded"
    | "deletionTaskGone"
    | "pending";

/** A request exactly as received. */
export interface RawRequest {
    seq: number;
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
}

/** Selects requests by IAM action; `*` matches every action. */
export type ActionSelector = string;

/** Answers `Throttling` (HTTP 400, `Sender`) without forwarding. */
export interface ThrottleFault {
    kind: "throttle";
}
/** Answers HTTP 500 (`ServiceFailure`) or 503 (`ServiceUnavailable`) without forwarding. */
export interface ServerErrorFault {
    kind: "serverError";
    status: 500 | 503;
}
/**
 * Answers `AccessDenied` (HTTP 403, `Sender`) without forwarding: a deployer lacking one
 * permission. Not retried by the SDK, so a step fails at once.
 */
export interface AccessDeniedFault {
    kind: "accessDenied";
}
/**
 * Answers `NoSuchEntity` (HTTP 404) without forwarding: IAM's read-after-write lag as a write sees
 * it, e.g. a TagRole sent right after CreateServiceLinkedRole ("Changes that I make are not always
 * immediately visible", IAM User Guide, troubleshooting).
 */
export interface NotYetVisibleFault {
    kind: "notYetVisible";
}
/** Destroys the client connection before forwarding: the target never sees the request. */
export interface ResetBeforeForwardFault {
    kind: "resetBeforeForward";
}
/** Waits `ms` before forwarding; the answer itself is untouched. */
export interface LatencyFault {
    kind: "latency";
    ms: number;
}
/** Forwards, lets the target apply the call, then destroys the connection instead of answering. */
export interface ForwardThenDropFault {
    kind: "forwardThenDrop";
}
/** Faults that act on the transport of any action; they honour {@link TransportRule.times}. */
export type TransportFault = ThrottleFault | ServerErrorFault | AccessDeniedFault | NotYetVisibleFault | ResetBeforeForwardFault | LatencyFault | ForwardThenDropFault;

/**
 * IAM's read-after-write lag: GetRole answers `NoSuchEntity` for the next `calls` requests, counted
 * from each CreateServiceLinkedRole the target accepts (`start: "afterCreate"`, the default) or
 * from the moment the rule is installed (`start: "now"`).
 */
export interface ReadLagFault {
    kind: "readLag";
    calls: number;
    start?: "afterCreate" | "now";
}

/**
 * IAM's list lag: ListRoles answers an empty list for the next `calls` requests after each
 * CreateServiceLinkedRole that the target applies (including one whose answer was then dropped).
 * IAM is eventually consistent ("Changes that I make are not always immediately visible", IAM User
 * Guide, troubleshooting), and a list can trail a create like GetRole does.
 */
export interface ListLagFault {
    kind: "listLag";
    calls: number;
}

/** Where a service-linked role is still in use, as GetServiceLinkedRoleDeletionStatus reports it. */
export interface RoleUsage {
    region: string;
    resources: string[];
}
/** The deletion task fails: the role stays, and the status names the reason and the resources using it. */
export interface DeletionFailedFault {
    kind: "deletionFailed";
    reason: string;
    usage: RoleUsage[];
}
/**
 * The deletion task record has been purged: the status answers `NoSuchEntity`. The role disappears
 * from moto once GetRole has seen it `roleVisibleForGetRoleCalls` more times (default 0: at once),
 * which models IAM's propagation lag after a completed deletion.
 */
export interface DeletionTaskGoneFault {
    kind: "deletionTaskGone";
    roleVisibleForGetRoleCalls?: number;
}
/** The deletion task stays `IN_PROGRESS` until {@link FaultProxy.completeDeletions} (never, if not called). */
export interface DeletionInProgressFault {
    kind: "deletionInProgress";
}
/**
 * Outcomes of IAM's asynchronous deletion task. moto deletes synchronously and always reports
 * `SUCCEEDED`, so while such a rule is installed the proxy answers DeleteServiceLinkedRole itself
 * with a task id of its own (after checking in moto that the role exists) and removes the role
 * from moto only when the simulated task succeeds.
 */
export type DeletionFault = DeletionFailedFault | DeletionTaskGoneFault | DeletionInProgressFault;

/** A transport fault for the first `times` matching requests (every matching request when omitted). */
export interface TransportRule {
    action: ActionSelector;
    fault: TransportFault;
    times?: number;
    /**
     * Only requests whose form parameters have these values (e.g. STS AssumeRole's `RoleArn`, to
     * refuse one account's role as a trust policy that does not trust the caller would).
     */
    parameters?: Record<string, string>;
    /**
     * Awaited when the rule matches, before the fault acts; lets a test play a concurrent actor
     * (for instance, create the role in moto while the SDK waits to retry).
     */
    onMatch?: (request: LoggedRequest) => Promise<void> | void;
}
/** Read-after-write lag, for GetRole only. */
export interface ReadLagRule {
    action: "GetRole";
    fault: ReadLagFault;
}
/** List lag, for ListRoles only. */
export interface ListLagRule {
    action: "ListRoles";
    fault: ListLagFault;
}
/** Simulated deletion-task outcome, for GetServiceLinkedRoleDeletionStatus only. */
export interface DeletionRule {
    action: "GetServiceLinkedRoleDeletionStatus";
    fault: DeletionFault;
}
/**
 * One injected fault. Rules are tried in order and at most one transport rule acts on a request:
 * the first whose action matches and whose `times` budget is not spent.
 */
export type FaultRule = TransportRule | ReadLagRule | ListLagRule | DeletionRule;

/** Starts a proxy on a free loopback port in front of `target` (moto's base URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
    const proxy = new IamFaultProxy(new URL(target));
    await proxy.listen();
    return proxy;
}

const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

interface ActiveTransportRule {
    rule: TransportRule;
    remaining: number;
}

interface SimulatedDeletion {
    taskId: string;
    roleName: string;
    fault: DeletionFault;
    /** The client's DeleteServiceLinkedRole request, replayed to moto when the task succeeds. */
    original: BufferedRequest;
    getRoleCallsSeen: number;
    appliedAt?: number;
}

interface BufferedRequest {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
}

interface UpstreamAnswer {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
}

class IamFaultProxy implements FaultProxy {
    private readonly server: http.Server;
    private transportRules: ActiveTransportRule[] = [];
    private readLag: { fault: ReadLagFault; armedCalls: number } | undefined;
    private listLag: { fault: ListLagFault; armedCalls: number } | undefined;
    private clockOffsetMs = 0;
    private deletionFault: DeletionFault | undefined;
    private deletions = new Map<string, SimulatedDeletion>();
    private tally = new Map<string, ActionCount>();
    private log: LoggedRequest[] = [];
    private raw: RawRequest[] = [];
    /** Pending {@link FaultProxy.waitForCalls}: each returns true once satisfied. */
    private waiters: Array<() => boolean> = [];
    private seq = 0;
    endpoint = "";

    constructor(private readonly targetUrl: URL) {
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((err: unknown) => answerProxyFailure(res, err));
        });
    }

    get target(): string {
        return this.targetUrl.origin;
    }

    async listen(): Promise<void> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(0, "127.0.0.1", () => resolve());
        });
        const { port } = this.server.address() as AddressInfo;
        this.endpoint = `http://127.0.0.1:${port}`;
    }

    setRules(rules: readonly FaultRule[]): void {
        this.transportRules = [];
        this.readLag = undefined;
        this.listLag = undefined;
        this.deletionFault = undefined;
        for (const rule of rules) this.install(rule);
    }

    counts(): Record<string, ActionCount> {
        return Object.fromEntries([...this.tally].map(([action, count]) => [action, { ...count }]));
    }

    requestLog(): readonly LoggedRequest[] {
        return this.log.map((entry) => ({ ...entry }));
    }

    rawRequests(): readonly RawRequest[] {
        return [...this.raw];
    }

    async completeDeletions(): Promise<number> {
        for (const task of this.deletions.values()) {
            if (task.fault.kind === "deletionInProgress" && task.appliedAt === undefined) await this.applyDeletion(task);
        }
        return Date.now();
    }

    waitForCalls(action: string, count: number, timeoutMs = 30_000): Promise<void> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`proxy saw ${this.received(action)} of ${count} ${action} calls within ${timeoutMs} ms`)), timeoutMs);
            const check = () => {
                if (this.received(action) < count) return false;
                clearTimeout(timer);
                resolve();
                return true;
            };
            if (!check()) this.waiters.push(check);
        });
    }

    setServerClockOffset(ms: number): void {
        this.clockOffsetMs = ms;
        serverClockOffsetMs = ms;
    }

    reset(): void {
        this.setRules([]);
        this.setServerClockOffset(0);
        this.deletions.clear();
        this.tally.clear();
        this.log = [];
        this.raw = [];
        this.seq = 0;
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private install(rule: FaultRule): void {
        switch (rule.fault.kind) {
            case "readLag":
                if (rule.action !== "GetRole") throw new Error("a readLag fault applies to GetRole only");
                this.readLag = { fault: rule.fault, armedCalls: rule.fault.start === "now" ? rule.fault.calls : 0 };
                return;
            case "listLag":
                if (rule.action !== "ListRoles") throw new Error("a listLag fault applies to ListRoles only");
                this.listLag = { fault: rule.fault, armedCalls: 0 };
                return;
            case "deletionFailed":
            case "deletionTaskGone":
            case "deletionInProgress":
                if (rule.action !== "GetServiceLinkedRoleDeletionStatus") {
                    throw new Error(`a ${rule.fault.kind} fault applies to GetServiceLinkedRoleDeletionStatus only`);
                }
                this.deletionFault = rule.fault;
                return;
            default: {
                const transport = rule as TransportRule;
                this.transportRules.push({ rule: transport, remaining: transport.times ?? Number.POSITIVE_INFINITY });
            }
        }
    }

    private received(action: string): number {
        return this.tally.get(action)?.received ?? 0;
    }

    private count(action: string, field: keyof ActionCount): void {
        const entry = this.tally.get(action) ?? { received: 0, forwarded: 0 };
        entry[field] += 1;
        this.tally.set(action, entry);
        if (field === "received") this.waiters = this.waiters.filter((check) => !check());
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const request = await bufferRequest(req);
        const params = new URLSearchParams(request.body.toString("utf8"));
        const entry = this.record(request, params);

        const special = await this.simulate(entry, params, request, res);
        if (special) return;

        const active = this.transportRules.find(
            (r) =>
                (r.rule.action === "*" || r.rule.action === entry.action) &&
                r.remaining > 0 &&
                Object.entries(r.rule.parameters ?? {}).every(([name, value]) => params.get(name) === value),
        );
        if (active) {
            active.remaining -= 1;
            await active.rule.onMatch?.(entry);
            await this.applyTransportFault(active.rule.fault, entry, request, req, res);
            return;
        }
        await this.forwardAndAnswer(entry, request, res);
    }

    private record(request: BufferedRequest, params: URLSearchParams): LoggedRequest {
        const seq = ++this.seq;
        const sdkRequest = /attempt=(\d+);\s*max=(\d+)/.exec(String(request.headers["amz-sdk-request"] ?? ""));
        const entry: LoggedRequest = {
            seq,
            action: params.get("Action") ?? "?",
            at: Date.now(),
            roleName: params.get("RoleName") ?? undefined,
            attempt: sdkRequest ? Number(sdkRequest[1]) : undefined,
            maxAttempts: sdkRequest ? Number(sdkRequest[2]) : undefined,
            invocationId: headerValue(request.headers["amz-sdk-invocation-id"]),
            outcome: "pending",
        };
        this.log.push(entry);
        this.raw.push({ seq, method: request.method, url: request.url, headers: { ...request.headers }, body: request.body.toString("utf8") });
        this.count(entry.action, "received");
        return entry;
    }

    /** Read lag and deletion tasks: behaviours that depend on IAM state, not on the transport. */
    private async simulate(entry: LoggedRequest, params: URLSearchParams, request: BufferedRequest, res: http.ServerResponse): Promise<boolean> {
        if (entry.action === "GetRole") return this.simulateGetRole(entry, res);
        if (entry.action === "ListRoles" && this.listLag && this.listLag.armedCalls > 0) {
            this.listLag.armedCalls -= 1;
            entry.outcome = "notListed";
            answerXml(res, "ListRoles", "<IsTruncated>false</IsTruncated><Roles/>");
            return true;
        }
        if (entry.action === "DeleteServiceLinkedRole" && this.deletionFault) {
            await this.startDeletionTask(entry, request, res, this.deletionFault);
            return true;
        }
        if (entry.action === "GetServiceLinkedRoleDeletionStatus") {
            const task = this.deletions.get(params.get("DeletionTaskId") ?? "");
            if (task) {
                answerDeletionStatus(entry, task, res);
                return true;
            }
        }
        return false;
    }

    private async simulateGetRole(entry: LoggedRequest, res: http.ServerResponse): Promise<boolean> {
        const roleName = entry.roleName ?? "";
        // A role whose purged deletion task is still propagating stays visible for a few reads.
        for (const task of this.deletions.values()) {
            if (task.roleName === roleName && task.fault.kind === "deletionTaskGone" && task.appliedAt === undefined) {
                task.getRoleCallsSeen += 1;
                if (task.getRoleCallsSeen > (task.fault.roleVisibleForGetRoleCalls ?? 0)) await this.applyDeletion(task);
            }
        }
        if (this.readLag && this.readLag.armedCalls > 0) {
            this.readLag.armedCalls -= 1;
            entry.outcome = "notVisible";
            answerError(res, 404, "Sender", "NoSuchEntity", `The role with name ${roleName} cannot be found.`);
            return true;
        }
        return false;
    }

    private async applyTransportFault(fault: TransportFault, entry: LoggedRequest, request: BufferedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        switch (fault.kind) {
            case "throttle":
                entry.outcome = "throttled";
                answerError(res, 400, "Sender", "Throttling", "Rate exceeded");
                return;
            case "serverError":
                entry.outcome = fault.status === 500 ? "http500" : "http503";
                if (fault.status === 500) answerError(res, 500, "Receiver", "ServiceFailure", "The request processing has failed because of an unknown error.");
                else answerError(res, 503, "Receiver", "ServiceUnavailable", "Service is unavailable.");
                return;
            case "accessDenied":
                entry.outcome = "accessDenied";
                answerError(res, 403, "Sender", "AccessDenied", `User is not authorized to perform: iam:${entry.action} (injected by the fault proxy)`);
                return;
            case "notYetVisible":
                entry.outcome = "notVisible";
                answerError(res, 404, "Sender", "NoSuchEntity", `The role with name ${entry.roleName ?? ""} cannot be found.`);
                return;
            case "resetBeforeForward":
                entry.outcome = "resetBeforeForward";
                req.socket.destroy();
                return;
            case "latency":
                await sleep(fault.ms);
                await this.forwardAndAnswer(entry, request, res);
                return;
            case "forwardThenDrop":
                await this.forward(entry, request);
                entry.outcome = "forwardedThenDropped";
                req.socket.destroy();
                return;
        }
    }

    private async forwardAndAnswer(entry: LoggedRequest, request: BufferedRequest, res: http.ServerResponse): Promise<void> {
        const answer = this.onServerClock(await this.forward(entry, request));
        entry.outcome = "forwarded";
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
    }

    /** The target's answer as IAM with a clock `clockOffsetMs` away from ours would send it. */
    private onServerClock(answer: UpstreamAnswer): UpstreamAnswer {
        if (this.clockOffsetMs === 0) return answer;
        const shift = (text: string) => new Date(Date.parse(text) + this.clockOffsetMs);
        const body = answer.body
            .toString("utf8")
            .replace(/<CreateDate>([^<]+)<\/CreateDate>/g, (_m, date: string) => `<CreateDate>${shift(date).toISOString()}</CreateDate>`);
        const headers = { ...answer.headers, date: shift(String(answer.headers.date ?? new Date().toUTCString())).toUTCString() };
        delete headers["content-length"];
        return { status: answer.status, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, body: Buffer.from(body) };
    }

    private async forward(entry: LoggedRequest, request: BufferedRequest): Promise<UpstreamAnswer> {
        this.count(entry.action, "forwarded");
        const sent = performance.now();
        const answer = await this.send(request);
        entry.serviceMs = (entry.serviceMs ?? 0) + (performance.now() - sent);
        if (entry.action === "CreateServiceLinkedRole" && answer.status === 200 && this.readLag && this.readLag.fault.start !== "now") {
            // The lag window opens when IAM accepts a create.
            this.readLag.armedCalls = this.readLag.fault.calls;
        }
        if (entry.action === "CreateServiceLinkedRole" && answer.status === 200 && this.listLag) this.listLag.armedCalls = this.listLag.fault.calls;
        return answer;
    }

    private async startDeletionTask(entry: LoggedRequest, request: BufferedRequest, res: http.ServerResponse, fault: DeletionFault): Promise<void> {
        const roleName = entry.roleName ?? "";
        const path = await this.rolePathInTarget(request, roleName);
        if (path === undefined) {
            entry.outcome = "deletionRefusedNoSuchRole";
            answerError(res, 404, "Sender", "NoSuchEntity", `Role ${roleName} not found`);
            return;
        }
        // IAM's task id format: task/<role path without its leading slash><role name>/<uuid>.
        const taskId = `task${path}${roleName}/${randomUUID()}`;
        const task: SimulatedDeletion = { taskId, roleName, fault, original: request, getRoleCallsSeen: 0 };
        this.deletions.set(taskId, task);
        if (fault.kind === "deletionTaskGone" && (fault.roleVisibleForGetRoleCalls ?? 0) === 0) await this.applyDeletion(task);
        entry.outcome = "deletionTaskStarted";
        answerXml(res, "DeleteServiceLinkedRole", `<DeletionTaskId>${escapeXml(taskId)}</DeletionTaskId>`);
    }

    /**
     * Looks the role up in moto by replaying the client's signed headers with a GetRole body.
     * moto only checks signatures when its request authorization is on, which deletion simulation
     * does not support.
     */
    private async rolePathInTarget(template: BufferedRequest, roleName: string): Promise<string | undefined> {
        const body = Buffer.from(new URLSearchParams({ Action: "GetRole", Version: "2010-05-08", RoleName: roleName }).toString());
        const answer = await this.send({ ...template, headers: { ...template.headers, "content-length": String(body.length) }, body });
        if (answer.status !== 200) return undefined;
        return /<Path>([^<]*)<\/Path>/.exec(answer.body.toString("utf8"))?.[1] ?? "/";
    }

    /** Deletes the role in moto by replaying the client's own DeleteServiceLinkedRole request. */
    private async applyDeletion(task: SimulatedDeletion): Promise<void> {
        const answer = await this.send(task.original);
        if (answer.status !== 200) {
            throw new Error(`moto refused the simulated deletion of ${task.roleName}: HTTP ${answer.status} ${answer.body.toString("utf8")}`);
        }
        task.appliedAt = Date.now();
    }

    private send(request: BufferedRequest): Promise<UpstreamAnswer> {
        return new Promise((resolve, reject) => {
            const upstream = http.request(
                { host: this.targetUrl.hostname, port: this.targetUrl.port, method: request.method, path: request.url, headers: request.headers },
                (answer) => {
                    const chunks: Buffer[] = [];
                    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
                    answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
                    answer.on("error", reject);
                },
            );
            upstream.on("error", reject);
            upstream.end(request.body);
        });
    }
}

function answerDeletionStatus(entry: LoggedRequest, task: SimulatedDeletion, res: http.ServerResponse): void {
    switch (task.fault.kind) {
        case "deletionFailed":
            entry.outcome = "deletionStatusFailed";
            answerXml(res, "GetServiceLinkedRoleDeletionStatus", `<Status>FAILED</Status>${failureReasonXml(task.fault)}`);
            return;
        case "deletionTaskGone":
            entry.outcome = "deletionTaskGone";
            answerError(res, 404, "Sender", "NoSuchEntity", `Deletion task ${task.taskId} not found`);
            return;
        case "deletionInProgress": {
            const done = task.appliedAt !== undefined;
            entry.outcome = done ? "deletionStatusSucceeded" : "deletionStatusInProgress";
            answerXml(res, "GetServiceLinkedRoleDeletionStatus", `<Status>${done ? "SUCCEEDED" : "IN_PROGRESS"}</Status>`);
            return;
        }
    }
}

function failureReasonXml(fault: DeletionFailedFault): string {
    const usage = fault.usage
        .map((u) => `<member><Region>${escapeXml(u.region)}</Region><Resources>${u.resources.map((r) => `<member>${escapeXml(r)}</member>`).join("")}</Resources></member>`)
        .join("");
    return `<Reason><Reason>${escapeXml(fault.reason)}</Reason><RoleUsageList>${usage}</RoleUsageList></Reason>`;
}

/** A successful Query-protocol answer: `<XResponse><XResult>...</XResult><ResponseMetadata/></XResponse>`. */
function answerXml(res: http.ServerResponse, action: string, resultXml: string): void {
    const body =
        `<${action}Response xmlns="${IAM_NAMESPACE}"><${action}Result>${resultXml}</${action}Result>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
    writeXml(res, 200, body);
}

/** A Query-protocol error, shaped as IAM sends it. */
function answerError(res: http.ServerResponse, status: number, type: "Sender" | "Receiver", code: string, message: string): void {
    const body =
        `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
    writeXml(res, status, body);
}

/** The offset of the most recently configured proxy, for the answers the proxy writes itself. */
let serverClockOffsetMs = 0;

function writeXml(res: http.ServerResponse, status: number, body: string): void {
    const date = new Date(Date.now() + serverClockOffsetMs).toUTCString();
    res.writeHead(status, { "content-type": "text/xml", "content-length": Buffer.byteLength(body), "x-amzn-requestid": randomUUID(), date });
    res.end(body);
}

/** A fault inside the proxy itself must be loud, not look like an IAM answer. */
function answerProxyFailure(res: http.ServerResponse, err: unknown): void {
    const message = `fault proxy failure: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`${message}\n`);
    if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
    }
    res.writeHead(599, { "content-type": "text/plain" });
    res.end(message);
}

function bufferRequest(req: http.IncomingMessage): Promise<BufferedRequest> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => resolve({ method: req.method ?? "POST", url: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) }));
        req.on("error", reject);
    });
}

function headerValue(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}

function escapeXml(text: string): string {
    return text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
