import type * as pulumi from "@pulumi/pulumi";

// This module *is* the dynamic provider of ConnectInstanceReplacementGuard. It holds the instance
// settings whose change makes aws.connect.Instance replace the instance, and its `check` refuses
// such a change at preview unless replacement is allowed. It calls no AWS API.

export interface GuardInputs {
    /** The settings that force a replacement, by ConnectInstance argument name. */
    settings: Record<string, string | undefined>;
    allowReplacement: boolean;
}

/**
 * Why replacing an instance is refused by default. The 30-day limit: Connect's service quotas cap
 * instance creations and deletions per 30 days ("Amazon Connect instances per account" and "Creation or
 * deletion of instances per 30 days", https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html).
 */
const WHY = "replacing deletes the instance with its users, flows, queues, phone numbers and contact history, and AWS limits how many instances an account may create and delete in 30 days";

/** Refuses a change of a replacing setting unless `allowReplacement` is set. */
export async function check(olds: Partial<GuardInputs> | undefined, news: GuardInputs): Promise<pulumi.dynamic.CheckResult<GuardInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const before = olds?.settings;
    if (before !== undefined && news.allowReplacement !== true) {
        for (const [property, value] of Object.entries(news.settings ?? {})) {
            if (before[property] === value) continue;
            failures.push({
                property,
                reason: `changing it from ${JSON.stringify(before[property] ?? null)} to ${JSON.stringify(value ?? null)} would replace the Connect instance: ${WHY}. Set allowInstanceReplacement: true to go ahead, or change it back.`,
            });
        }
    }
    return failures.length > 0 ? { failures } : { inputs: news };
}

export async function diff(_id: string, olds: GuardInputs, news: GuardInputs): Promise<pulumi.dynamic.DiffResult> {
    return { changes: JSON.stringify(olds) !== JSON.stringify(news), replaces: [], deleteBeforeReplace: false };
}

export async function create(inputs: GuardInputs): Promise<pulumi.dynamic.CreateResult<GuardInputs>> {
    return { id: "guard", outs: inputs };
}

export async function update(_id: string, _olds: GuardInputs, news: GuardInputs): Promise<pulumi.dynamic.UpdateResult<GuardInputs>> {
    return { outs: news };
}

/** Nothing exists outside Pulumi's state. */
async function deleteGuard(): Promise<void> {}

export { deleteGuard as delete };
