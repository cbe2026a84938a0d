import type * as pulumi from "@pulumi/pulumi";
import type { ConnectInstanceArgs, ConnectLambdaFunctionArgs, ConnectLexBotArgs, ConnectLexV1BotArgs, ConnectLexV2BotArgs } from "../component/args";
import { ARN_SHAPES, REGION_CODE } from "../../aws/arn";
import { lexV1BotArn, plain, PlanContext, PlannedTarget, quote } from "./common";

// Planning of the flows-and-bots area: Lex bots (V1 and V2) and Lambda functions.

const LEX_V1_NAME = /^[A-Za-z_]{2,50}$/;

export type PlannedLexBot =
    | { version: 1; key: string; name: pulumi.Input<string>; region?: pulumi.Input<string>; target: PlannedTarget }
    | { version: 2; key: string; aliasArn: pulumi.Input<string>; createResourcePolicy: boolean; target: PlannedTarget };

export interface PlannedLambda {
    key: string;
    functionArn: pulumi.Input<string>;
    addPermission: boolean;
    target: PlannedTarget;
}

export interface BotsPlan {
    lexBots: PlannedLexBot[];
    associateLexV2Bots: boolean;
    lambdas: PlannedLambda[];
    /** Deprecation notes to log once the component exists. */
    deprecations: string[];
}

export function planBots(args: ConnectInstanceArgs, ctx: PlanContext): BotsPlan {
    const seen = new Set<string>();
    const deprecations: string[] = [];
    const lexBots = (args.lexBots ?? []).flatMap((bot, i) => {
        const planned = planLexBot(bot, `lexBots[${i}]`, i, seen, ctx);
        if (planned?.version === 1) {
            deprecations.push(`lexBots[${i}]: Lex V1 reached end of support in September 2025; Connect still runs V1 bots that exist, but migrate to a Lex V2 alias ({ aliasArn })`);
        }
        return planned ? [planned] : [];
    });
    const lambdas = (args.lambdaFunctions ?? []).map((fn, i) => planLambda(fn, i, seen, ctx));
    return { lexBots, associateLexV2Bots: args.associateLexV2Bots !== false, lambdas, deprecations };
}

function planLexBot(bot: ConnectLexBotArgs, property: string, i: number, seen: Set<string>, ctx: PlanContext): PlannedLexBot | undefined {
    const hasName = "name" in bot && bot.name !== undefined;
    const hasAlias = "aliasArn" in bot && bot.aliasArn !== undefined;
    if (hasName === hasAlias) {
        ctx.fail(property, "must have either name (a Lex V1 bot) or aliasArn (a Lex V2 bot alias), not both or neither");
        return undefined;
    }
    return hasName ? planLexV1(bot as ConnectLexV1BotArgs, property, i, seen, ctx) : planLexV2(bot as ConnectLexV2BotArgs, property, i, seen, ctx);
}

function planLexV1(v1: ConnectLexV1BotArgs, property: string, i: number, seen: Set<string>, ctx: PlanContext): PlannedLexBot {
    if (plain(v1.name) && !LEX_V1_NAME.test(v1.name)) ctx.fail(`${property}.name`, `must be a Lex V1 bot name (2-50 letters and underscores); got ${quote(v1.name)}`);
    if (plain(v1.region) && !REGION_CODE.test(v1.region)) ctx.fail(`${property}.region`, `must be a Region code such as us-east-1; got ${quote(v1.region)}`);
    const key = plain(v1.name) ? `${v1.name}${plain(v1.region) ? `-${v1.region}` : ""}` : String(i);
    if (seen.has(key)) ctx.fail(property, `repeats Lex bot ${key}`);
    seen.add(key);
    const known = plain(v1.name) && (v1.region === undefined || plain(v1.region));
    const botRegion = plain(v1.region) ? v1.region : ctx.region;
    const preview = known
        ? { fragment: { lexBotArns: [lexV1BotArn(ctx.partition, botRegion, ctx.account, v1.name as string)] }, label: ctx.identityIsReal ? undefined : `Lex V1 bot ${v1.name}` }
        : undefined;
    return { version: 1, key, name: v1.name, region: v1.region, target: { property, feature: "lexBots", preview } };
}

function planLexV2(v2: ConnectLexV2BotArgs, property: string, i: number, seen: Set<string>, ctx: PlanContext): PlannedLexBot {
    const match = plain(v2.aliasArn) ? ARN_SHAPES.lexV2Alias.exec(v2.aliasArn) : null;
    if (plain(v2.aliasArn) && !match) {
        ctx.fail(`${property}.aliasArn`, `must be a Lex V2 bot alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>); got ${quote(v2.aliasArn)}`);
    }
    const key = match ? `${match[2]}-${match[3]}`.toLowerCase() : String(i);
    if (seen.has(key)) ctx.fail(property, `repeats Lex bot alias ${quote(v2.aliasArn)}`);
    seen.add(key);
    const createResourcePolicy = v2.createResourcePolicy !== false;
    const preview = match ? { fragment: { lexBotArns: [v2.aliasArn as string] } } : undefined;
    const target: PlannedTarget = { property: `${property}.aliasArn`, feature: "lexV2Bots", preview, resourcePolicyCreated: createResourcePolicy };
    return { version: 2, key, aliasArn: v2.aliasArn, createResourcePolicy, target };
}

function planLambda(fn: ConnectLambdaFunctionArgs, i: number, seen: Set<string>, ctx: PlanContext): PlannedLambda {
    const property = `lambdaFunctions[${i}].functionArn`;
    const match = plain(fn.functionArn) ? ARN_SHAPES.lambdaFunction.exec(fn.functionArn) : null;
    if (fn.functionArn === undefined) ctx.fail(property, "is required");
    else if (plain(fn.functionArn) && !match) {
        ctx.fail(property, `must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]); got ${quote(fn.functionArn)}`);
    }
    const key = match ? `fn-${match[4]}${match[5] ? `-${match[5].slice(1)}` : ""}`.toLowerCase() : `fn-${i}`;
    if (seen.has(key)) ctx.fail(`lambdaFunctions[${i}]`, `repeats Lambda function ${quote(fn.functionArn)}`);
    seen.add(key);
    const addPermission = fn.addPermission !== false;
    const preview = match ? { fragment: { lambdaFunctionArns: [fn.functionArn as string] } } : undefined;
    return { key, functionArn: fn.functionArn, addPermission, target: { property, feature: "lambdaFunctions", preview, resourcePolicyCreated: addPermission } };
}
