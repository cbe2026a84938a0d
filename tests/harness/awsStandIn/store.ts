// What moto does not emulate, kept by the stand-in: per-instance attributes and associations of
// Connect instances (moto's Connect backend has instances, tags and analytics data sets only).
//
// Everything is keyed by instance id, and an entry whose instance moto no longer has is dropped on
// the next access (see `instanceRecord` in resources/connectInstance.ts), so a moto reset clears it
// too. The file lives where AWS_STAND_IN_STATE says (the harness puts it next to its moto), or in
// the temp dir under moto's port.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** One storage association (AssociateInstanceStorageConfig). */
export interface StoredStorageConfig {
    resourceType: string;
    storageConfig: Record<string, unknown>;
    /** The grant Connect made on the config's customer-managed key (resources/connectGrants.ts). */
    keyGrant?: { keyArn: string; grantId: string };
}

/** What the stand-in keeps about one Connect instance. */
export interface InstanceRecord {
    /** The per-instance service-linked role the emulated CreateInstance made. */
    roleName: string;
    /** Instance attributes (UpdateInstanceAttribute), "true"/"false" by attribute type. */
    attributes: Record<string, string>;
    storageConfigs: Record<string, StoredStorageConfig>;
    /** Lex V1 bots by `name:region`. */
    lexBots: Record<string, { name: string; lexRegion: string }>;
    lambdaFunctions: string[];
    /** Integration associations (Lex V2 bots and others) by association id. */
    integrations: Record<string, { integrationType: string; integrationArn: string }>;
    /** Approved origins (AssociateApprovedOrigin). */
    approvedOrigins?: string[];
    /** Security keys by association id (AssociateSecurityKey). */
    securityKeys?: Record<string, string>;
}

interface StoreFile {
    instances: Record<string, InstanceRecord>;
}

/** Path of the store file. */
export function storePath(): string {
    if (process.env.AWS_STAND_IN_STATE) return process.env.AWS_STAND_IN_STATE;
    const endpoint = process.env.AWS_ENDPOINT_URL ?? "default";
    return path.join(os.tmpdir(), "aws-stand-in", `${endpoint.replace(/[^A-Za-z0-9]+/g, "_")}.json`);
}

function load(file = storePath()): StoreFile {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as StoreFile;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { instances: {} };
        throw new Error(`stand-in store ${file} is unreadable: ${error}; delete it (it only mirrors moto)`);
    }
}

function save(data: StoreFile, file = storePath()): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 1));
    fs.renameSync(temp, file);
}

/** Reads one instance's record. */
export function readInstance(instanceId: string, file = storePath()): InstanceRecord | undefined {
    return load(file).instances[instanceId];
}

/**
 * Changes one instance's record in a single synchronous read-modify-write, so concurrent requests
 * in this process cannot interleave. `change` returns undefined to delete the record.
 */
export function updateInstance(
    instanceId: string,
    change: (record: InstanceRecord | undefined) => InstanceRecord | undefined,
    file = storePath(),
): InstanceRecord | undefined {
    const data = load(file);
    const next = change(data.instances[instanceId]);
    if (next === undefined) delete data.instances[instanceId];
    else data.instances[instanceId] = next;
    save(data, file);
    return next;
}

/** Deletes the store (the harness calls this when it resets moto). */
export function clearStore(file = storePath()): void {
    fs.rmSync(file, { force: true });
}
