import * as pulumi from "@pulumi/pulumi";
import { DeletionPolicy, ServiceLinkedRole } from "pulumi-service-linked-role";

/**
 * The example's resources, as a function so that the same program runs under `pulumi up`
 * (through index.ts) and as an Automation API inline program (the demo and the tests).
 * Every setting comes from stack config, so one program covers every scenario.
 */
export function serviceLinkedRoleProgram() {
    const config = new pulumi.Config();
    const role = new ServiceLinkedRole(
        config.get("resourceName") ?? "connect-role",
        {
            awsServiceName: config.get("awsServiceName") ?? "connect.amazonaws.com",
            description: config.get("description"),
            customSuffix: config.get("customSuffix"),
            tags: config.getObject<Record<string, string>>("tags"),
            deletionPolicy: config.get("deletionPolicy") as DeletionPolicy | undefined,
            existingRole: config.get("existingRole"),
        },
        { import: config.get("importRoleName") },
    );
    return {
        roleName: role.roleName,
        roleArn: role.arn,
        roleId: role.roleId,
        path: role.path,
        createDate: role.createDate,
        description: role.description,
        tags: role.tags,
        trustPolicy: role.trustPolicy,
        ownership: role.ownership,
    };
}
