/** The instance planner and the settings planner, called directly: identity, role, logs, access, gaps. */
import { expect } from "chai";
import fc from "fast-check";
import { ConnectInstanceArgsError } from "../../../provider/connect/component/args";
import type { ConnectInstanceArgs } from "../../../provider/connect/component/args";
import { mergeFragments, PermissionFragment } from "../../../provider/connect/plan/common";
import { planInstance } from "../../../provider/connect/plan/instancePlan";
import { planAccess, planAttributes, planLogs, planRole } from "../../../provider/connect/plan/settingsPlan";
import { ACCOUNT, planContext, properties, REGION } from "./context";

const EXISTING_ARN = `arn:aws:connect:eu-west-2:${ACCOUNT}:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;

function refusal(args: ConnectInstanceArgs): ConnectInstanceArgsError {
    try {
        planInstance("support", args);
    } catch (error) {
        if (error instanceof ConnectInstanceArgsError) return error;
        throw error;
    }
    throw new Error("planInstance accepted the arguments");
}

describe("planInstance", function () {
    it("takes Region, account and id from an existing instance's ARN", function () {
        const plan = planInstance("support", { existingInstanceId: EXISTING_ARN, contactFlowLogs: { createLogGroup: false } });
        expect(plan).to.deep.include({ existingInstanceId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", region: "eu-west-2", alias: undefined });
        expect(plan.instanceAttributes).to.deep.equal({ CONTACTFLOW_LOGS: true });
        expect(plan.role).to.deep.include({ scheme: "instance", check: "warn" });
    });

    it("lists every problem at once, each naming its property", function () {
        const error = refusal({ identityManagementType: "EXISTING_DIRECTORY", callRecordings: {}, region: "mars-1", approvedOrigins: ["ftp://x"] });
        expect(properties(error.failures)).to.deep.equal(["directoryId", "region", "callRecordings", "approvedOrigins[0]"]);
    });

    it("refuses creation settings on an existing instance and a Region that disagrees with its ARN", function () {
        const error = refusal({ existingInstanceId: EXISTING_ARN, instanceAlias: "x", region: "us-east-1" });
        expect(properties(error.failures)).to.deep.equal(["instanceAlias", "region"]);
    });

    it("refuses a real gap at construction under strictManagedPolicy, and only warns without it", function () {
        const args: ConnectInstanceArgs = { instanceAlias: "acme", accountId: ACCOUNT, region: REGION, chatTranscripts: { bucketName: "corp-chats" }, contactTraceRecords: { existingArn: `arn:aws:kinesis:${REGION}:999988887777:stream/shared` } };
        expect(planInstance("support", args).gapWarnings.map((g) => g.property)).to.deep.equal(["contactTraceRecords.existingArn"]);
        expect(properties(refusal({ ...args, strictManagedPolicy: true }).failures)).to.deep.equal(["contactTraceRecords.existingArn"]);
    });

    it("defers the other-account question when the account is not known at construction", function () {
        const plan = planInstance("support", { instanceAlias: "acme", contactTraceRecords: { existingArn: `arn:aws:kinesis:${REGION}:999988887777:stream/shared` } });
        expect(plan.gapWarnings).to.deep.equal([]);
        expect(plan.streams[0].target.gapsDeferred).to.equal(true);
    });
});

describe("settings planners", function () {
    it("planRole: schemes and the settings each allows", function () {
        const failures: Array<[string, string]> = [];
        const fail = (p: string, r: string) => failures.push([p, r]);
        expect(planRole({ serviceLinkedRole: { scheme: "accountWide", deletionPolicy: "neverDelete" } }, fail)).to.deep.include({ scheme: "accountWide", check: "warn" });
        planRole({ serviceLinkedRole: { scheme: "instance", deletionPolicy: "neverDelete", check: "loud" as never, roleName: "x" } as never }, fail);
        expect(failures.map((f) => f[0])).to.deep.equal(["serviceLinkedRole.roleName", "serviceLinkedRole.deletionPolicy", "serviceLinkedRole.check"]);
    });

    it("planLogs: the log group of the alias, created with a retention CloudWatch accepts", function () {
        const { ctx, failures } = planContext();
        expect(planLogs({ contactFlowLogs: {} }, ctx)).to.deep.include({ enabled: true, create: true, retentionInDays: 90 });
        expect(planLogs({ contactFlowLogs: { enabled: false } }, ctx)).to.deep.include({ enabled: false, create: false });
        planLogs({ contactFlowLogs: { retentionInDays: 2 } }, ctx);
        expect(properties(failures)).to.deep.equal(["contactFlowLogs.retentionInDays"]);
    });

    it("planAccess and planAttributes: origins, key count, attribute names", function () {
        const failures: string[] = [];
        const fail = (p: string) => failures.push(p);
        planAccess({ approvedOrigins: ["https://a.example.com", "https://a.example.com", "https://b.example.com/path"], securityKeys: ["a", "b", "c"] }, fail);
        expect(planAttributes({ existingInstanceId: "abc", instanceAttributes: { earlyMedia: true, bogus: true } as never }, undefined, fail)).to.deep.equal({ EARLY_MEDIA: true });
        expect(failures).to.deep.equal(["approvedOrigins[1]", "approvedOrigins[2]", "securityKeys", "securityKeys[0]", "securityKeys[1]", "securityKeys[2]", "instanceAttributes.bogus"]);
    });
});

describe("mergeFragments", function () {
    const arn = fc.stringMatching(/^[a-z]{1,8}$/).map((n) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${n}`);
    const fragment: fc.Arbitrary<PermissionFragment> = fc.record(
        { kinesisStreamArns: fc.array(arn, { maxLength: 3 }), lambdaFunctionArns: fc.array(arn, { maxLength: 2 }), contactFlowLogGroup: fc.constantFrom("/aws/connect/a", "/aws/connect/b") },
        { requiredKeys: [] },
    );

    it("property: list fields are the fragments' lists in order; single fields the last one given", function () {
        fc.assert(
            fc.property(fc.array(fragment, { maxLength: 6 }), (fragments) => {
                const config = mergeFragments({ partition: "aws", region: REGION, account: ACCOUNT }, fragments);
                const concat = (key: "kinesisStreamArns" | "lambdaFunctionArns") => fragments.flatMap((f) => f[key] ?? []);
                const lists = (key: "kinesisStreamArns" | "lambdaFunctionArns") => (fragments.some((f) => f[key]) ? concat(key) : undefined);
                expect(config.kinesisStreamArns).to.deep.equal(lists("kinesisStreamArns"));
                expect(config.lambdaFunctionArns).to.deep.equal(lists("lambdaFunctionArns"));
                expect(config.contactFlowLogGroup).to.equal([...fragments].reverse().find((f) => f.contactFlowLogGroup)?.contactFlowLogGroup);
                expect(config).to.deep.include({ partition: "aws", region: REGION, account: ACCOUNT });
            }),
            { numRuns: 300 },
        );
    });
});
