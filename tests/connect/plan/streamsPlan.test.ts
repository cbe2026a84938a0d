/** The streams planner, called directly: stream types, created streams' preview ARNs, mistakes. */
import { expect } from "chai";
import fc from "fast-check";
import { fragmentProblems } from "../../../provider/connect/plan/common";
import { planStreams, STREAM_FEATURES, StreamFeature } from "../../../provider/connect/plan/streamsPlan";
import { ACCOUNT, planContext, properties, REGION } from "./context";

const KINESIS = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/ctr`;
const FIREHOSE = `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/ctr`;

describe("planStreams", function () {
    it("reads the stream type from an existing ARN and maps it to the permission model's feature", function () {
        const { ctx, failures } = planContext();
        const { streams, needsBucket } = planStreams({ agentEvents: { existingArn: KINESIS }, contactTraceRecords: { existingArn: FIREHOSE } }, ctx);
        expect(failures).to.deep.equal([]);
        expect(needsBucket).to.equal(false);
        expect(streams.map((s) => [s.feature, s.type, s.target.feature, s.target.property])).to.deep.equal([
            ["agentEvents", "kinesis", "kinesisStreams", "agentEvents.existingArn"],
            ["contactTraceRecords", "firehose", "firehoseStreams", "contactTraceRecords.existingArn"],
        ]);
        expect(streams[1].target.preview).to.deep.equal({ fragment: { firehoseStreamArns: [FIREHOSE] } });
    });

    it("gives a created stream a labelled stand-in ARN, and a created Firehose without destination needs the bucket", function () {
        const { streams, needsBucket } = planStreams({ contactTraceRecords: { create: true, type: "firehose" } }, planContext().ctx);
        expect(needsBucket).to.equal(true);
        expect(streams[0].target.preview).to.deep.equal({
            fragment: { firehoseStreamArns: [`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/support-contact-trace-records`] },
            label: "the Firehose delivery stream this component creates",
        });
    });

    it("refuses what Connect does not deliver, naming the property", function () {
        const { ctx, failures } = planContext();
        planStreams(
            {
                agentEvents: { existingArn: FIREHOSE },
                realTimeVoiceSegments: { type: "firehose", create: true },
                contactTraceRecords: { existingArn: KINESIS, create: true },
                realTimeChatSegments: {},
            },
            ctx,
        );
        expect(properties(failures)).to.deep.equal(["agentEvents.existingArn", "contactTraceRecords", "realTimeVoiceSegments.type", "realTimeChatSegments"]);
    });

    it("property: every stream setting planned without failures gives a preview the permission model accepts", function () {
        const feature = fc.constantFrom(...(Object.keys(STREAM_FEATURES) as StreamFeature[]));
        const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,70}$/);
        fc.assert(
            fc.property(feature, fc.constantFrom("kinesis" as const, "firehose" as const), fc.option(name, { nil: undefined }), (f, type, streamName) => {
                const { ctx, failures } = planContext();
                const { streams } = planStreams({ [f]: { create: true, type, name: streamName } }, ctx);
                const allowed = STREAM_FEATURES[f].types.includes(type) && (streamName === undefined || streamName.length <= (type === "kinesis" ? 128 : 64));
                expect(failures.length === 0, JSON.stringify(failures)).to.equal(allowed);
                if (!allowed) return;
                const target = streams[0].target;
                expect(fragmentProblems(target, { partition: "aws", region: REGION, account: ACCOUNT, ...target.preview!.fragment })).to.deep.equal([]);
            }),
            { numRuns: 300 },
        );
    });
});
