import { CreateServiceLinkedRoleCommand, IAMClient, Role } from "@aws-sdk/client-iam";
import { expect } from "chai";
import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire, TestStack } from "../../harness/engine";
import { useEngineFixture } from "../../harness/engineFixture";
import type { FaultProxy } from "../../harness/faultProxy";
import { roleInIam, serviceLinkedRoles } from "../../harness/iam";
import type { MotoServer } from "../../harness/moto";

/** The packed library, as the example installed it (the engine loads the provider from there). */
type Library = typeof import("../../../provider");
const library = exampleRequire("service-linked-role")("pulumi-service-linked-role") as Library;

export const CONNECT = "connect.amazonaws.com";

/** One ServiceLinkedRole the program declares. */
export interface RoleSpec {
    name: string;
    args?: Record<string, unknown>;
}

/** A program whose resources are whatever `specs()` says at the moment the engine runs it. */
export function rolesProgram(specs: () => RoleSpec[]): automation.PulumiFn {
    return async () => {
        const outputs: Record<string, unknown> = {};
        for (const spec of specs()) {
            const role = new library.ServiceLinkedRole(spec.name, spec.args ?? {});
            outputs[spec.name] = { roleName: role.roleName, roleId: role.roleId, ownership: role.ownership, claims: role.claims };
        }
        return outputs;
    };
}

/** moto with the fault proxy in front, shared by a suite; every test starts from an empty account. */
export interface SafetyFixture {
    moto: MotoServer;
    proxy: FaultProxy;
    /** Reads and arranges IAM straight from moto, past the proxy. */
    iam: IAMClient;
    /** A stack of `rolesProgram(specs)`, disposed (destroyed, faults cleared) after the test. */
    stack(specs: () => RoleSpec[], options?: { stackName?: string; config?: Record<string, string> }): Promise<TestStack>;
}

/** The engine fixture (tests/harness/engineFixture.ts) with the proxy, and stacks of {@link rolesProgram}. */
export function useSafetyFixture(): SafetyFixture {
    const engine = useEngineFixture({ proxy: true, projectName: "slr-safety" });
    return {
        get moto() {
            return engine.moto;
        },
        get proxy() {
            return engine.proxy;
        },
        get iam() {
            return engine.iam;
        },
        stack: (specs, options = {}) => engine.stack({ program: rolesProgram(specs), stackName: options.stackName ?? "test", config: options.config }),
    };
}

/** A ServiceLinkedRole resource as the exported state holds it. */
export interface RoleResource {
    urn: string;
    id: string;
    outputs: Record<string, unknown> & { roleId?: string; ownership?: string; claims?: Record<string, string> };
}

/** The ServiceLinkedRole resources in the stack's state; fails if an operation is left pending. */
export async function rolesInState(stack: automation.Stack): Promise<RoleResource[]> {
    const { deployment } = await stack.exportStack();
    expect(deployment.pending_operations ?? [], "pending operations in state").to.deep.equal([]);
    return (deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole")) as RoleResource[];
}

/**
 * The invariant "if AWS has it, state has it, and state matches AWS": every role in state exists in
 * IAM with the recorded roleId and carries the serialized provider, and every service-linked role
 * in IAM is in state, except those listed in `untracked` (roles this stack never owned). Right after
 * a failed operation (`afterFailure`), state may still hold a role that IAM has already deleted.
 */
export async function expectStateMatchesIam(iam: IAMClient, stack: automation.Stack, untracked: string[] = [], afterFailure = false): Promise<RoleResource[]> {
    const inState = await rolesInState(stack);
    for (const resource of inState) {
        const role = await roleInIam(iam, resource.id);
        // A failed delete may leave in state a role IAM has already deleted (the deletion task ran,
        // its status call failed): the next refresh or destroy settles it. The reverse is never allowed.
        if (afterFailure && role === undefined) continue;
        expect(role, `role ${resource.id} in state but not in IAM`).to.not.equal(undefined);
        expect(resource.outputs.roleId, `roleId of ${resource.id}`).to.equal(role!.RoleId);
        expect(resource.outputs.__provider, `serialized provider of ${resource.id}`).to.be.a("string");
    }
    const stateNames = inState.map((r) => r.id);
    const inIam = (await serviceLinkedRoles(iam)).map((r) => r.RoleName!);
    expect(inIam.filter((name) => !stateNames.includes(name) && !untracked.includes(name)), "roles in IAM that state lost").to.deep.equal([]);
    return inState;
}

/** Creates Connect's role out of band (another team, or the service itself). */
export async function createRoleOutOfBand(iam: IAMClient, description = "created by someone else", customSuffix?: string): Promise<Role> {
    const { Role: role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT, Description: description, CustomSuffix: customSuffix }));
    return role!;
}

/** Runs an engine operation that is expected to fail; returns its error text. */
export async function expectFailure(operation: Promise<unknown>): Promise<string> {
    try {
        await operation;
    } catch (err) {
        const e = err as { message?: string; stderr?: string; stdout?: string };
        return [e.message, e.stdout, e.stderr].filter(Boolean).join("\n");
    }
    throw new Error("the operation succeeded, but a failure was expected");
}
