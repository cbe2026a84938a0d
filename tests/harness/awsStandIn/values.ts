// Property values as the engine sends them to a provider that accepts secrets and outputs, reduced
// to plain JSON, and the markers the stand-in needs to recognise.

/** The engine's placeholder for a value not known until apply (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** Plain JSON object. */
export type Props = Record<string, any>;

/** Strips secret and output wrappers; unknown outputs become {@link UNKNOWN}. */
export function plain(value: unknown): any {
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record[SIG] === SECRET_SIG) return plain(record.value);
    if (record[SIG] === OUTPUT_SIG) return "value" in record ? plain(record.value) : UNKNOWN;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
}

/** True when the value, or anything inside it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** Deep equality of JSON values, treating a missing key like `undefined`. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => sameValue((a as Props)[k], (b as Props)[k]));
    }
    return (a === undefined || a === null) && (b === undefined || b === null);
}

/** The resource's type token from its URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? qualified;
}

/** The resource's name from its URN. */
export function nameOfUrn(urn: string): string {
    return urn.split("::")[3] ?? "resource";
}

/** An AWS SDK error's code, or undefined for other errors. */
export function awsErrorName(error: unknown): string | undefined {
    return (error as { name?: string } | undefined)?.name;
}
