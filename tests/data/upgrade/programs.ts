/**
 * The programs whose state is checked in under tests/data/upgrade/ (see README.md there). The
 * generator ran them with the package as it was at the recorded commit; the upgrade test runs the
 * very same programs with the package as built now, over that state. Change a program only as a
 * user upgrading would change theirs (e.g. for a renamed argument), never to hide a diff.
 */
import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire } from "../../harness/engine";

/** One checked-in stack: where its program runs and what it declares. */
export interface UpgradeScenario {
    /** File stem under tests/data/upgrade/ (`v<version>-<key>.json`). */
    key: string;
    /** Example whose node_modules holds the installed package (and, for Connect, @pulumi/aws). */
    example: "service-linked-role" | "connect-instance";
    projectName: string;
    stackName: string;
    /** Builds the inline program; `arrange` values are what the generator made out of band, rewritten for the test's AWS. */
    program: (arrange: Arrangement) => automation.PulumiFn;
}

/** What a program refers to that no stack of its own made (the existing Connect instance). */
export interface Arrangement {
    existingInstanceId?: string;
}

/** Suffixes that keep each scenario's role apart in one account (moto names Connect's role `AWSServiceRoleForconnect_<suffix>`). */
export const SUFFIX = { created: "upgcreated", adopted: "upgadopted", shared: "upgshared" } as const;

const PROJECT = "slr-upgrade";

function roleProgram(declare: (lib: typeof import("../../../provider/iam")) => Record<string, unknown>): (arrange: Arrangement) => automation.PulumiFn {
    return () => async () => declare(exampleRequire("service-linked-role")("pulumi-service-linked-role"));
}

const roleOutputs = (role: import("../../../provider/iam").ServiceLinkedRole) => ({ roleName: role.roleName, roleId: role.roleId, ownership: role.ownership, claims: role.claims });

/** (a) A role this stack created, with a description and a tag. */
export const created: UpgradeScenario = {
    key: "created",
    example: "service-linked-role",
    projectName: PROJECT,
    stackName: "created",
    program: roleProgram(({ ServiceLinkedRole }) =>
        roleOutputs(new ServiceLinkedRole("connect-role", { customSuffix: SUFFIX.created, description: "created before the upgrade", tags: { team: "contact-center" } })),
    ),
};

/** (b) A role that existed before the stack: adopted by finding it, and read with `get`. */
export const adopted: UpgradeScenario = {
    key: "adopted",
    example: "service-linked-role",
    projectName: PROJECT,
    stackName: "adopted",
    program: roleProgram(({ ServiceLinkedRole }) => {
        const role = new ServiceLinkedRole("connect-role", { customSuffix: SUFFIX.adopted, description: "adopted before the upgrade" });
        const lookedUp = ServiceLinkedRole.get("looked-up", role.roleName, { deletionPolicy: "neverDelete" });
        return { ...roleOutputs(role), lookedUpRoleId: lookedUp.roleId };
    }),
};

/** (c) One role claimed by two stacks: `shared-a` created it, `shared-b` adopted it by ARN. */
export const sharedCreator: UpgradeScenario = {
    key: "shared-a",
    example: "service-linked-role",
    projectName: PROJECT,
    stackName: "shared-a",
    program: roleProgram(({ ServiceLinkedRole }) => roleOutputs(new ServiceLinkedRole("connect-role", { customSuffix: SUFFIX.shared, tags: { owner: "a" } }))),
};

export const sharedAdopter: UpgradeScenario = {
    key: "shared-b",
    example: "service-linked-role",
    projectName: PROJECT,
    stackName: "shared-b",
    program: roleProgram(({ ServiceLinkedRole }) =>
        roleOutputs(new ServiceLinkedRole("connect-role", { existingRole: `arn:aws:iam::123456789012:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForconnect_${SUFFIX.shared}` })),
    ),
};

/**
 * (d) Connect through the stand-in aws plugin: a created instance with storage, both stream
 * kinds and flow logs (so every dynamic provider of the package is in state), and an existing
 * instance whose attribute this stack changed.
 */
export const connect: UpgradeScenario = {
    key: "connect",
    example: "connect-instance",
    projectName: "connect-upgrade",
    stackName: "connect",
    program: (arrange) => async () => {
        const { ConnectInstance } = exampleRequire("connect-instance")("pulumi-service-linked-role/connect") as typeof import("../../../provider/connect");
        const center = new ConnectInstance("center", {
            instanceAlias: "upgrade-center",
            serviceLinkedRole: { description: "Connect instance before the upgrade" },
            callRecordings: { createBucket: true },
            agentEvents: { create: true },
            contactTraceRecords: { create: true, type: "firehose" },
            contactFlowLogs: { retentionInDays: 7 },
            tags: { stage: "upgrade" },
        });
        const existing = new ConnectInstance("existing", { existingInstanceId: arrange.existingInstanceId!, instanceAttributes: { earlyMedia: false } });
        return {
            instanceId: center.instanceId,
            serviceRoleArn: center.serviceRoleArn,
            bucketName: center.bucket?.bucket,
            logGroup: center.contactFlowLogGroup?.name,
            existingServiceRoleArn: existing.serviceRoleArn,
        };
    },
};

/** Every scenario, in the order the generator runs them (the shared creator before its adopter). */
export const SCENARIOS: UpgradeScenario[] = [created, adopted, sharedCreator, sharedAdopter, connect];
