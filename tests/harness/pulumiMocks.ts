/**
 * One Pulumi-mocks harness for component tests: `pulumi.runtime.setMocks` with a recorder around
 * the mock monitor, so a test sees every registration as the SDK sent it (type, name, parent,
 * dependencies, property dependencies, retainOnDelete, provider, inputs), every invoke, and every
 * warning the program logged.
 *
 * Settling needs no timing guess: the SDK takes an RPC keep-alive synchronously when a resource
 * starts registering (before its inputs, a dynamic provider's serialization included, resolve) and
 * releases it when the monitor answers; {@link MockEngine.settled} waits for that queue to drain,
 * the way the SDK itself does before it disconnects.
 */
import * as pulumi from "@pulumi/pulumi";

/** One resource registration as the SDK sent it to the (mock) engine. */
export interface Registration {
    type: string;
    name: string;
    urn: string;
    parent: string;
    custom: boolean;
    retainOnDelete: boolean;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** The provider reference (`urn::id`), when the resource names one. */
    provider: string;
    inputs: Record<string, any>;
}

/** The recorded engine side of a mocked program. */
export interface MockEngine {
    /** Registrations the monitor answered, in order. */
    readonly registrations: Registration[];
    /** Invokes (data sources) the program called. */
    readonly invokes: Array<{ token: string; inputs: Record<string, any>; provider?: string }>;
    /** Messages the program logged with `pulumi.log.warn`. */
    readonly warnings: string[];
    /** Registrations the SDK started, answered or not (a refused construction must leave it unchanged). */
    started(): number;
    /** Resolves once every RPC the program started (registrations, invokes, outputs) has been answered. */
    settled(): Promise<void>;
    /** Every registration under `urn`, through nested components. */
    descendants(urn: string): Registration[];
    /** Puts `pulumi.log.warn` back. */
    stop(): void;
}

/** `waitForRPCs` is internal to the SDK's runtime settings; it is the SDK's own drain of its RPC queue. */
function waitForRPCs(): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    return settings.waitForRPCs();
}

/**
 * Installs `mocks` (invokes recorded before they reach `mocks.call`) and the recorder. Load the
 * modules under test after this resolves: they capture the runtime settings when they load.
 */
export async function startPulumiMocks(mocks: pulumi.runtime.Mocks, options: { project?: string; stack?: string; preview?: boolean } = {}): Promise<MockEngine> {
    const registrations: Registration[] = [];
    const invokes: MockEngine["invokes"] = [];
    const warnings: string[] = [];
    let started = 0;
    const recording: pulumi.runtime.Mocks = {
        newResource: (args) => mocks.newResource(args),
        call: (args) => {
            invokes.push({ token: args.token, inputs: args.inputs, provider: args.provider });
            return mocks.call(args);
        },
    };
    await pulumi.runtime.setMocks(recording, options.project ?? "project", options.stack ?? "stack", options.preview ?? false);
    const monitor = pulumi.runtime.getMonitor() as any;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) => {
        started++;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const entry = {
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            retainOnDelete: req.getRetainondelete?.() ?? false,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            provider: req.getProvider?.() ?? "",
            inputs: req.getObject()?.toJavaScript() ?? {},
        };
        register(req, (err: any, resp: any) => {
            if (!err) registrations.push({ ...entry, urn: resp.getUrn() });
            callback(err, resp);
        });
    };
    const originalWarn = pulumi.log.warn;
    (pulumi.log as { warn: typeof pulumi.log.warn }).warn = async (message: string) => {
        warnings.push(message);
    };
    return {
        registrations,
        invokes,
        warnings,
        started: () => started,
        settled: waitForRPCs,
        descendants(urn: string) {
            const under = new Set([urn]);
            for (let grew = true; grew; ) {
                grew = false;
                for (const r of registrations) if (under.has(r.parent) && !under.has(r.urn)) (under.add(r.urn), (grew = true));
            }
            return registrations.filter((r) => under.has(r.parent));
        },
        stop() {
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = originalWarn;
        },
    };
}

/** Resolves an output's value (mocks outside preview make every value known). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}
