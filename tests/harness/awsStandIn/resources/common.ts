// Helpers shared by the resource handlers.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { randomBytes } from "node:crypto";
import { clients } from "../clients";
import type { Failure } from "../handler";
import { awsErrorName, Props } from "../values";

/** True when the error is one of AWS's not-found answers. */
export function isNotFound(error: unknown, ...names: string[]): boolean {
    const name = awsErrorName(error);
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    return name !== undefined && (names.includes(name) || ["ResourceNotFoundException", "NoSuchEntityException", "NoSuchEntity", "NotFound"].includes(name) || (names.length === 0 && status === 404));
}

/** Runs `read`, turning a not-found answer into undefined. */
export async function unlessNotFound<T>(read: () => Promise<T>, ...names: string[]): Promise<T | undefined> {
    try {
        return await read();
    } catch (error) {
        if (isNotFound(error, ...names)) return undefined;
        throw error;
    }
}

/** Wraps an SDK failure in an error naming the operation and the resource. */
export async function operation<T>(what: string, resource: string, call: () => Promise<T>): Promise<T> {
    try {
        return await call();
    } catch (error) {
        const name = awsErrorName(error) ?? "Error";
        throw new Error(`${what} ${resource}: ${name}: ${(error as Error).message}`);
    }
}

/**
 * Fills an auto-named property as pulumi-aws does in check: the name from the program, else the
 * one generated before (recorded in `__defaults`), else `<resource name>-<7 random hex>`.
 */
export function autoName(news: Props, olds: Props | undefined, property: string, name: string, options: { prefix?: string; lower?: boolean; maxLength?: number } = {}): void {
    if (news[property] !== undefined) return;
    const defaults: string[] = Array.isArray(news.__defaults) ? news.__defaults : [];
    const previous = olds?.[property];
    const prefixUnchanged = (olds?.[`${property}Prefix`] ?? olds?.namePrefix) === (news[`${property}Prefix`] ?? news.namePrefix);
    if (typeof previous === "string" && Array.isArray(olds?.__defaults) && olds!.__defaults.includes(property) && prefixUnchanged) {
        news[property] = previous;
    } else {
        const base = options.prefix ?? `${name}-`;
        const random = options.prefix !== undefined ? randomSuffix(26) : randomBytes(4).toString("hex").slice(0, 7);
        let generated = `${base}${random}`;
        if (options.lower) generated = generated.toLowerCase();
        news[property] = options.maxLength ? generated.slice(0, options.maxLength) : generated;
    }
    news.__defaults = [...new Set([...defaults, property])];
}

/** Terraform's PrefixedUniqueId suffix: digits and lower-case letters. */
export function randomSuffix(length: number): string {
    const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A required input, as a failure when missing. */
export function requireInputs(news: Props, ...names: string[]): Failure[] {
    return names.filter((n) => news[n] === undefined || news[n] === null || news[n] === "").map((property) => ({ property, reason: "is required" }));
}

/** JSON text for a policy given as text or as an object. */
export function jsonText(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** Keeps the state's text when IAM's document means the same, so formatting never shows as drift. */
export function sameJsonOr(stateText: unknown, remoteText: string): string {
    try {
        const remote = JSON.parse(decodeURIComponent(remoteText));
        if (typeof stateText === "string" && JSON.stringify(JSON.parse(stateText)) === JSON.stringify(remote)) return stateText;
        return JSON.stringify(remote);
    } catch {
        return remoteText;
    }
}

/** `{k: v}` → `[{Key, Value}]`. */
export function tagList(tags: unknown): Array<{ Key: string; Value: string }> {
    return Object.entries((tags as Record<string, string>) ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** The caller's account id (STS GetCallerIdentity), cached per process. */
let account: Promise<string> | undefined;
export function accountId(region: string): Promise<string> {
    account ??= clients
        .sts(region)
        .send(new GetCallerIdentityCommand({}))
        .then((r) => r.Account!);
    return account;
}

/** The AWS partition a Region belongs to. */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}
