import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { splitLambdaQualifier } from "../../aws/arn";
import { BotsPlan, PlannedLambda, PlannedLexBot } from "../plan/botsPlan";
import type { FeatureContext, TargetOutput } from "./featureContext";
import { connectResourcePolicy } from "../permissions/statements";

/** Partition, Region and account for building Lex V1 bot ARNs. */
export interface BotIdentity {
    partition: pulumi.Output<string>;
    region: pulumi.Output<string>;
    account: pulumi.Output<string>;
}

/**
 * The flows-and-bots area of a ConnectInstance: Lex V2 aliases and Lambda functions, each through
 * its association, with which Connect grants itself access (the alias policy statement, the
 * function permission); the component writes its own grant only on explicit request.
 */
export class ConnectFlowsAndBots extends pulumi.ComponentResource {
    /** Lex V1 associations: always empty since Lex V1 ended (15 September 2025); kept for compatibility. */
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

    constructor(ctx: FeatureContext, plan: BotsPlan, _identity: BotIdentity, opts?: pulumi.ComponentResourceOptions) {
        super("service-linked-role:connect:ConnectFlowsAndBots", `${ctx.name}-flows-and-bots`, {}, opts);
        for (const bot of plan.lexBots) {
            this.associateLexV2(ctx, bot, plan.associateLexV2Bots);
        }
        for (const fn of plan.lambdas) this.associateLambda(ctx, fn);
        this.registerOutputs({});
    }

    /**
     * The association alone by default: Connect then adds its own statement to the alias's resource
     * policy. With `createResourcePolicy: true` the component writes the alias's policy first (a
     * whole document: only for an alias without one).
     */
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
