import { stackSettings } from "./connection";

// `aws:defaultTags` and `aws:ignoreTags`, applied the way @pulumi/aws resources apply them: the
// default tags sit under the resource's own tags (which win on the same key), and ignored keys are
// never set, removed, compared or reported.

/** True when `aws:ignoreTags` names the key or one of its prefixes. */
export function isIgnoredTag(key: string): boolean {
    const ignore = stackSettings().ignoreTags;
    return !!ignore && (ignore.keys.includes(key) || ignore.keyPrefixes.some((prefix) => key.startsWith(prefix)));
}

/** The tags without the ignored keys. */
export function withoutIgnoredTags(tags: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(tags).filter(([key]) => !isIgnoredTag(key)));
}

/**
 * The complete tag set to enforce on the role: default tags merged under the declared ones, minus
 * ignored keys. Undefined (tags not managed) only when neither the role nor the stack declares any.
 */
export function desiredTags(declared: Record<string, string> | undefined): Record<string, string> | undefined {
    const defaults = stackSettings().defaultTags;
    if (declared === undefined && (defaults === undefined || Object.keys(defaults).length === 0)) return undefined;
    return withoutIgnoredTags({ ...defaults, ...declared });
}
