import type * as pulumi from "@pulumi/pulumi";
import type { ConnectInstanceArgs, ConnectLambdaFunctionArgs, ConnectLexBotArgs, ConnectLexV1BotArgs, ConnectLexV2BotArgs } from "../component/args";
import { ARN_SHAPES } from "../../aws/arn";
import { plain, PlanContext, PlannedTarget, quote } from "./common";

// Planning of the flows-and-bots area: Lex bots (V1 and V2) and Lambda functions.


/** A Lex V2 alias to associate (Lex V1 bots are refused). */
export type PlannedLexBot = { version: 2; key: string; aliasArn: pulumi.Input<string>; createResourcePolicy: boolean; target: PlannedTarget };

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
    /** Deprecation notes to log once the component exists (none today: Lex V1 is refused). */
    deprecations: string[];
}

export function planBots(args: ConnectInstanceArgs, ctx: PlanContext): BotsPlan {
    const seen = new Set<string>();
    const deprecations: string[] = [];
    const lexBots = (args.lexBots ?? []).flatMap((bot, i) => {
        const planned = planLexBot(bot, `lexBots[${i}]`, i, seen, ctx, args.associateLexV2Bots !== false);
        return planned ? [planned] : [];
    });
    const lambdas = (args.lambdaFunctions ?? []).map((fn, i) => planLambda(fn, i, seen, ctx));
    return { lexBots, associateLexV2Bots: args.associateLexV2Bots !== false, lambdas, deprecations };
}

function planLexBot(bot: ConnectLexBotArgs, property: string, i: number, seen: Set<string>, ctx: PlanContext, associate: boolean): PlannedLexBot | undefined {
    const hasName = "name" in bot && bot.name !== undefined;
    const hasAlias = "aliasArn" in bot && bot.aliasArn !== undefined;
    if (hasName === hasAlias) {
        ctx.fail(property, "must have either name (a Lex V1 bot) or aliasArn (a Lex V2 bot alias), not both or neither");
        return undefined;
    }
    if (hasName) {
        refuseLexV1(bot as ConnectLexV1BotArgs, property, ctx);
        return undefined;
    }
    return planLexV2(bot as ConnectLexV2BotArgs, property, i, seen, ctx, associate);
}

/**
 * Lex V1 ended on 15 September 2025 (Lex V1 developer guide): a V1 bot can no longer run in a
 * contact flow, so it is refused at preview with the way to a V2 alias.
 */
function refuseLexV1(v1: ConnectLexV1BotArgs, property: string, ctx: PlanContext): void {
    const bot = plain(v1.name) ? ` ${quote(v1.name)}` : "";
    ctx.fail(
        property,
        `Lex V1 bot${bot}: Amazon Lex V1 ended on 15 September 2025 and Connect can no longer run V1 bots. Migrate the bot to Lex V2 (Lex console: "Migrate bot", or the Lex V2 API), create an alias, and give it here as { aliasArn: "arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>" }`,
    );
}

function planLexV2(v2: ConnectLexV2BotArgs, property: string, i: number, seen: Set<string>, ctx: PlanContext, associate: boolean): PlannedLexBot {
    const match = plain(v2.aliasArn) ? ARN_SHAPES.lexV2Alias.exec(v2.aliasArn) : null;
    if (plain(v2.aliasArn) && !match) {
        ctx.fail(`${property}.aliasArn`, `must be a Lex V2 bot alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>); got ${quote(v2.aliasArn)}`);
    }
    const key = match ? `${match[2]}-${match[3]}`.toLowerCase() : String(i);
    if (seen.has(key)) ctx.fail(property, `repeats Lex bot alias ${quote(v2.aliasArn)}`);
    seen.add(key);
    // Associating the alias makes Connect add its own statement to the alias's resource policy
    // (Connect admin guide, "Add an Amazon Lex bot"), so the component writes the policy only when
    // asked, and the grant is covered either way.
    const createResourcePolicy = v2.createResourcePolicy === true;
    const preview = match ? { fragment: { lexBotArns: [v2.aliasArn as string] } } : undefined;
    const target: PlannedTarget = { property: `${property}.aliasArn`, feature: "lexV2Bots", preview, resourcePolicyCreated: createResourcePolicy || associate };
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
    // Associating the function makes Connect add the function's permission itself (Connect admin
    // guide, "Grant Amazon Connect access to your AWS Lambda functions": lambda:AddPermission at
    // association), and the component always associates it: the grant is covered, and a second
    // permission of the component's own is written only when asked.
    const addPermission = fn.addPermission === true;
    const preview = match ? { fragment: { lambdaFunctionArns: [fn.functionArn as string] } } : undefined;
    return { key, functionArn: fn.functionArn, addPermission, target: { property, feature: "lambdaFunctions", preview, resourcePolicyCreated: true } };
}
