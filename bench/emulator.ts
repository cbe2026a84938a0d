import type { FaultProxy } from "../tests/harness/faultProxy";
import type { EmulatorTime } from "./types";
import { median, STS_ACTION } from "./util";

/**
 * moto's own service time in the command just run, from the proxy's request log (each forwarded
 * request's wait on moto, the proxy's injected latency excluded). A role's calls run one after the
 * other and the engine runs `waves` rounds of roles, so the part on the critical path is estimated as
 * the STS call plus the median role's chain × `waves`. The null provider waits on no emulator, so this
 * is the share of the difference that belongs to moto, not to the provider.
 */
export function emulatorTime(proxy: FaultProxy, waves: number): EmulatorTime {
    const perRole = new Map<string, number>();
    let totalMs = 0;
    let stsMs = 0;
    for (const entry of proxy.requestLog()) {
        const ms = entry.serviceMs ?? 0;
        totalMs += ms;
        if (entry.action === STS_ACTION) stsMs += ms;
        else if (entry.roleName !== undefined) perRole.set(entry.roleName, (perRole.get(entry.roleName) ?? 0) + ms);
    }
    const perRoleChainMedianMs = perRole.size ? median([...perRole.values()]) : 0;
    return { totalMs, perRoleChainMedianMs, stsMs, criticalPathEstimateMs: stsMs + perRoleChainMedianMs * waves };
}

/** Field-wise medians over runs. */
export function medianEmulatorTime(runs: readonly EmulatorTime[]): EmulatorTime | undefined {
    if (runs.length === 0) return undefined;
    const of = (key: keyof EmulatorTime) => median(runs.map((r) => r[key]));
    return { totalMs: of("totalMs"), perRoleChainMedianMs: of("perRoleChainMedianMs"), stsMs: of("stsMs"), criticalPathEstimateMs: of("criticalPathEstimateMs") };
}
