import type * as automation from "@pulumi/pulumi/automation";
import type { Discovery } from "./discovery";
import { engineErrorSummary, RolloutEngine, workspaceOptions } from "./engine";
import type { AccountTask } from "./plan";
import { accountProgram, RoleOutputs } from "./program";
import { probeAccount, targetFor } from "./reach";
import { AccountResult, hasChanges, RoleReport } from "./results";
import type { ResolvedSpec } from "./spec";
import { readRoleStatus } from "./status";

/** What every account's run shares. */
export interface AccountRunContext {
    spec: ResolvedSpec & { backendUrl: string };
    discovery: Pick<Discovery, "managementAccountId" | "partition">;
    engine: RolloutEngine;
    /** Remove the stack of an unreachable account from the backend (AWS untouched). */
    forgetUnreachable: boolean;
    signal?: AbortSignal;
}

/**
 * Runs one account's task and never throws: a failure becomes the account's result, so one account
 * never stops the others. The account is probed first (assume-role, then STS GetCallerIdentity);
 * an unreachable one is reported and its stack kept, or forgotten on request.
 */
export async function runAccountTask(ctx: AccountRunContext, task: AccountTask): Promise<AccountResult> {
    const started = Date.now();
    const done = (result: Omit<AccountResult, keyof AccountTask | "durationMs">): AccountResult => ({ ...task, ...result, durationMs: Date.now() - started });
    try {
        const target = targetFor(ctx.spec, ctx.discovery, task.accountId);
        const reach = await probeAccount(target);
        if (!reach.reachable) {
            if (ctx.forgetUnreachable && task.hasStack && task.action === "destroy") {
                await forget(ctx, task.accountId);
                return done({ outcome: "forgotten", error: `${reach.error}; its stack was removed from the backend, and its claims stay on the roles in the account` });
            }
            return done({ outcome: "unreachable", error: reach.error });
        }
        const program = accountProgram(target, ctx.spec.roles);
        const stack = task.hasStack || task.action === "up" || task.action === "preview" ? await openStack(ctx, task.accountId, program) : undefined;
        switch (task.action) {
            case "preview": {
                const preview = await stack!.preview({ refresh: task.hasStack, signal: ctx.signal });
                // A preview leaves no trace: the stack it had to create for the plan goes again.
                if (!task.hasStack) await stack!.workspace.removeStack(stack!.name);
                return done({ outcome: "ok", changes: preview.changeSummary, changed: hasChanges(preview.changeSummary) });
            }
            case "up": {
                const up = await stack!.up({ refresh: task.hasStack, signal: ctx.signal });
                const changes = up.summary.resourceChanges ?? {};
                return done({ outcome: "ok", changes, changed: hasChanges(changes), roles: rolesFromOutputs(up.outputs) });
            }
            case "previewDestroy": {
                const preview = await stack!.previewDestroy({ signal: ctx.signal });
                return done({ outcome: "ok", changes: preview.changeSummary, changed: hasChanges(preview.changeSummary) });
            }
            case "destroy": {
                if (!stack) return done({ outcome: "ok", changes: {}, changed: false });
                const destroyed = await stack.destroy({ signal: ctx.signal });
                await stack.workspace.removeStack(stack.name);
                const changes = destroyed.summary.resourceChanges ?? {};
                return done({ outcome: "ok", changes, changed: hasChanges(changes) });
            }
            case "status": {
                const recorded = stack ? recordedRoles(await stack.outputs()) : undefined;
                const roles = await readRoleStatus(target, ctx.spec.roles, recorded);
                const drift = task.reason === "leftSelection" || roles.some((r) => r.drift.length > 0);
                return done({ outcome: drift ? "drift" : "ok", roles, ...(task.reason === "leftSelection" ? { error: "left the selection; the next up destroys its stack" } : {}) });
            }
        }
    } catch (err) {
        return done({ outcome: "failed", error: engineErrorSummary(err) });
    }
}

async function openStack(ctx: AccountRunContext, accountId: string, program: automation.PulumiFn): Promise<automation.Stack> {
    const options = workspaceOptions(ctx.engine, ctx.spec.project, ctx.spec.backendUrl, ctx.engine.workDirFor(accountId));
    return ctx.engine.auto.LocalWorkspace.createOrSelectStack({ stackName: accountId, projectName: ctx.spec.project, program }, options);
}

async function forget(ctx: AccountRunContext, accountId: string): Promise<void> {
    const options = workspaceOptions(ctx.engine, ctx.spec.project, ctx.spec.backendUrl, ctx.engine.workDirFor(accountId));
    const workspace = await ctx.engine.auto.LocalWorkspace.create(options);
    await workspace.removeStack(accountId, { force: true });
}

function recordedRoles(outputs: automation.OutputMap): Record<string, RoleOutputs> | undefined {
    return outputs.roles?.value as Record<string, RoleOutputs> | undefined;
}

function rolesFromOutputs(outputs: automation.OutputMap): RoleReport[] {
    return Object.entries(recordedRoles(outputs) ?? {}).map(([role, o]) => ({ role, roleName: o.roleName, state: "present", ownership: o.ownership, drift: [] }));
}
