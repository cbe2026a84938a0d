import { GetRoleCommand } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { createIamClient } from "../../provider/iam/client";
import { useProviderBehindProxy } from "../harness/fixtures";

describe("IAM client: request timeout", function () {
    this.timeout(60_000);
    const fx = useProviderBehindProxy();

    it("abandons an attempt that gets no answer within requestTimeout, retries, then fails naming the timeout", async () => {
        fx.proxy.reset();
        fx.proxy.setRules([{ action: "GetRole", fault: { kind: "latency", ms: 1_000 } }]);
        const client = createIamClient({ requestTimeoutMs: 200, maxAttempts: 2 });
        try {
            const error = await client.send(new GetRoleCommand({ RoleName: "AWSServiceRoleForconnect" })).then(
                () => undefined,
                (err: unknown) => err as Error,
            );
            expect(error, "the call must fail").to.be.instanceOf(Error);
            expect(`${error!.name} ${error!.message}`).to.match(/timeout|timed out/i);
            expect(fx.proxy.counts().GetRole?.received, "both attempts sent").to.equal(2);
        } finally {
            client.destroy();
            // Let the delayed forwards finish before moto stops.
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            fx.proxy.reset();
        }
    });
});
