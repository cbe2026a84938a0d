// Lambda permissions (resource-based policy statements), forwarded to moto's Lambda.
import { AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand } from "@aws-sdk/client-lambda";
import { clients, regionOf } from "../clients";
import type { ResourceHandler } from "../handler";
import { operation, randomSuffix, requireInputs, unlessNotFound } from "./common";

export const permissionHandler: ResourceHandler = {
    inputs: ["action", "function", "principal", "qualifier", "sourceAccount", "sourceArn", "statementId", "statementIdPrefix", "region"],
    computedInputs: ["region", "statementId"],
    check(news, olds) {
        // Terraform names an unnamed statement with a unique id (prefix "terraform-" by default).
        if (news.statementId === undefined) {
            const previous = olds?.statementId;
            news.statementId = typeof previous === "string" && olds?.statementIdPrefix === news.statementIdPrefix ? previous : `${news.statementIdPrefix ?? "terraform-"}${randomSuffix(26)}`;
        }
        return requireInputs(news, "action", "function", "principal");
    },
    async create(inputs) {
        const region = regionOf(inputs);
        await operation("adding Lambda permission", `${inputs.statementId} to ${inputs.function}`, () =>
            clients.lambda(region).send(
                new AddPermissionCommand({
                    FunctionName: inputs.function,
                    StatementId: inputs.statementId,
                    Action: inputs.action,
                    Principal: inputs.principal,
                    SourceArn: inputs.sourceArn,
                    SourceAccount: inputs.sourceAccount,
                    Qualifier: inputs.qualifier,
                }),
            ),
        );
        return { id: inputs.statementId, outs: { ...inputs, region } };
    },
    async read(id, state) {
        const region = regionOf(state);
        const found = await unlessNotFound(() => clients.lambda(region).send(new GetPolicyCommand({ FunctionName: state.function, Qualifier: state.qualifier })));
        if (!found?.Policy) return undefined;
        const statements: Array<{ Sid?: string }> = JSON.parse(found.Policy).Statement ?? [];
        return statements.some((s) => s.Sid === id) ? state : undefined;
    },
    async delete(id, state) {
        await unlessNotFound(() =>
            clients.lambda(regionOf(state)).send(new RemovePermissionCommand({ FunctionName: state.function, StatementId: id, Qualifier: state.qualifier })),
        );
    },
};
