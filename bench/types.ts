/** Shapes of `bench/results.json`. Times are milliseconds, sizes bytes. */

/** IAM requests per action, as the counting proxy received them (SDK attempts, retries included). */
export type CallCounts = Record<string, number>;

/** One lifecycle operation driven through the engine on a one-role stack. */
export interface CallRow {
    operation: string;
    /** The stack command that performed it. */
    command: string;
    /** Every IAM request the proxy saw during the command, status polls included. */
    counts: CallCounts;
    /** Requests other than GetServiceLinkedRoleDeletionStatus and STS GetCallerIdentity. */
    calls: number;
    /** STS GetCallerIdentity requests: the account check, at most one per process and connection. */
    stsCalls?: number;
    /** The fewest calls (status polls excluded) that can do the operation, and which. */
    minimum: number;
    minimumCalls: string[];
    why: string;
    /** Deletes only: status polls made, and the polls the task's duration strictly needs. */
    statusPolls?: { measured: number; needed: number; taskMs: number };
    /** calls === minimum, at most one STS call (and, for deletes, polls within 2 of needed). */
    meetsGoal: boolean;
}

/** Time stamps (ms after the command started) of engine events in one `up`. */
export interface UpPhases {
    /** The engine announced the update (CLI started, plugins and program host ready). */
    prelude?: number;
    /** The stack resource's step began (the program is running). */
    stackPre?: number;
    /** The program asked the engine to register its first role. */
    firstRoleRegistered?: number;
    /** The first role's step began: the provider process is up and answered Configure, Check, Diff. */
    firstRolePre?: number;
    /** The last role's create finished. */
    lastRoleDone?: number;
    /** The engine's summary. */
    summary?: number;
    /** `stack.up()` returned (includes the Automation API's follow-up `stack output` / `stack history` calls). */
    returned: number;
}

export interface OverheadPoint {
    roles: number;
    upMs: number[];
    destroyMs: number[];
    upMedian: number;
    destroyMedian: number;
    /** Floor: empty program's median + required calls per role × latency × ceil(roles / parallelism). */
    upFloor: number;
    destroyFloor: number;
    upRatio: number;
    destroyRatio: number;
    /** IAM requests of the first `up` / `destroy`. */
    upCalls: CallCounts;
    destroyCalls: CallCounts;
    /** Median phase time stamps across runs. */
    upPhases: UpPhases;
    /** The null dynamic provider (bench/nullProvider.ts) with the same roles, in the same rounds. */
    nullUpMs?: number[];
    nullDestroyMs?: number[];
    nullUpMedian?: number;
    nullDestroyMedian?: number;
    /** Real over null: what the provider's own work adds to the floor every dynamic provider shares. */
    upOverNull?: number;
    destroyOverNull?: number;
    /** Largest peak RSS (VmHWM) of the dynamic-provider process across the ups, in KiB. */
    providerPeakRssKiB?: number;
    nullProviderPeakRssKiB?: number;
    /**
     * moto's own service time during the first `up` / `destroy`, measured at the proxy (the time each
     * forwarded request waited on moto, injected latency excluded): the sum over all requests, and an
     * estimate of the part on the critical path (the median role's chain of calls × the waves of
     * roles the engine runs at its parallelism, plus the STS call). The null provider has none of it.
     */
    upEmulator?: EmulatorTime;
    destroyEmulator?: EmulatorTime;
    /** (median − the emulator's critical-path estimate) / the null provider's median: the provider's own cost. */
    upOverNullNetOfEmulator?: number;
    destroyOverNullNetOfEmulator?: number;
}

/** moto's service time in one command, from the proxy's request log. */
export interface EmulatorTime {
    totalMs: number;
    /** Median over roles of the summed service time of that role's requests. */
    perRoleChainMedianMs: number;
    /** STS requests' service time (the account check). */
    stsMs: number;
    criticalPathEstimateMs: number;
}

export interface OverheadResult {
    parallelism: number;
    /** Where the parallelism value came from. */
    parallelismSource: string;
    latencyMs: number;
    runs: number;
    requiredCallsPerRole: { up: number; destroy: number };
    /** Sequential calls once per process and connection (the STS account check). */
    requiredCallsPerProcess?: number;
    emptyUpMs: number[];
    emptyDestroyMs: number[];
    emptyUpMedian: number;
    emptyDestroyMedian: number;
    emptyUpPhases: UpPhases;
    points: OverheadPoint[];
    /** What-if runs of the largest stack (full mode only), interleaved with the measured runs. */
    whatIfs: WhatIf[];
}

/** One what-if: the largest stack's `up` with one cost taken away. */
export interface WhatIf {
    name: string;
    description: string;
    roles: number;
    upMs: number[];
    upMedian: number;
    /** Against the same floor as the measured `up`. */
    upRatio: number;
    /** Median over rounds of (what-if up − measured up of the same round). */
    pairedDeltaMedian: number;
}

export interface StateSize {
    roles: number;
    /** Exported deployment (`stack export`), JSON, UTF-8. */
    exportedBytes: number;
    /** The checkpoint file the file backend keeps for the stack. */
    checkpointFileBytes?: number;
    /** All `__provider` values of the roles, as JSON text inside the export (inputs + outputs). */
    providerJsonBytes: number;
}

export interface StateResult {
    /** UTF-8 length of one `__provider` string. */
    providerBytes: number;
    /** How many copies of it each role resource holds in state (inputs and outputs). */
    copiesPerResource: number;
    /** Bytes the `__provider` copies of one resource take in the exported JSON (escaped). */
    providerJsonBytesPerResource: number;
    /** Bytes of one whole role resource in the exported JSON. */
    resourceJsonBytes: number;
    sizes: StateSize[];
    /**
     * Size of what Pulumi serializes when the provider is a module of the installed package whose
     * exports are the methods (measured by serializing a capture of the installed lifecycle module).
     */
    moduleCaptureBytes?: number;
}

export interface DeleteTrial {
    label: string;
    /** From DeleteServiceLinkedRole reaching the proxy to the task flipping to SUCCEEDED. */
    taskMs: number;
    /** GetServiceLinkedRoleDeletionStatus requests, the one that saw SUCCEEDED included. */
    polls: number;
    /** Polls a poller that notices completion within 1 s needs: max(1, ceil(taskMs / 1000)). */
    needed: number;
    /** From the flip to `remove()` resolving. */
    latencyMs: number;
    /** When each status poll arrived, in ms after DeleteServiceLinkedRole arrived. */
    pollOffsetsMs: number[];
}

export interface DeleteLatencyResult {
    level: string;
    trials: DeleteTrial[];
    latencyMedian: number;
    latencyMax: number;
    /** Engine-level: one-role `destroy` with the task held, from the flip to the engine's delete event and to `destroy()` returning. */
    engine?: { taskMs: number; polls: number; needed: number; toDeleteEventMs: number; toDestroyReturnedMs: number };
}

export interface ColdStartSamples {
    /** Spawn → gRPC port printed on stdout. */
    portMs: number[];
    /** Spawn → first answered request (GetPluginInfo). */
    firstRpcMs: number[];
    /** Spawn → first Check answered (provider deserialized from `__provider`). */
    firstCheckMs: number[];
    /** Spawn → first Read answered (AWS SDK loaded, one GetRole). */
    firstReadMs: number[];
    /** A second Read in the same process. */
    warmReadMs: number[];
}

export interface ColdStartResult {
    samples: number;
    /** `pulumi-resource-pulumi-nodejs`, the launcher the engine runs. */
    launcher: ColdStartSamples;
    /** `node <@pulumi/pulumi/cmd/dynamic-provider>` directly, to separate the launcher's own cost. */
    direct: ColdStartSamples;
    /** Engine level, from the 1-role `up` runs: first role registered → its step begins. */
    engineFirstStepMs?: number[];
}

export interface Goal {
    goal: string;
    target: string;
    measured: string;
    /** null when the section that measures it did not run. */
    met: boolean | null;
    reason?: string;
}

export interface BenchResults {
    meta: {
        mode: "full" | "quick";
        startedAt: string;
        durationMs: number;
        runs: number;
        roleCounts: number[];
        latencyMs: number;
        pulumiCli: string;
        pulumiSdk: string;
        library: string;
        /** When the library under test was installed into the example (its package.json's mtime). */
        libraryInstalledAt?: string;
        node: string;
        /** Set while sections are still to run: a run stopped early leaves this note in its files. */
        partial?: string;
        /** The commit measured (`git rev-parse HEAD`), with `+dirty` when the work tree had changes. */
        commit?: string;
        cpus: number;
        loadAverageStart: number[];
        loadAverageEnd: number[];
    };
    calls?: CallRow[];
    overhead?: OverheadResult;
    state?: StateResult;
    deleteLatency?: DeleteLatencyResult;
    coldStart?: ColdStartResult;
    goals: Goal[];
    errors: string[];
}
