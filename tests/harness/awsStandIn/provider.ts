// The stand-in's provider: dispatches each request to the handler of its type token, diffs with
// the replacement table, and refuses every token it does not implement.
import type * as provider from "@pulumi/pulumi/provider";
import type { InvokeHandler, ResourceHandler } from "./handler";
import { REPLACEMENT_RULES, replacingProperties } from "./replacement";
import { containsUnknown, plain, Props, sameValue, typeOfUrn, nameOfUrn } from "./values";

/** Keys the engine or the bridge keeps in inputs that are not resource properties. */
const INTERNAL_KEYS = new Set(["__defaults"]);

export class StandInProvider implements provider.Provider {
    public readonly version = "7.48.0";

    constructor(
        private readonly resources: Record<string, ResourceHandler>,
        private readonly invokes: Record<string, InvokeHandler>,
    ) {}

    private handler(urn: string): ResourceHandler {
        const token = typeOfUrn(urn);
        const handler = this.resources[token];
        if (!handler) {
            throw new Error(
                `the AWS stand-in plugin (tests/harness/awsStandIn) does not implement ${token}; it implements only ${Object.keys(this.resources).join(", ")}. Install a real pulumi-resource-aws to use other types.`,
            );
        }
        return handler;
    }

    public async check(urn: string, olds: any, news: any): Promise<provider.CheckResult> {
        const token = typeOfUrn(urn);
        const handler = this.handler(urn);
        const inputs: Props = plain(news) ?? {};
        const failures = Object.keys(inputs)
            .filter((key) => !INTERNAL_KEYS.has(key) && inputs[key] !== undefined && inputs[key] !== null && !handler.inputs.includes(key))
            .map((key) => ({ property: key, reason: `the AWS stand-in does not emulate ${token}'s ${key}; it emulates ${handler.inputs.join(", ")}` }));
        failures.push(...(handler.check?.(inputs, olds ? plain(olds) : undefined, nameOfUrn(urn)) ?? []));
        return { inputs, failures };
    }

    public async diff(_id: string, urn: string, olds: any, news: any): Promise<provider.DiffResult> {
        const token = typeOfUrn(urn);
        const handler = this.handler(urn);
        const before: Props = plain(olds) ?? {};
        const after: Props = plain(news) ?? {};
        const computed = new Set(handler.computedInputs ?? []);
        const changed = Object.keys(REPLACEMENT_RULES[token].properties).filter((key) => {
            if (after[key] === undefined && computed.has(key)) return false;
            return containsUnknown(after[key]) || !sameValue(before[key], after[key]);
        });
        const replacing = new Set(replacingProperties(token));
        const replaces = [...changed.filter((key) => replacing.has(key)), ...(handler.extraReplaces?.(before, after) ?? [])];
        return { changes: changed.length > 0 || replaces.length > 0, replaces: [...new Set(replaces)] };
    }

    public async create(urn: string, inputs: any): Promise<provider.CreateResult> {
        const { id, outs } = await this.handler(urn).create(plain(inputs));
        return { id, outs: json(outs) };
    }

    public async read(id: string, urn: string, props?: any): Promise<provider.ReadResult> {
        const outs = await this.handler(urn).read(id, plain(props) ?? {});
        // An empty id tells the engine the resource is gone (refresh drops it from the state).
        return outs === undefined ? { id: "", props: {} } : { id, props: json(outs) };
    }

    public async update(id: string, urn: string, olds: any, news: any): Promise<provider.UpdateResult> {
        const handler = this.handler(urn);
        if (!handler.update) throw new Error(`${typeOfUrn(urn)} has no in-place update in the stand-in; every change replaces it`);
        return { outs: json(await handler.update(id, plain(olds), plain(news))) };
    }

    public async delete(id: string, urn: string, props: any): Promise<void> {
        await this.handler(urn).delete(id, plain(props));
    }

    public async invoke(token: string, inputs: any): Promise<provider.InvokeResult> {
        const invoke = this.invokes[token];
        if (!invoke) {
            throw new Error(`the AWS stand-in plugin does not implement the function ${token}; it implements only ${Object.keys(this.invokes).join(", ")}`);
        }
        return { outputs: await invoke(plain(inputs) ?? {}) };
    }
}

/** Outputs as the engine's Struct accepts them: JSON values only (no undefined). */
function json(outs: Props): Props {
    return JSON.parse(JSON.stringify(outs));
}
