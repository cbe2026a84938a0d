/**
 * ConnectRolePermissionCheck in the right account: its `connection` input reaches the role's
 * account (moto: STS AssumeRole credentials act in the role ARN's account), and
 * `expectedAccountId` refuses to run anywhere else.
 */
import { CreateServiceLinkedRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { expect } from "chai";
import { checkResourceInputs, createResourceCheck } from "../../../provider/connect/roleCheck/resource";
import { useMoto } from "../../harness/fixtures";
import { testCredentials } from "../../harness/moto";

const AMBIENT = "123456789012";
const A = "111111111111";

describe("ConnectRolePermissionCheck: connection and expectedAccountId", function () {
    this.timeout(60_000);
    const fx = useMoto();
    let roleName: string;
    const away = { assumeRoles: [{ roleArn: `arn:aws:iam::${A}:role/deployer` }] };

    before(async () => {
        const inA = new IAMClient({
            endpoint: fx.moto.endpoint,
            region: "us-east-1",
            credentials: fromTemporaryCredentials({
                masterCredentials: testCredentials,
                params: { RoleArn: `arn:aws:iam::${A}:role/admin`, RoleSessionName: "t" },
                clientConfig: { endpoint: fx.moto.endpoint, region: "us-east-1" },
            }),
        });
        const { Role } = await inA.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "connect.amazonaws.com", CustomSuffix: "inA" }));
        roleName = Role!.RoleName!;
    });

    const inputs = () => ({ role: roleName, config: { region: "us-east-1" }, warnOnly: true });

    it("with the connection of the role's account, reads the role there", async () => {
        const result = await createResourceCheck({ ...inputs(), connection: away, expectedAccountId: A });
        expect(result.outs!.roleArn).to.match(new RegExp(`^arn:aws:iam::${A}:role/`));
    });

    it("refuses to run when the credentials resolve to another account than expectedAccountId, naming both", async () => {
        const message = await createResourceCheck({ ...inputs(), expectedAccountId: A }).then(
            () => "",
            (err: Error) => err.message,
        );
        expect(message).to.include(`must be in AWS account ${A}`).and.to.include(`resolve to account ${AMBIENT}`);
    });

    it("check names connection and expectedAccountId when they are malformed", () => {
        const { failures } = checkResourceInputs(undefined, { ...inputs(), connection: { secretKey: "x" } as never, expectedAccountId: "1" });
        expect(failures!.map((f) => f.property)).to.deep.equal(["connection", "expectedAccountId"]);
    });
});
