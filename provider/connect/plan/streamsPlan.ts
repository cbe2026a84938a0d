import type { ConnectInstanceArgs, ConnectStreamArgs, ConnectStreamType } from "../component/args";
import { ARN_SHAPES } from "../../aws/arn";
import { kebab, kmsKeyCheck, plain, PlanContext, PlannedTarget, quote } from "./common";

// Planning of the streaming area: agent events, contact trace records, real-time analysis segments.

export type StreamFeature = "agentEvents" | "contactTraceRecords" | "realTimeVoiceSegments" | "realTimeChatSegments";

/** Each stream feature's storage resource type, default folder, and the stream types Connect accepts for it. */
export const STREAM_FEATURES: Record<StreamFeature, { resourceType: string; folder: string; types: readonly ConnectStreamType[] }> = {
    // Connect publishes agent events and Contact Lens segments to Kinesis Data Streams only.
    agentEvents: { resourceType: "AGENT_EVENTS", folder: "AgentEvents", types: ["kinesis"] },
    contactTraceRecords: { resourceType: "CONTACT_TRACE_RECORDS", folder: "ContactTraceRecords", types: ["kinesis", "firehose"] },
    realTimeVoiceSegments: { resourceType: "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", folder: "RealTimeVoiceSegments", types: ["kinesis"] },
    realTimeChatSegments: { resourceType: "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", folder: "RealTimeChatSegments", types: ["kinesis"] },
};

const STREAM_NAME = /^[A-Za-z0-9_.-]+$/;
const ONLY_WHEN_CREATING = ["name", "retentionHours", "firehoseDestinationBucketArn", "firehoseDestinationPrefix", "kmsKeyArn"] as const;

export interface PlannedStream {
    feature: StreamFeature;
    args: ConnectStreamArgs;
    type: ConnectStreamType;
    create: boolean;
    target: PlannedTarget;
}

/** Plans every stream feature; `needsBucket` says a created Firehose stream delivers to the component's bucket. */
export function planStreams(args: ConnectInstanceArgs, ctx: PlanContext): { streams: PlannedStream[]; needsBucket: boolean } {
    const streams: PlannedStream[] = [];
    for (const feature of Object.keys(STREAM_FEATURES) as StreamFeature[]) {
        const settings = args[feature];
        if (settings === undefined || settings.enabled === false) continue;
        streams.push(planStream(feature, settings, ctx));
    }
    const needsBucket = streams.some((s) => s.create && s.type === "firehose" && s.args.firehoseDestinationBucketArn === undefined);
    return { streams, needsBucket };
}

function planStream(feature: StreamFeature, settings: ConnectStreamArgs, ctx: PlanContext): PlannedStream {
    const create = settings.create === true;
    if (settings.existingArn !== undefined && create) {
        ctx.fail(feature, "set either existingArn (an existing stream) or create: true, not both");
    } else if (settings.existingArn === undefined && !create) {
        ctx.fail(feature, "is enabled but has no stream: set existingArn to an existing stream or create: true (or enabled: false)");
    }
    const type = streamType(feature, settings, ctx);
    checkStreamSettings(feature, settings, type, create, ctx);
    const permissionFeature = type === "kinesis" ? "kinesisStreams" : "firehoseStreams";
    const property = create ? `${feature}.create` : `${feature}.existingArn`;
    return { feature, args: settings, type, create, target: { property, feature: permissionFeature, preview: streamPreview(feature, settings, type, create, ctx) } };
}

/** The stream type: given, or read from a plain ARN, else `kinesis`; checked against what Connect accepts. */
function streamType(feature: StreamFeature, settings: ConnectStreamArgs, ctx: PlanContext): ConnectStreamType {
    const arnType = plain(settings.existingArn) ? streamTypeOfArn(settings.existingArn) : undefined;
    if (plain(settings.existingArn) && arnType === undefined) {
        ctx.fail(
            `${feature}.existingArn`,
            `must be a Kinesis data stream ARN (...:kinesis:<region>:<account>:stream/<name>) or a Firehose delivery stream ARN (...:firehose:<region>:<account>:deliverystream/<name>); got ${quote(settings.existingArn)}`,
        );
    }
    if (settings.type !== undefined && !["kinesis", "firehose"].includes(settings.type)) {
        ctx.fail(`${feature}.type`, `must be kinesis or firehose; got ${quote(settings.type)}`);
    } else if (settings.type !== undefined && arnType !== undefined && settings.type !== arnType) {
        ctx.fail(`${feature}.existingArn`, `is a ${arnType} ARN but type is ${settings.type}`);
    }
    const type = settings.type ?? arnType ?? "kinesis";
    if (!STREAM_FEATURES[feature].types.includes(type)) {
        const property = settings.type !== undefined ? `${feature}.type` : `${feature}.existingArn`;
        ctx.fail(property, `Connect delivers ${feature} to ${STREAM_FEATURES[feature].types.join(" or ")} streams only, not ${type}`);
    }
    return type;
}

function checkStreamSettings(feature: StreamFeature, settings: ConnectStreamArgs, type: ConnectStreamType, create: boolean, ctx: PlanContext): void {
    for (const setting of ONLY_WHEN_CREATING) {
        if (!create && settings[setting] !== undefined) ctx.fail(`${feature}.${setting}`, "applies only to a stream this component creates (create: true)");
    }
    if (type === "firehose" && settings.retentionHours !== undefined) ctx.fail(`${feature}.retentionHours`, "applies only to a Kinesis data stream, not firehose");
    if (type === "kinesis") {
        for (const setting of ["firehoseDestinationBucketArn", "firehoseDestinationPrefix"] as const) {
            if (settings[setting] !== undefined) ctx.fail(`${feature}.${setting}`, "applies only to a Firehose stream (type: firehose)");
        }
    }
    if (settings.name !== undefined) {
        const max = type === "kinesis" ? 128 : 64;
        if (!plain(settings.name) || settings.name.length > max || !STREAM_NAME.test(settings.name)) {
            ctx.fail(`${feature}.name`, `must be 1-${max} letters, digits, "_", "." or "-"; got ${quote(settings.name)}`);
        }
    }
    if (settings.retentionHours !== undefined && !(Number.isInteger(settings.retentionHours) && settings.retentionHours >= 24 && settings.retentionHours <= 8760)) {
        ctx.fail(`${feature}.retentionHours`, `must be a whole number of hours from 24 to 8760; got ${settings.retentionHours}`);
    }
    if (plain(settings.firehoseDestinationBucketArn) && !ARN_SHAPES.s3Bucket.test(settings.firehoseDestinationBucketArn)) {
        ctx.fail(`${feature}.firehoseDestinationBucketArn`, `must be a bucket ARN (arn:aws:s3:::<bucket>); got ${quote(settings.firehoseDestinationBucketArn)}`);
    }
    kmsKeyCheck(settings.kmsKeyArn, `${feature}.kmsKeyArn`, ctx.fail);
}

function streamPreview(feature: StreamFeature, settings: ConnectStreamArgs, type: ConnectStreamType, create: boolean, ctx: PlanContext): PlannedTarget["preview"] {
    const field = type === "kinesis" ? "kinesisStreamArns" : "firehoseStreamArns";
    if (create) {
        const service = type === "kinesis" ? "kinesis" : "firehose";
        const kind = type === "kinesis" ? "stream" : "deliverystream";
        const streamName = settings.name ?? `${streamNameBase(ctx.name)}-${kebab(feature)}`;
        const arn = `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.account}:${kind}/${streamName}`;
        const label = `the ${type === "kinesis" ? "Kinesis data stream" : "Firehose delivery stream"} this component creates`;
        return { fragment: { [field]: [arn] }, label };
    }
    if (plain(settings.existingArn) && streamTypeOfArn(settings.existingArn) !== undefined) return { fragment: { [field]: [settings.existingArn] } };
    return undefined;
}

/** Base for stand-in stream names, restricted to the characters stream names allow. */
function streamNameBase(name: string): string {
    return name.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 40) || "connect";
}

/** The stream type an ARN names, or undefined when it names neither kind. */
function streamTypeOfArn(arn: string): ConnectStreamType | undefined {
    if (ARN_SHAPES.kinesisStream.test(arn)) return "kinesis";
    if (ARN_SHAPES.firehoseStream.test(arn)) return "firehose";
    return undefined;
}
