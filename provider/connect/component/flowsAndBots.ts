import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { splitLambdaQualifier } from "../../aws/arn";
import { BotsPlan, PlannedLambda, PlannedLexBot } from "../plan/botsPlan";
import type { FeatureContext, TargetOutput } from "./featureContext";
import { connectResourcePolicy } from "../permissions/statements";
import { lexV1BotArn } from "../plan/common";

/** Partition, Region and account for building Lex V1 bot ARNs. */
export interface BotIdentity {
    partition: pulumi.Output<string>;
    region: pulumi.Output<string>;
    account: pulumi.Output<string>;
}

/**
 * The flows-and-bots area of a ConnectInstance: Lex V2 aliases (resource policy for
 * `connect.amazonaws.com` plus the integration association), Lex V1 bots (deprecated), and Lambda
 * functions (association plus the function permission).
 */
export class ConnectFlowsAndBots extends pulumi.ComponentResource {
    /** Lex V1 associations. */
    public readonly lexBotAssociations: aws.connect.BotAssociation[] = [];
    /** Lex V2 associations (Cloud Control `AWS::Connect::IntegrationAssociation`). */
    public readonly lexV2BotAssociations: aws.cloudcontrol.Resource[] = [];
    /** Lex V2 alias resource policies (Cloud Control `AWS::Lex::ResourcePolicy`). */
    public readonly lexV2ResourcePolicies: aws.cloudcontrol.Resource[] = [];
    /** Lambda associations. */
    public readonly lambdaAssociations: aws.connect.LambdaFunctionAssociation[] = [];
    /** Lambda permissions for `connect.amazonaws.com`. */
    public readonly lambdaPermissions: aws.lambda.Permission[] = [];
    /** The bot and function targets, for the permission outputs. */
    public readonly targets: TargetOutput[] = [];

    constructor(ctx: FeatureContext, plan: BotsPlan, identity: BotIdentity, opts?: pulumi.ComponentResourceOptions) {
        super("service-linked-role:connect:ConnectFlowsAndBots", `${ctx.name}-flows-and-bots`, {}, opts);
        for (const bot of plan.lexBots) {
            if (bot.version === 1) this.associateLexV1(ctx, bot, identity);
            else this.associateLexV2(ctx, bot, plan.associateLexV2Bots);
        }
        for (const fn of plan.lambdas) this.associateLambda(ctx, fn);
        this.registerOutputs({});
    }

    private associateLexV1(ctx: FeatureContext, bot: Extract<PlannedLexBot, { version: 1 }>, identity: BotIdentity): void {
        this.lexBotAssociations.push(
            new aws.connect.BotAssociation(
                `${ctx.name}-lex-${bot.key}`,
                { instanceId: ctx.instanceId, lexBot: { name: bot.name, lexRegion: bot.region }, region: ctx.region },
                { parent: this, dependsOn: ctx.attached },
            ),
        );
        const arn = pulumi.all([identity.partition, bot.region ?? identity.region, identity.account, bot.name]).apply(([p, r, a, n]) => lexV1BotArn(p, r, a, n));
        this.targets.push({ planned: bot.target, fragment: arn.apply((a) => ({ lexBotArns: [a] })) });
    }

    /** The alias's resource policy first, so Connect can reach the bot as soon as it is associated. */
    private associateLexV2(ctx: FeatureContext, bot: Extract<PlannedLexBot, { version: 2 }>, associate: boolean): void {
        const dependsOn = [...ctx.attached];
        if (bot.createResourcePolicy) {
            const policy = new aws.cloudcontrol.Resource(
                `${ctx.name}-lexv2-policy-${bot.key}`,
                {
                    typeName: "AWS::Lex::ResourcePolicy",
                    desiredState: pulumi.jsonStringify({
                        ResourceArn: bot.aliasArn,
                        Policy: pulumi.all([bot.aliasArn, ctx.instanceArn]).apply(([alias, instance]) => connectResourcePolicy("lexV2Bots", alias, instance)),
                    }),
                    region: ctx.region,
                },
                { parent: this, dependsOn: ctx.attached },
            );
            this.lexV2ResourcePolicies.push(policy);
            dependsOn.push(policy);
        }
        if (associate) {
            this.lexV2BotAssociations.push(
                new aws.cloudcontrol.Resource(
                    `${ctx.name}-lexv2-${bot.key}`,
                    {
                        typeName: "AWS::Connect::IntegrationAssociation",
                        // The CloudFormation type wants the instance ARN, not its id.
                        desiredState: pulumi.jsonStringify({ InstanceId: ctx.instanceArn, IntegrationType: "LEX_BOT", IntegrationArn: bot.aliasArn }),
                        region: ctx.region,
                    },
                    { parent: this, dependsOn },
                ),
            );
        }
        this.targets.push({ planned: bot.target, fragment: pulumi.output(bot.aliasArn).apply((a) => ({ lexBotArns: [a] })) });
    }

    /** The function permission (scoped to this instance) before the association. */
    private associateLambda(ctx: FeatureContext, fn: PlannedLambda): void {
        const dependsOn = [...ctx.attached];
        if (fn.addPermission) {
            const parts = pulumi.output(fn.functionArn).apply(splitLambdaQualifier);
            const permission = new aws.lambda.Permission(
                `${ctx.name}-lambda-${fn.key}`,
                {
                    action: "lambda:InvokeFunction",
                    function: parts.function,
                    qualifier: parts.qualifier,
                    principal: "connect.amazonaws.com",
                    // The confused-deputy guard: only this instance, in this account, may invoke.
                    sourceArn: ctx.instanceArn,
                    sourceAccount: ctx.account,
                    region: ctx.region,
                },
                { parent: this, dependsOn: ctx.attached },
            );
            this.lambdaPermissions.push(permission);
            dependsOn.push(permission);
        }
        this.lambdaAssociations.push(
            new aws.connect.LambdaFunctionAssociation(
                `${ctx.name}-lambda-${fn.key}`,
                { instanceId: ctx.instanceId, functionArn: fn.functionArn, region: ctx.region },
                { parent: this, dependsOn },
            ),
        );
        this.targets.push({ planned: fn.target, fragment: pulumi.output(fn.functionArn).apply((a) => ({ lambdaFunctionArns: [a] })) });
    }
}
