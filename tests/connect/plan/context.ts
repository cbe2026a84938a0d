/** A planning context for the planners' direct tests, collecting the failures they report. */
import type { InputFailure } from "../../../provider/iam/validation";
import type { PlanContext } from "../../../provider/connect/plan/common";

export const ACCOUNT = "111122223333";
export const REGION = "us-west-2";

/** A context with real identity values (unless overridden) and the failures it collected. */
export function planContext(overrides: Partial<Omit<PlanContext, "fail">> = {}): { ctx: PlanContext; failures: InputFailure[] } {
    const failures: InputFailure[] = [];
    const ctx: PlanContext = {
        name: "support",
        alias: "acme",
        partition: "aws",
        region: REGION,
        account: ACCOUNT,
        identityIsReal: true,
        accountIsReal: true,
        ...overrides,
        fail: (property, reason) => failures.push({ property, reason }),
    };
    return { ctx, failures };
}

/** The properties that failed, in order. */
export const properties = (failures: InputFailure[]) => failures.map((f) => f.property);
