import * as fs from "node:fs";
import * as path from "node:path";
import { ResolvedSpec, ROLLOUT_DEFAULTS } from "./spec";
import { markValidated, RolloutSpecError, validateSpec } from "./specValidation";

/**
 * Reads a rollout spec from a YAML (`.yaml`, `.yml`) or JSON file and validates it. A relative
 * `file://` backend is resolved against the file's directory, and the default backend is
 * `file://<that directory>/.pulumi-rollout`, so the same spec finds the same state from anywhere.
 */
export function loadSpecFile(file: string): ResolvedSpec {
    const where = `rollout spec ${file}`;
    let source: string;
    try {
        source = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new RolloutSpecError([`cannot read the file: ${(err as Error).message}`], where);
    }
    const spec = validateSpec(parseSpecText(source, file), where);
    return withBackendFrom(spec, path.dirname(path.resolve(file)));
}

/** Parses spec text: JSON for `.json` files, YAML (a superset of JSON) otherwise. */
export function parseSpecText(source: string, file = "spec.yaml"): unknown {
    const where = `rollout spec ${file}`;
    if (file.endsWith(".json")) {
        try {
            return JSON.parse(source);
        } catch (err) {
            throw new RolloutSpecError([`not valid JSON: ${(err as Error).message}`], where);
        }
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require("yaml") as typeof import("yaml");
    const doc = yaml.parseDocument(source, { uniqueKeys: true });
    if (doc.errors.length > 0) throw new RolloutSpecError(doc.errors.map((e) => `not valid YAML: ${e.message.split("\n")[0]}`), where);
    return doc.toJS();
}

/** Fills the default backend and resolves a relative `file://` path against `baseDir`. */
export function withBackendFrom(spec: ResolvedSpec, baseDir: string): ResolvedSpec {
    const url = spec.backendUrl ?? `file://${path.join(baseDir, ROLLOUT_DEFAULTS.backendDir)}`;
    if (!url.startsWith("file://")) return markValidated({ ...spec, backendUrl: url });
    const dir = url.slice("file://".length);
    return markValidated({ ...spec, backendUrl: `file://${path.resolve(baseDir, dir.startsWith("~") ? dir.replace(/^~/, process.env.HOME ?? "~") : dir)}` });
}
