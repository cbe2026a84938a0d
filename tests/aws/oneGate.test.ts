/**
 * The account gate is one mechanism: every AWS client the package acts with is built in
 * provider/aws/connection.ts, which installs the gate. This scan fails when a module elsewhere
 * builds its own SDK client (as instanceAttributesProvider.ts and the CLI once did), and the
 * in-process checks prove that the gate refuses before the request leaves the process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { DescribeInstanceCommand } from "@aws-sdk/client-connect";
import { expect } from "chai";
import { closeConnections, configureStack, connectionFor } from "../../provider/aws/connection";
import { withAccountScope } from "../../provider/aws/gate";
import { useProviderBehindProxy } from "../harness/fixtures";

const providerRoot = path.join(__dirname, "..", "..", "provider");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("one account gate for every AWS client", function () {
    this.timeout(60_000);

    it("no module outside provider/aws builds an AWS SDK client", () => {
        const offenders = sources(providerRoot)
            .filter((file) => !file.startsWith(path.join(providerRoot, "aws") + path.sep))
            .filter((file) => /new\s+[A-Za-z]*Client\s*\(|\bcreateIamClient\s*\(/.test(fs.readFileSync(file, "utf8")))
            .map((file) => path.relative(providerRoot, file));
        expect(offenders).to.deep.equal([]);
    });

    describe("against moto behind the counting proxy", () => {
        const fx = useProviderBehindProxy();
        beforeEach(async () => {
            await fx.moto.reset();
            fx.proxy.reset();
            configureStack({});
        });
        after(() => configureStack({}));

        it("an IAM or Connect call in a scope recorded in another account is refused before it is sent; STS is asked once", async () => {
            const connection = connectionFor(undefined);
            for (const send of [() => connection.iam.send(new GetRoleCommand({ RoleName: "x" })) as Promise<unknown>, () => connection.connect().send(new DescribeInstanceCommand({ InstanceId: "x" })) as Promise<unknown>]) {
                const message = await withAccountScope({ subject: "Thing t", recorded: "111111111111" }, send).then(
                    () => "",
                    (e: Error) => e.message,
                );
                expect(message).to.include("Thing t is recorded in AWS account 111111111111").and.to.include("resolve to account 123456789012");
            }
            const counts = fx.proxy.counts();
            expect(Object.keys(counts)).to.deep.equal(["GetCallerIdentity"]);
            expect(counts.GetCallerIdentity.received).to.equal(1);
            closeConnections();
        });

        it("the call's abort signal bounds the account lookup (STS held at the proxy)", async () => {
            fx.proxy.setRules([{ action: "GetCallerIdentity", fault: { kind: "latency", ms: 5_000 } } as never]);
            const connection = connectionFor({ region: "eu-west-1" });
            const started = Date.now();
            const error = await withAccountScope({ subject: "Role r", recorded: "123456789012" }, () => connection.iam.send(new GetRoleCommand({ RoleName: "x" }), { abortSignal: AbortSignal.timeout(300) })).then(
                () => undefined,
                (e: Error) => e,
            );
            expect(error?.name).to.equal("AbortError");
            expect(Date.now() - started).to.be.lessThan(2_000);
            expect(fx.proxy.counts().GetRole).to.equal(undefined);
            closeConnections();
        });
    });
});
