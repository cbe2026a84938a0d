// The one fixture every engine test file uses: moto on its own free port (optionally behind the
// fault proxy, or set up for the Connect components with the stand-in AWS plugin), stacks in their
// own throw-away file backends, every account wiped before each test and every stack disposed
// (destroyed, scanned for planted credentials, removed) after it. Each test file gets its own moto,
// proxy and backends, so files can run in parallel worker processes (`mocha --parallel`).
import type { IAMClient } from "@aws-sdk/client-iam";
import type * as automation from "@pulumi/pulumi/automation";
import { ConnectMoto, createConnectStack, pointThisProcessAt, startMotoForConnect } from "./awsPlugin";
import { createStack, TestStack } from "./engine";
import { FaultProxy, startFaultProxy } from "./faultProxy";
import { directIamClient } from "./iam";
import { MotoServer, startMoto } from "./moto";

/** What the suite needs around moto. */
export interface EngineFixtureOptions {
    /** Put the fault proxy between the provider and moto; stacks then talk to the proxy. @default false */
    proxy?: boolean;
    /**
     * moto for the Connect components (managed policies loaded, the stand-in's store and Connect front),
     * this process's SDK pointed at it, and stacks of the connect-instance example with the AWS plugin.
     * @default false
     */
    connect?: boolean;
    /** Settings for moto itself, e.g. `INITIAL_NO_AUTH_ACTION_COUNT` (not with `connect`). @default {} */
    motoEnv?: Record<string, string>;
    /** Project name of every stack unless a stack names its own. @default "slr-test", or "connect-instance-example" with `connect` */
    projectName?: string;
    /**
     * Failures while disposing a stack after a test are ignored instead of failing the test (for suites
     * whose tests may leave a stack the engine cannot destroy on purpose). @default false
     */
    ignoreDisposeErrors?: boolean;
}

/** One stack of the fixture; disposed after the test that made it. */
export interface FixtureStackOptions {
    program: automation.PulumiFn;
    stackName?: string;
    projectName?: string;
    config?: Record<string, string>;
    extraEnv?: Record<string, string>;
    /** IAM endpoint for this stack only (e.g. an endpoint that leads nowhere). @default the fixture's {@link EngineFixture.endpoint} */
    iamEndpoint?: string;
}

/** The running fixture; its fields are set once the suite's `before` hook has run. */
export interface EngineFixture {
    readonly moto: MotoServer;
    /** The fault proxy; only with `proxy: true`. */
    readonly proxy: FaultProxy;
    /** moto for Connect, its store and front; only with `connect: true`. */
    readonly connectMoto: ConnectMoto;
    /** Reads and arranges IAM straight from moto, past any proxy. */
    readonly iam: IAMClient;
    /** The IAM endpoint stacks talk to: the proxy when there is one, else moto. */
    readonly endpoint: string;
    /** A stack of `options.program`, disposed after the current test (latest first). */
    stack(options: FixtureStackOptions): Promise<TestStack>;
}

/** Registers the mocha hooks of an engine suite and returns the fixture they fill in. */
export function useEngineFixture(options: EngineFixtureOptions = {}): EngineFixture {
    let moto: MotoServer | undefined;
    let proxy: FaultProxy | undefined;
    let connectMoto: ConnectMoto | undefined;
    let iam: IAMClient | undefined;
    let restoreEnv: (() => void) | undefined;
    let stacks: TestStack[] = [];
    const need = <T>(value: T | undefined, what: string): T => {
        if (value === undefined) throw new Error(`engine fixture: ${what} (is it enabled, and has the suite's before hook run?)`);
        return value;
    };
    const fixture: EngineFixture = {
        get moto() {
            return need(moto, "no moto");
        },
        get proxy() {
            return need(proxy, "no fault proxy: pass { proxy: true }");
        },
        get connectMoto() {
            return need(connectMoto, "no Connect moto: pass { connect: true }");
        },
        get iam() {
            return need(iam, "no IAM client");
        },
        get endpoint() {
            return proxy?.endpoint ?? need(moto, "no moto").endpoint;
        },
        async stack(stackOptions) {
            const stack = options.connect
                ? await createConnectStack(fixture, { ...stackOptions, projectName: stackOptions.projectName ?? options.projectName, iamEndpoint: stackOptions.iamEndpoint ?? fixture.endpoint })
                : await plainStack(fixture, options, stackOptions);
            stacks.push(stack);
            return stack;
        },
    };
    before(async function () {
        this.timeout(60_000);
        if (options.connect) {
            connectMoto = await startMotoForConnect();
            moto = connectMoto.moto;
            restoreEnv = pointThisProcessAt(connectMoto);
        } else {
            moto = await startMoto(options.motoEnv);
        }
        if (options.proxy) proxy = await startFaultProxy(moto.endpoint);
        iam = directIamClient(moto.endpoint);
    });
    beforeEach(async function () {
        this.timeout(60_000);
        proxy?.reset();
        await (connectMoto ?? moto)?.reset();
    });
    afterEach(async function () {
        this.timeout(300_000);
        proxy?.reset();
        const disposing = stacks.reverse();
        stacks = [];
        for (const stack of disposing) {
            if (options.ignoreDisposeErrors) await stack.dispose().catch(() => undefined);
            else await stack.dispose();
        }
    });
    after(async () => {
        restoreEnv?.();
        iam?.destroy();
        await proxy?.close();
        if (connectMoto) await connectMoto.stop();
        else await moto?.stop();
    });
    return fixture;
}

function plainStack(fixture: EngineFixture, options: EngineFixtureOptions, stack: FixtureStackOptions): Promise<TestStack> {
    return createStack({
        example: "service-linked-role",
        program: stack.program,
        projectName: stack.projectName ?? options.projectName,
        stackName: stack.stackName,
        iamEndpoint: stack.iamEndpoint ?? fixture.endpoint,
        config: stack.config,
        extraEnv: stack.extraEnv,
    });
}
