import type { IAMClient } from "@aws-sdk/client-iam";

/**
 * IAM's clock, learned from the `Date` header of every response (answers and errors alike).
 *
 * The SDK keeps a clock offset of its own, but adopts it only once the skew passes about five
 * minutes (it exists to fix request signing), so a local clock a few seconds off would go
 * unnoticed. Deciding whether a role was created by our own lost request compares IAM's
 * `CreateDate` with the moment we sent it, which needs IAM's clock at any skew.
 */
export interface ServerClock {
    /** IAM's time minus ours, in ms, from the latest response; 0 until a response arrives. */
    offsetMs: number;
    /** Whether any response has carried a usable `Date` header yet. */
    learned: boolean;
}

const clocks = new WeakMap<IAMClient, ServerClock>();

/** Adds the `Date`-header middleware to `client` (once) and returns its clock. */
export function trackServerClock(client: IAMClient): ServerClock {
    const existing = clocks.get(client);
    if (existing) return existing;
    const clock: ServerClock = { offsetMs: 0, learned: false };
    clocks.set(client, clock);
    client.middlewareStack.add(
        (next) => async (args) => {
            try {
                const result = await next(args);
                learn(clock, (result.response as HttpLike | undefined)?.headers);
                return result;
            } catch (err) {
                learn(clock, (err as { $response?: HttpLike }).$response?.headers);
                throw err;
            }
        },
        { step: "deserialize", name: "trackServerClock", priority: "high" },
    );
    return clock;
}

/** Now on IAM's clock, as far as the responses so far tell. */
export function serverNow(client: IAMClient): number {
    return Date.now() + (clocks.get(client)?.offsetMs ?? 0);
}

interface HttpLike {
    headers?: Record<string, string | undefined>;
}

function learn(clock: ServerClock, headers: Record<string, string | undefined> | undefined): void {
    const date = headers?.date ?? headers?.Date;
    const serverTime = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(serverTime)) return;
    // The header has whole seconds and is stamped before the answer travels back, so this offset
    // errs low by up to a second plus the trip: IAM's clock is never taken to be ahead of itself.
    clock.offsetMs = serverTime - Date.now();
    clock.learned = true;
}
