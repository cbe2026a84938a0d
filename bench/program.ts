import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire } from "../tests/harness/engine";

/** The example project whose installed copy of the library the bench programs use. */
export const EXAMPLE = "service-linked-role";

/** Service principal of every bench role. */
export const BENCH_SERVICE = "connect.amazonaws.com";

/** The custom suffix of bench role `i`: `b-0`, `b-1`, ... */
export const benchSuffix = (i: number) => `b-${i}`;

/**
 * An inline program that declares `count` service-linked roles of {@link BENCH_SERVICE}, each with its
 * own custom suffix and no other input. `ServiceLinkedRole` comes from the example's node_modules, so
 * the provider the engine serializes into state is the packed, installed library, as users get it.
 */
export function rolesProgram(count: number): automation.PulumiFn {
    const { ServiceLinkedRole } = exampleRequire(EXAMPLE)("pulumi-service-linked-role") as typeof import("../provider");
    return async () => {
        const roles = Array.from({ length: count }, (_, i) => new ServiceLinkedRole(`role-${i}`, { awsServiceName: BENCH_SERVICE, customSuffix: benchSuffix(i) }));
        return { roleCount: roles.length };
    };
}

/** The floor program: nothing but the stack itself. */
export const emptyProgram: automation.PulumiFn = async () => ({});

/** The example's own program (one role, every input from stack config), for per-operation call counts. */
export function exampleProgram(): automation.PulumiFn {
    return exampleRequire(EXAMPLE)("./program").serviceLinkedRoleProgram as automation.PulumiFn;
}
