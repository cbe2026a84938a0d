import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire } from "../tests/harness/engine";
import { BENCH_SERVICE, benchSuffix, EXAMPLE } from "./program";

/** The outputs ServiceLinkedRole declares, declared here too so that registration costs the same. */
const ROLE_OUTPUTS = ["awsServiceName", "customSuffix", "roleName", "arn", "roleId", "path", "createDate", "description", "tags", "trustPolicy", "ownership", "deletionPolicy", "claims", "previousRoleId"];

/**
 * The floor every dynamic provider shares: `count` dynamic resources whose provider does nothing but
 * wait exactly as long as the minimum sequential calls would take: `perProcessMs` once per provider
 * process before its first operation (the STS account check, which every operation in the process
 * awaits, as the real provider's gate does), then `upMs` in each create and `destroyMs` in each
 * delete. Same inputs and outputs as the bench roles, same engine, same launcher and provider host:
 * what remains between this and the real provider is the provider's own work and the emulator's
 * service time (measured apart at the proxy).
 */
export function nullRolesProgram(count: number, upMs: number, destroyMs: number, perProcessMs: number): automation.PulumiFn {
    const pulumi = exampleRequire(EXAMPLE)("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    // Captured by value into the serialized provider; the provider host deserializes it once per
    // process (one cached provider per serialized text), so every resource shares this object.
    const perProcess: { wait?: Promise<void> } = {};
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    // One provider object for every resource: Pulumi serializes it once (its closure holds the numbers).
    const provider: import("@pulumi/pulumi").dynamic.ResourceProvider = {
        async create(inputs: Record<string, unknown>) {
            await (perProcess.wait ??= sleep(perProcessMs));
            await sleep(upMs);
            return { id: `null-${inputs.customSuffix}`, outs: { ...inputs, roleName: `null-${inputs.customSuffix}`, ownership: "created" } };
        },
        async delete() {
            await (perProcess.wait ??= sleep(perProcessMs));
            await sleep(destroyMs);
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
