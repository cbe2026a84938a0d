// The shapes of the checked-in upgrade fixtures (written by generate.ts) and their loader.
import * as fs from "node:fs";
import * as path from "node:path";
import type { InstanceRecord } from "../../harness/awsStandIn/store";

/** This folder. */
export const fixtureDir = __dirname;

/** Where and with what each release's fixtures were made. */
export interface Manifest {
    packageVersion: string;
    /** The commit whose package code wrote the state. */
    commit: string;
    commitSubject: string;
    generatedAt: string;
    pulumiCli: string;
    pulumiSdk: string;
    awsSdk: string;
    moto: string;
    /** Scenario keys of programs.ts, each with a `v<version>-<key>.json` state file. */
    scenarios: string[];
    /**
     * Every module the serialized providers in these states `require()`, with the functions it
     * exported then: the engine loads the module by that path from whatever version is installed.
     */
    providerModules: Record<string, string[]>;
}

/** A service-linked role as IAM held it after the generator's `up`s. */
export interface RecordedRole {
    roleName: string;
    path: string;
    roleId: string;
    createDate: string;
    description?: string;
    /** Every tag, claims included. */
    tags: Record<string, string>;
    /** `CreateServiceLinkedRole` (by the package or out of band), or made by Connect with an instance. */
    madeBy: "CreateServiceLinkedRole" | "connect-instance";
}

/** What AWS held that the state alone cannot recreate. */
export interface AwsSide {
    roles: RecordedRole[];
    /** The stand-in's store: per-instance role names, attributes and associations. */
    standInStore: { instances: Record<string, InstanceRecord> };
    /** The instance the generator made out of band (inputs: {@link EXISTING_INSTANCE}). */
    existingInstanceId: string;
}

/** How the generator made the out-of-band instance, and how the test makes it again. */
export const EXISTING_INSTANCE = {
    identityManagementType: "CONNECT_MANAGED",
    instanceAlias: "upgrade-existing",
    inboundCallsEnabled: true,
    outboundCallsEnabled: true,
    region: "us-east-1",
};

/** One release's fixtures. */
export interface ReleaseFixtures {
    manifest: Manifest;
    aws: AwsSide;
    /** `pulumi stack export` by scenario key. */
    states: Record<string, StackExport>;
}

/** The parts of a `pulumi stack export` the tests read. */
export interface StackExport {
    version: number;
    deployment: { resources: StateResource[]; [key: string]: unknown };
    [key: string]: unknown;
}

export interface StateResource {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    inputs?: Record<string, any>;
    outputs?: Record<string, any>;
    protect?: boolean;
    [key: string]: unknown;
}

/** Every release with a manifest in this folder, oldest first. */
export function releases(): ReleaseFixtures[] {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(fixtureDir, file), "utf8"));
    return fs
        .readdirSync(fixtureDir)
        .filter((f) => /^v[\d.]+-manifest\.json$/.test(f))
        .sort()
        .map((file) => {
            const manifest = read(file) as Manifest;
            const prefix = `v${manifest.packageVersion}`;
            const states = Object.fromEntries(manifest.scenarios.map((key) => [key, read(`${prefix}-${key}.json`) as StackExport]));
            return { manifest, aws: read(`${prefix}-aws.json`) as AwsSide, states };
        });
}

/** The package modules a serialized dynamic provider (`__provider`) loads. */
export function providerModulesOf(serialized: string): string[] {
    return [...serialized.matchAll(/require\("(pulumi-service-linked-role\/[^"]+)"\)/g)].map((m) => m[1]);
}

/** Every `__provider` of a state, by resource URN. */
export function serializedProviders(state: StackExport): Array<{ urn: string; serialized: string }> {
    return state.deployment.resources.flatMap((r) => {
        const serialized = r.outputs?.__provider ?? r.inputs?.__provider;
        return typeof serialized === "string" ? [{ urn: r.urn, serialized }] : [];
    });
}
