import type { IAMClient } from "@aws-sdk/client-iam";
import { configureConnection } from "../../provider/iam/lifecycle";
import { FaultProxy, startFaultProxy } from "./faultProxy";
import { directIamClient } from "./iam";
import { MotoServer, startMoto, useAwsEndpoint } from "./moto";

/** moto with the fault proxy in front, for suites that call the provider lifecycle in-process. */
export interface ProviderBehindProxy {
    readonly moto: MotoServer;
    /** The provider's endpoint; counts and faults every IAM call it makes. */
    readonly proxy: FaultProxy;
    /** Reads IAM straight from moto, past the proxy, for assertions. */
    readonly iam: IAMClient;
}

/**
 * Registers mocha hooks that start moto and the proxy, point the provider's IAM client at the
 * proxy with the planted test credentials, and tear everything down after the suite.
 */
export function useProviderBehindProxy(): ProviderBehindProxy {
    const fixture = {} as { moto: MotoServer; proxy: FaultProxy; iam: IAMClient };
    let restoreEnv: (() => void) | undefined;
    before(async function () {
        this.timeout(60_000);
        fixture.moto = await startMoto();
        fixture.proxy = await startFaultProxy(fixture.moto.endpoint);
        fixture.iam = directIamClient(fixture.moto.endpoint);
        restoreEnv = useAwsEndpoint(fixture.proxy.endpoint);
        configureConnection({});
    });
    after(async () => {
        restoreEnv?.();
        configureConnection({});
        fixture.iam?.destroy();
        await fixture.proxy?.close();
        await fixture.moto?.stop();
    });
    return fixture;
}

/** moto alone, with this process's AWS SDK pointed at it (for code that builds its own clients). */
export interface MotoFixture {
    readonly moto: MotoServer;
    /** Reads and seeds IAM straight from moto, for arrangement and assertions. */
    readonly iam: IAMClient;
}

/**
 * Registers mocha hooks that start moto with `extraEnv` (e.g. `MOTO_IAM_LOAD_MANAGED_POLICIES`),
 * point the environment's AWS SDK settings at it, and tear it down after the suite.
 */
export function useMoto(extraEnv: Record<string, string> = {}): MotoFixture {
    const fixture = {} as { moto: MotoServer; iam: IAMClient };
    let restoreEnv: (() => void) | undefined;
    before(async function () {
        this.timeout(60_000);
        fixture.moto = await startMoto(extraEnv);
        fixture.iam = directIamClient(fixture.moto.endpoint);
        restoreEnv = useAwsEndpoint(fixture.moto.endpoint);
    });
    after(async () => {
        restoreEnv?.();
        fixture.iam?.destroy();
        await fixture.moto?.stop();
    });
    return fixture;
}
