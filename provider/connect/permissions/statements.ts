/**
 * Expanding the permission model for one config: the statements and (action, resource) pairs the
 * role needs, the reviewable policy document, and the resource policy a Lex V2 alias needs.
 */
import { accountFromArn, isLexV2AliasArn, parseArn } from "../../aws/arn";
import { ConnectConfigError, NormalizedConnectConfig, normalizeConfig } from "./config";
import { CONNECT_FEATURES, CONNECT_PERMISSION_MODEL, ConnectFeature, ConnectPermissionConfig, PolicyDocument, RequiredStatement, TemplatePlaceholder } from "./model";

/** The placeholder values for one target of a feature. */
type Bindings = Partial<Record<TemplatePlaceholder, string>>;

/** Lists the targets of a feature in a normalized config (empty when the feature is off). */
function featureTargets(feature: ConnectFeature, config: NormalizedConnectConfig): Bindings[] {
    switch (feature) {
        case "connect":
            return [{}];
        case "callRecordings":
        case "chatTranscripts":
        case "exportedReports":
        case "attachments":
        case "contactEvaluations":
        case "emailMessages":
        case "screenRecordings": {
            const target = config[feature];
            return target ? [{ bucket: target.bucket, objectPrefix: target.prefix }] : [];
        }
        case "kinesisStreams":
            return config.kinesisStreamArns.map((streamArn) => ({ streamArn }));
        case "firehoseStreams":
            return config.firehoseStreamArns.map((streamArn) => ({ streamArn }));
        case "lexBots":
            return config.lexBotArns.filter((arn) => !isLexV2AliasArn(arn)).map((botArn) => ({ botArn }));
        case "lexV2Bots":
            return config.lexBotArns.filter((arn) => isLexV2AliasArn(arn)).map((botArn) => ({ botArn }));
        case "lambdaFunctions":
            return config.lambdaFunctionArns.map((functionArn) => ({ functionArn }));
        case "contactFlowLogs":
            return config.contactFlowLogGroup ? [{ logGroup: config.contactFlowLogGroup }] : [];
    }
}

/** Replaces `{placeholder}`s in a template; an unbound placeholder is a bug in the model, so it throws. */
export function fillTemplate(template: string, bindings: Bindings): string {
    return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
        const value = bindings[name as TemplatePlaceholder];
        if (value === undefined) throw new Error(`permission model template ${template} has no value for {${name}}`);
        return value;
    });
}

/**
 * The exact statements the role needs for the features the config enables, in model order
 * ("connect" first, always required). Throws {@link ConnectConfigError} for invalid input.
 */
export function requiredStatements(config: ConnectPermissionConfig): RequiredStatement[] {
    const normalized = normalizeConfig(config);
    const common: Bindings = { partition: normalized.partition, region: normalized.region, account: normalized.account };
    const statements: RequiredStatement[] = [];
    for (const feature of CONNECT_FEATURES) {
        const targets = featureTargets(feature, normalized);
        if (targets.length === 0) continue;
        for (const template of CONNECT_PERMISSION_MODEL[feature].statements) {
            const resources = unique(targets.map((t) => fillTemplate(template.resource, { ...common, ...t })));
            statements.push({ feature, grantedBy: CONNECT_PERMISSION_MODEL[feature].grantedBy, sid: template.sid, actions: [...template.actions], resources });
        }
    }
    return statements;
}

/** One (action, resource) pair to check, with the feature and statement it comes from. */
export interface RequiredPermission {
    feature: ConnectFeature;
    grantedBy: "role" | "resourcePolicy";
    sid: string;
    action: string;
    resource: string;
}

/** Flattens {@link requiredStatements} into (action, resource) pairs, in the same order. */
export function requiredPermissions(config: ConnectPermissionConfig): RequiredPermission[] {
    return requiredStatements(config).flatMap((s) =>
        s.resources.flatMap((resource) => s.actions.map((action) => ({ feature: s.feature, grantedBy: s.grantedBy, sid: s.sid, action, resource }))),
    );
}

/**
 * A policy granting exactly the role's part of {@link requiredStatements}: ready to review and to
 * attach as an inline policy. Grants held by resource policies (Lex V2 aliases, Lambda functions)
 * are left out: see {@link connectResourcePolicy}.
 */
export function requiredPolicyDocument(config: ConnectPermissionConfig): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: requiredStatements(config)
            .filter((s) => s.grantedBy === "role")
            .map((s) => ({ Sid: s.sid, Effect: "Allow", Action: [...s.actions], Resource: [...s.resources] })),
    };
}

/** A resource policy statement naming a service principal. */
export interface ResourcePolicyDocument {
    Version: "2012-10-17";
    Statement: Array<{
        Sid: string;
        Effect: "Allow";
        Principal: { Service: string };
        Action: string[];
        Resource: string;
        Condition: { ArnEquals: { "aws:SourceArn": string }; StringEquals: { "aws:SourceAccount": string } };
    }>;
}

/**
 * The resource policy that lets one instance reach a Lex V2 bot alias: `connect.amazonaws.com` may
 * call the runtime actions, only on behalf of `instanceArn` (the confused-deputy guard AWS
 * recommends for service principals).
 */
export function connectResourcePolicy(feature: "lexV2Bots", resourceArn: string, instanceArn: string): ResourcePolicyDocument {
    const arn = parseArn(instanceArn);
    const account = arn?.service === "connect" && arn.region !== "" && arn.resource.startsWith("instance/") ? accountFromArn(instanceArn) : undefined;
    if (account === undefined) throw new ConnectConfigError("instanceArn", `"${instanceArn}" is not a Connect instance ARN`);
    const template = CONNECT_PERMISSION_MODEL[feature].statements[0];
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: `ConnectInstance${instanceArn.split("/").pop()!.replace(/[^A-Za-z0-9]/g, "")}`,
                Effect: "Allow",
                Principal: { Service: "connect.amazonaws.com" },
                Action: [...template.actions],
                Resource: resourceArn,
                Condition: { ArnEquals: { "aws:SourceArn": instanceArn }, StringEquals: { "aws:SourceAccount": account } },
            },
        ],
    };
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

