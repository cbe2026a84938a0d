import { GetRoleCommand, IAMClient, ListRolesCommand, Role } from "@aws-sdk/client-iam";
import { testCredentials } from "./moto";

/** Credentials as the test helpers take them; `sessionToken: ""` means none. */
export interface Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
}

/**
 * An IAM client that talks to moto directly, bypassing the fault proxy, so that assertions about
 * what IAM holds are never themselves subject to injected faults.
 */
export function directIamClient(endpoint: string, credentials: Credentials = testCredentials): IAMClient {
    return new IAMClient({
        endpoint,
        region: "us-east-1",
        maxAttempts: 1,
        credentials: {
            accessKeyId: credentials.accessKeyId,
            secretAccessKey: credentials.secretAccessKey,
            ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
        },
    });
}

/** The service-linked roles IAM holds for a service principal, or for every service when omitted. */
export async function serviceLinkedRoles(client: IAMClient, awsServiceName?: string): Promise<Role[]> {
    const PathPrefix = awsServiceName ? `/aws-service-role/${awsServiceName}/` : "/aws-service-role/";
    const { Roles } = await client.send(new ListRolesCommand({ PathPrefix }));
    return Roles ?? [];
}

/** Reads a role straight from moto; undefined when it does not exist. */
export async function roleInIam(client: IAMClient, roleName: string): Promise<Role | undefined> {
    try {
        return (await client.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    } catch (err) {
        if ((err as { name?: string }).name === "NoSuchEntityException") return undefined;
        throw err;
    }
}
