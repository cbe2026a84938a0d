/** The storage planner, called directly: S3 features, the created bucket, media streams. */
import { expect } from "chai";
import fc from "fast-check";
import { bucketNameProblem } from "../../../provider/connect/permissions/config";
import { fragmentProblems } from "../../../provider/connect/plan/common";
import { defaultBucketPrefix, planStorage, S3_FEATURES } from "../../../provider/connect/plan/storagePlan";
import { ACCOUNT, planContext, properties, REGION } from "./context";

const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe("planStorage", function () {
    it("plans each enabled S3 feature with the console's default prefix, in model order", function () {
        const { ctx, failures } = planContext();
        const plan = planStorage({ chatTranscripts: { bucketName: "corp-chats" }, callRecordings: { createBucket: true }, exportedReports: { enabled: false, createBucket: true } }, ctx, false);
        expect(failures).to.deep.equal([]);
        expect(plan.s3.map((s) => [s.feature, s.prefix, s.createBucket])).to.deep.equal([
            ["callRecordings", "connect/acme/CallRecordings", true],
            ["chatTranscripts", "connect/acme/ChatTranscripts", false],
        ]);
        expect(plan.s3[1].target).to.deep.include({ property: "chatTranscripts.bucketName", feature: "chatTranscripts" });
        expect(plan.s3[1].target.preview).to.deep.equal({ fragment: { chatTranscripts: { bucket: "corp-chats", prefix: "connect/acme/ChatTranscripts" } } });
    });

    it("creates the bucket only when a feature or a Firehose stream needs it, retained unless forceDestroy", function () {
        expect(planStorage({ chatTranscripts: { bucketName: "corp-chats" } }, planContext().ctx, false).bucket).to.equal(undefined);
        expect(planStorage({}, planContext().ctx, true).bucket).to.deep.equal({ retainOnDelete: true });
        expect(planStorage({ callRecordings: { createBucket: true }, bucket: { forceDestroy: true } }, planContext().ctx, false).bucket).to.deep.equal({ forceDestroy: true, retainOnDelete: false });
    });

    it("labels a generated bucket name in previews, since the cloud has not chosen it", function () {
        const plan = planStorage({ callRecordings: { createBucket: true } }, planContext().ctx, false);
        expect(plan.s3[0].target.property).to.equal("callRecordings.createBucket");
        expect(plan.s3[0].target.preview?.label).to.equal("the bucket this component creates (amazon-connect-support-...)");
    });

    it("names the property of every mistake", function () {
        const { ctx, failures } = planContext();
        planStorage(
            {
                callRecordings: {},
                chatTranscripts: { bucketName: "x", createBucket: true },
                exportedReports: { bucketName: "Bad_Name", prefix: "a*" },
                attachments: { bucketName: "ok-bucket", kmsKeyArn: "alias/mine" },
                bucket: { name: "b" },
                mediaStreams: { prefix: "", kmsKeyArn: KEY, retentionHours: 1.5 },
            },
            ctx,
            false,
        );
        expect(properties(failures)).to.deep.equal([
            "callRecordings",
            "chatTranscripts",
            "chatTranscripts.bucketName",
            "exportedReports.bucketName",
            "exportedReports.prefix",
            "attachments.kmsKeyArn",
            "bucket.name",
            "mediaStreams.prefix",
            "mediaStreams.retentionHours",
        ]);
    });

    it("knows every S3 storage resource type Connect has", function () {
        expect(Object.values(S3_FEATURES).map((f) => f.resourceType)).to.deep.equal([
            "CALL_RECORDINGS",
            "CHAT_TRANSCRIPTS",
            "SCHEDULED_REPORTS",
            "ATTACHMENTS",
            "CONTACT_EVALUATIONS",
            "EMAIL_MESSAGES",
            "SCREEN_RECORDINGS",
        ]);
    });

    it("property: any component name gives a bucket prefix inside the managed policy's amazon-connect-* pattern that S3 accepts", function () {
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), (name) => {
                const prefix = defaultBucketPrefix(name);
                expect(prefix.startsWith("amazon-connect-")).to.equal(true);
                // S3 allows a bucketPrefix of at most 37 characters and completes it with its own suffix.
                expect(prefix.length).to.be.at.most(37);
                expect(bucketNameProblem(`${prefix}0123456789`), prefix).to.equal(undefined);
            }),
            { numRuns: 500 },
        );
    });

    it("property: every S3 feature planned without failures gives a preview the permission model accepts", function () {
        const feature = fc.constantFrom(...(Object.keys(S3_FEATURES) as Array<keyof typeof S3_FEATURES>));
        const prefix = fc.stringMatching(/^[A-Za-z0-9!_.'()/-]{1,40}$/);
        fc.assert(
            fc.property(feature, fc.option(prefix, { nil: undefined }), fc.boolean(), (f, p, create) => {
                const { ctx, failures } = planContext();
                const plan = planStorage({ [f]: create ? { createBucket: true, prefix: p } : { bucketName: "corp-bucket", prefix: p } }, ctx, false);
                if (failures.length > 0) return;
                const target = plan.s3[0].target;
                expect(fragmentProblems(target, { partition: "aws", region: REGION, account: ACCOUNT, ...target.preview!.fragment })).to.deep.equal([]);
            }),
            { numRuns: 300 },
        );
    });
});
