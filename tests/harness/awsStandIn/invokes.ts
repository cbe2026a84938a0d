// The functions (invokes) ConnectInstance and the examples call.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { clients, regionOf } from "./clients";
import type { InvokeHandler } from "./handler";
import { partitionOf } from "./resources/common";
import { getInstance } from "./resources/connectInstance";

const DNS_SUFFIX: Record<string, string> = { aws: "amazonaws.com", "aws-cn": "amazonaws.com.cn", "aws-us-gov": "amazonaws.com" };

export const INVOKES: Record<string, InvokeHandler> = {
    "aws:index/getCallerIdentity:getCallerIdentity": async (inputs) => {
        const identity = await clients.sts(regionOf(inputs)).send(new GetCallerIdentityCommand({}));
        return { accountId: identity.Account, arn: identity.Arn, userId: identity.UserId, id: identity.Account };
    },
    "aws:index/getRegion:getRegion": async (inputs) => {
        const region = regionOf(inputs);
        return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.${DNS_SUFFIX[partitionOf(region)]}` };
    },
    "aws:index/getPartition:getPartition": async (inputs) => {
        const partition = partitionOf(regionOf(inputs));
        const dnsSuffix = DNS_SUFFIX[partition];
        return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
    },
    "aws:connect/getInstance:getInstance": getInstance,
};
