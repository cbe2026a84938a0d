import * as pulumi from "@pulumi/pulumi";
import { permissionGaps } from "../permissions/gaps";
import type { Plan } from "../plan/instancePlan";
import { fragmentProblems, gapFailures, mergeFragments } from "../plan/common";
import { ConnectInstanceArgsError } from "./args";
import type { TargetOutput } from "./featureContext";
import type { BotIdentity } from "./flowsAndBots";

/**
 * The permission config from every target once known, and the real gaps (warned on `component`, or
 * refused when strict). Outputs, and names the cloud chose, are validated here, naming their property.
 */
export function permissionOutputs(component: pulumi.Resource, name: string, plan: Plan, identity: BotIdentity, targets: TargetOutput[]) {
    const fragments = pulumi.all(targets.map((t) => t.fragment));
    const resolved = pulumi.all([identity.partition, identity.region, identity.account, fragments]).apply(([partition, region, account, frags]) => {
        const base = { partition, region, account };
        // Outputs (and names the cloud chose) are validated once known, naming their property.
        const failures = targets.flatMap((t, i) => fragmentProblems(t.planned, { ...base, ...frags[i] }));
        if (failures.length > 0) throw new ConnectInstanceArgsError(name, failures);
        return { config: mergeFragments(base, frags), frags, base };
    });
    const gaps = resolved.apply(({ config, frags, base }) => {
        const late = targets.flatMap((t, i) => (t.planned.preview && !t.planned.gapsDeferred ? [] : gapFailures(t.planned, { ...base, ...frags[i] })));
        if (late.length > 0 && plan.strictManagedPolicy) throw new ConnectInstanceArgsError(name, late);
        for (const failure of late) pulumi.log.warn(`${failure.property}: ${failure.reason}`, component);
        const covered = targets.flatMap((t, i) => (t.planned.resourcePolicyCreated ? [...(frags[i].lexBotArns ?? []), ...(frags[i].lambdaFunctionArns ?? [])] : []));
        return permissionGaps(config, covered);
    });
    return { config: resolved.apply((r) => r.config), gaps };
}
