// CloudWatch Logs log groups, forwarded to moto.
import {
    CreateLogGroupCommand,
    DeleteLogGroupCommand,
    DeleteRetentionPolicyCommand,
    DescribeLogGroupsCommand,
    PutRetentionPolicyCommand,
    TagResourceCommand,
    UntagResourceCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { clients, regionOf } from "../clients";
import type { ResourceHandler } from "../handler";
import { accountId, autoName, operation, partitionOf, unlessNotFound } from "./common";

async function findGroup(name: string, region: string) {
    const page = await clients.logs(region).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    return page.logGroups?.find((g) => g.logGroupName === name);
}

async function setRetention(name: string, region: string, days: number | undefined): Promise<void> {
    const logs = clients.logs(region);
    if (days) await logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    else await unlessNotFound(() => logs.send(new DeleteRetentionPolicyCommand({ logGroupName: name })));
}

export const logGroupHandler: ResourceHandler = {
    inputs: ["name", "namePrefix", "retentionInDays", "kmsKeyId", "logGroupClass", "skipDestroy", "region", "tags"],
    computedInputs: ["region", "name", "logGroupClass"],
    check(news, olds, name) {
        autoName(news, olds, "name", name, news.namePrefix !== undefined ? { prefix: news.namePrefix } : {});
        return [];
    },
    async create(inputs) {
        const region = regionOf(inputs);
        await operation("creating CloudWatch Logs log group", inputs.name, () =>
            clients.logs(region).send(
                new CreateLogGroupCommand({ logGroupName: inputs.name, kmsKeyId: inputs.kmsKeyId, tags: inputs.tags, logGroupClass: inputs.logGroupClass }),
            ),
        );
        await setRetention(inputs.name, region, inputs.retentionInDays);
        return { id: inputs.name, outs: (await this.read(inputs.name, { ...inputs, region }))! };
    },
    async read(id, state) {
        const region = regionOf(state);
        const group = await findGroup(id, region);
        if (!group) return undefined;
        return {
            ...state,
            name: id,
            // Terraform's arn drops the trailing ":*" that CloudWatch Logs' own ARN carries.
            arn: `arn:${partitionOf(region)}:logs:${region}:${await accountId(region)}:log-group:${id}`,
            retentionInDays: group.retentionInDays ?? 0,
            kmsKeyId: group.kmsKeyId ?? state.kmsKeyId,
            logGroupClass: group.logGroupClass ?? "STANDARD",
            region,
            tagsAll: state.tags ?? {},
        };
    },
    async update(id, olds, news) {
        const region = regionOf(news);
        if ((olds.retentionInDays ?? 0) !== (news.retentionInDays ?? 0)) await setRetention(id, region, news.retentionInDays);
        if (olds.kmsKeyId !== news.kmsKeyId) throw new Error(`updating log group ${id}: the AWS stand-in does not emulate changing kmsKeyId`);
        const arn = `arn:${partitionOf(region)}:logs:${region}:${await accountId(region)}:log-group:${id}`;
        const logs = clients.logs(region);
        const removed = Object.keys(olds.tags ?? {}).filter((k) => !(k in (news.tags ?? {})));
        if (removed.length > 0) await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed }));
        if (news.tags && Object.keys(news.tags).length > 0) await logs.send(new TagResourceCommand({ resourceArn: arn, tags: news.tags }));
        return (await this.read(id, news))!;
    },
    async delete(id, state) {
        // skipDestroy: Terraform removes the group from state and leaves it in CloudWatch Logs.
        if (state.skipDestroy) return;
        await unlessNotFound(() => clients.logs(regionOf(state)).send(new DeleteLogGroupCommand({ logGroupName: id })));
    },
};
