import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire } from "../tests/harness/engine";
import { BENCH_SERVICE, benchSuffix, EXAMPLE } from "./program";

/** The outputs ServiceLinkedRole declares, declared here too so that registration costs the same. */
const ROLE_OUTPUTS = ["awsServiceName", "customSuffix", "roleName", "arn", "roleId", "path", "createDate", "description", "tags", "trustPolicy", "ownership", "deletionPolicy", "claims", "previousRoleId"];

/**
 * The floor every dynamic provider shares: `count` dynamic resources whose provider does nothing but
 * wait as long as the IAM calls a role needs would take (`upMs` in create, `destroyMs` in delete).
 * Same inputs and outputs as the bench roles, same engine, same launcher and provider host: what
 * remains between this and the real provider is the provider's own work.
 */
export function nullRolesProgram(count: number, upMs: number, destroyMs: number): automation.PulumiFn {
    const pulumi = exampleRequire(EXAMPLE)("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    // One provider object for every resource: Pulumi serializes it once (its closure holds the two numbers).
    const provider: import("@pulumi/pulumi").dynamic.ResourceProvider = {
        async create(inputs: Record<string, unknown>) {
            await new Promise((resolve) => setTimeout(resolve, upMs));
            return { id: `null-${inputs.customSuffix}`, outs: { ...inputs, roleName: `null-${inputs.customSuffix}`, ownership: "created" } };
        },
        async delete() {
            await new Promise((resolve) => setTimeout(resolve, destroyMs));
        },
    };
    const placeholders = Object.fromEntries(ROLE_OUTPUTS.map((key) => [key, undefined]));
    class NullRole extends pulumi.dynamic.Resource {}
    return async () => {
        for (let i = 0; i < count; i++) {
            new NullRole(provider, `null-${i}`, { ...placeholders, awsServiceName: BENCH_SERVICE, customSuffix: benchSuffix(i) }, undefined, "bench", "NullRole");
        }
        return { roleCount: count };
    };
}
