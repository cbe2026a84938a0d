import { execFileSync } from "node:child_process";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { withoutClaims } from "../../provider/iam/claims";
import type * as automation from "@pulumi/pulumi/automation";
import { exampleRequire, TestStack } from "../harness/engine";
import { useEngineFixture } from "../harness/engineFixture";
import { serviceLinkedRoles } from "../harness/iam";

const program = exampleRequire("service-linked-role")("./program").serviceLinkedRoleProgram as automation.PulumiFn;

/**
 * SIGKILLs every `pulumi` CLI process this test process started, and everything under them (the
 * dynamic-provider plugin): what a CI runner that loses its machine does to a deployment.
 */
function killPulumiCli(): number {
    const table = execFileSync("ps", ["-eo", "pid=,ppid=,comm="])
        .toString()
        .trim()
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
    const victims = table.filter((p) => p.ppid === process.pid && p.comm === "pulumi").map((p) => p.pid);
    for (let i = 0; i < victims.length; i++) {
        for (const child of table.filter((p) => p.ppid === victims[i])) victims.push(child.pid);
    }
    for (const pid of victims) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
    return victims.length;
}

describe("engine: deployments killed mid-operation recover without losing or duplicating roles", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ proxy: true });
    let current: TestStack | undefined;

    async function stackWith(config: Record<string, string | object>): Promise<TestStack> {
        current = await fx.stack({ program });
        await current.setConfig(config);
        return current;
    }

    /** Runs an operation and SIGKILLs the CLI when `action` reaches the proxy (so the previous call has reached moto). */
    async function killWhen<T>(action: string, operation: () => Promise<T>): Promise<Error> {
        let killed = 0;
        fx.proxy.setRules([
            {
                action,
                times: 1,
                fault: { kind: "latency", ms: 30_000 },
                onMatch: () => {
                    killed = killPulumiCli();
                },
            },
        ]);
        const error = await operation().then(
            () => new Error("operation completed; it should have been killed"),
            (err: Error) => err,
        );
        fx.proxy.setRules([]);
        expect(killed, "processes killed").to.be.greaterThan(0);
        // The killed CLI leaves its lock behind; `pulumi cancel` is the documented way to clear it.
        await current!.stack.cancel();
        return error;
    }

    const rolesInIam = () => serviceLinkedRoles(fx.iam);

    async function stateOf(stack: automation.Stack) {
        const { deployment } = await stack.exportStack();
        return {
            roles: (deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith(":ServiceLinkedRole")),
            pending: (deployment.pending_operations ?? []) as Array<{ type: string }>,
        };
    }

    it("a create killed after CreateServiceLinkedRole reached IAM: refresh, then up, ends with exactly one tracked role", async () => {
        const { stack } = await stackWith({ description: "interrupted create" });
        await killWhen("GetRole", () => stack.up());
        expect(await rolesInIam()).to.have.length(1);
        const killedState = await stateOf(stack);
        expect(killedState.pending.map((p) => p.type)).to.deep.equal(["creating"]);

        await stack.refresh({ clearPendingCreates: true });
        const recovered = await stack.up();
        expect(recovered.summary.resourceChanges?.create).to.equal(1);

        const roles = await rolesInIam();
        expect(roles).to.have.length(1);
        const after = await stateOf(stack);
        expect(after.pending).to.deep.equal([]);
        expect(after.roles).to.have.length(1);
        expect(after.roles[0].outputs.roleId).to.equal(roles[0].RoleId);
        expect(after.roles[0].outputs.description).to.equal("interrupted create");
        // The new process cannot prove that the killed one created the role, so it records adoption.
        expect(after.roles[0].outputs.ownership).to.equal("adopted");
    });

    it("an update killed between UpdateRole and TagRole: refresh, then up, converges IAM and state", async () => {
        const { stack, setConfig } = await stackWith({ description: "one", tags: { team: "a" } });
        const created = await stack.up();
        const roleName = created.outputs.roleName.value as string;
        await setConfig({ description: "two", tags: { team: "b", env: "prod" } });
        await killWhen("TagRole", () => stack.up());
        const { Role: halfway } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect(halfway?.Description).to.equal("two");

        await stack.refresh();
        const recovered = await stack.up();
        expect(recovered.summary.resourceChanges?.update).to.equal(1);

        const { Role } = await fx.iam.send(new GetRoleCommand({ RoleName: roleName }));
        expect(Role?.Description).to.equal("two");
        // The role also carries this resource's claim tag (see claims.ts), which is not a user tag.
        expect(withoutClaims(Object.fromEntries((Role?.Tags ?? []).map((t) => [t.Key!, t.Value!])))).to.deep.equal({ team: "b", env: "prod" });
        const after = await stateOf(stack);
        expect(after.pending).to.deep.equal([]);
        expect(after.roles).to.have.length(1);
        expect(after.roles[0].outputs.roleId).to.equal(Role?.RoleId);
        expect(after.roles[0].outputs.tags).to.deep.equal({ team: "b", env: "prod" });
        expect(await rolesInIam()).to.have.length(1);
    });

    it("a destroy killed after DeleteServiceLinkedRole reached IAM: refresh, then destroy, leaves nothing behind", async () => {
        const { stack } = await stackWith({ description: "interrupted delete" });
        await stack.up();
        await killWhen("GetServiceLinkedRoleDeletionStatus", () => stack.destroy());
        expect(await rolesInIam()).to.have.length(0);
        expect((await stateOf(stack)).roles).to.have.length(1);

        await stack.refresh();
        expect((await stateOf(stack)).roles).to.have.length(0);
        await stack.destroy();
        const after = await stateOf(stack);
        expect(after.roles).to.have.length(0);
        expect(after.pending).to.deep.equal([]);
        expect(await rolesInIam()).to.have.length(0);
    });
});
