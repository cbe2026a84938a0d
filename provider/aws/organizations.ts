import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import { connectionFor } from "./connection";
import { gatedClient } from "./gate";

/**
 * An Organizations client on the caller's credentials (the SDK's default chain), in `region`. It is
 * built here, next to the other clients, and carries the account gate, so `aws:allowedAccountIds`
 * and any declared expectation apply to the rollout's discovery too.
 */
export async function organizationsClient(region: string | undefined): Promise<OrganizationsClient> {
    const { OrganizationsClient: Client } = await import("@aws-sdk/client-organizations");
    const chosen = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
    return gatedClient(new Client({ region: chosen }), connectionFor({ region: chosen }));
}
