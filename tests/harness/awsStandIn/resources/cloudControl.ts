// aws:cloudcontrol/resource:Resource, for the CloudFormation types ConnectInstance uses through
// the Cloud Control API. moto has no Cloud Control; AWS::Connect::IntegrationAssociation is kept
// in the stand-in's store under its instance, like the other Connect associations.
import { randomBytes } from "node:crypto";
import { regionOf } from "../clients";
import type { Failure, ResourceHandler } from "../handler";
import { readInstance, updateInstance } from "../store";
import type { Props } from "../values";
import { requireInputs } from "./common";
import { describeInstance, requireInstance } from "./connectInstance";

/**
 * createOnlyProperties of each implemented type's CloudFormation schema: a change to one replaces
 * the resource (Terraform's aws_cloudcontrolapi_resource forces a new resource for them).
 * AWS::Connect::IntegrationAssociation: InstanceId, IntegrationType and IntegrationArn are all
 * create-only (CloudFormation resource reference, AWS::Connect::IntegrationAssociation).
 */
export const CREATE_ONLY: Record<string, string[]> = {
    "AWS::Connect::IntegrationAssociation": ["InstanceId", "IntegrationType", "IntegrationArn"],
};

const INTEGRATION_TYPES = ["LEX_BOT", "LAMBDA_FUNCTION", "APPLICATION"];
const INSTANCE_ARN = /^arn:[^:]+:connect:[a-z0-9-]+:\d{12}:instance\/([A-Za-z0-9-]+)$/;

function desired(props: Props): Props {
    try {
        return typeof props.desiredState === "string" ? JSON.parse(props.desiredState) : (props.desiredState ?? {});
    } catch {
        return {};
    }
}

export const cloudControlHandler: ResourceHandler = {
    inputs: ["typeName", "desiredState", "region", "roleArn", "schema", "typeVersionId"],
    computedInputs: ["region"],
    check(news) {
        const failures: Failure[] = requireInputs(news, "typeName", "desiredState");
        if (typeof news.typeName === "string" && !CREATE_ONLY[news.typeName]) {
            failures.push({ property: "typeName", reason: `the AWS stand-in emulates only ${Object.keys(CREATE_ONLY).join(", ")} through Cloud Control, not ${news.typeName}` });
        }
        if (typeof news.desiredState === "string" && !news.desiredState.includes("04da6b54-80e4-46f7-96ec-b56ff0331ba9")) {
            const state = desired(news);
            if (Object.keys(state).length === 0) failures.push({ property: "desiredState", reason: "must be a JSON object" });
            else if (!INTEGRATION_TYPES.includes(state.IntegrationType)) failures.push({ property: "desiredState", reason: `IntegrationType must be one of ${INTEGRATION_TYPES.join(", ")}` });
        }
        return failures;
    },
    extraReplaces(olds, news) {
        const before = desired(olds);
        const after = desired(news);
        const changed = (CREATE_ONLY[news.typeName] ?? []).some((p) => JSON.stringify(before[p]) !== JSON.stringify(after[p]));
        return changed ? ["desiredState"] : [];
    },
    async create(inputs) {
        const region = regionOf(inputs);
        const state = desired(inputs);
        const instanceId = INSTANCE_ARN.exec(state.InstanceId)?.[1] ?? state.InstanceId;
        const what = `creating ${inputs.typeName} (${state.IntegrationType} ${state.IntegrationArn})`;
        const record = await requireInstance(instanceId, region, what);
        if (Object.values(record.integrations).some((i) => i.integrationArn === state.IntegrationArn)) {
            throw new Error(`${what}: AlreadyExists: the integration is already associated with instance ${instanceId}`);
        }
        const associationId = randomBytes(18).toString("hex");
        updateInstance(instanceId, (r) => {
            r!.integrations[associationId] = { integrationType: state.IntegrationType, integrationArn: state.IntegrationArn };
            return r;
        });
        const identifier = `${state.InstanceId}|${state.IntegrationType}|${state.IntegrationArn}`;
        const properties = JSON.stringify({ ...state, IntegrationAssociationId: associationId });
        return { id: identifier, outs: { ...inputs, properties, region } };
    },
    async update(_id, olds, news) {
        // Only roleArn, schema and typeVersionId-free settings get here: every property of the
        // implemented types is create-only, so a desiredState change replaces.
        return { ...olds, ...news };
    },
    async read(id, state) {
        const [instanceArn, , integrationArn] = id.split("|");
        const instanceId = INSTANCE_ARN.exec(instanceArn)?.[1] ?? instanceArn;
        if (!(await describeInstance(instanceId, regionOf(state)))) return undefined;
        const found = Object.values(readInstance(instanceId)?.integrations ?? {}).some((i) => i.integrationArn === integrationArn);
        return found ? state : undefined;
    },
    async delete(id) {
        const [instanceArn, , integrationArn] = id.split("|");
        const instanceId = INSTANCE_ARN.exec(instanceArn)?.[1] ?? instanceArn;
        updateInstance(instanceId, (r) => {
            if (!r) return r;
            for (const [key, i] of Object.entries(r.integrations)) if (i.integrationArn === integrationArn) delete r.integrations[key];
            return r;
        });
    },
};
