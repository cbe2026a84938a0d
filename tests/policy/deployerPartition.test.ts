// The deployer policies per partition (#17 item 6), created in moto's IAM in aws-cn form and read
// back: every resource ARN is in the partition asked for, and the instance and attribute handlers'
// permissions are all there.
import { CreatePolicyCommand, GetPolicyVersionCommand, IAMClient } from "@aws-sdk/client-iam";
import { expect } from "chai";
import { connectDeployerPolicyFor, CONNECT_DEPLOYER_POLICY } from "../../provider/connect/permissions/deployerPolicy";
import { deployerPolicyFor } from "../../provider/iam/deployerPolicy";
import { directIamClient } from "../harness/iam";
import { MotoServer, startMoto } from "../harness/moto";

const resources = (document: { Statement: Array<{ Resource: string | string[] }> }) => document.Statement.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
const actions = (document: { Statement: Array<{ Action: string | string[] }> }) => document.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe("deployer policies per partition, against moto", function () {
    this.timeout(60_000);
    let moto: MotoServer;
    let iam: IAMClient;
    before(async () => {
        moto = await startMoto();
        iam = directIamClient(moto.endpoint);
    });
    after(() => moto?.stop());

    for (const [name, make] of [["ServiceLinkedRole deployer", () => deployerPolicyFor("connect.amazonaws.com", "aws-cn")], ["ConnectInstance deployer", () => connectDeployerPolicyFor("aws-cn")]] as const) {
        it(`${name}: in aws-cn form IAM stores it with every ARN resource in aws-cn`, async () => {
            const created = await iam.send(new CreatePolicyCommand({ PolicyName: name.replace(/ /g, "-"), PolicyDocument: JSON.stringify(make()) }));
            const stored = await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Policy!.Arn, VersionId: created.Policy!.DefaultVersionId }));
            const document = JSON.parse(decodeURIComponent(stored.PolicyVersion!.Document!));
            const arns = resources(document).filter((r) => r !== "*");
            expect(arns).to.not.be.empty;
            for (const arn of arns) expect(arn).to.match(/^arn:aws-cn:/);
        });
    }

    it("the aws form is unchanged, and a bad partition is refused naming it", () => {
        expect(connectDeployerPolicyFor("aws")).to.deep.equal(CONNECT_DEPLOYER_POLICY);
        expect(() => connectDeployerPolicyFor("china")).to.throw(/partition must be an AWS partition .* got "china"/);
        for (const arn of resources(connectDeployerPolicyFor("aws-us-gov")).filter((r) => r !== "*")) expect(arn).to.match(/^arn:aws-us-gov:/);
    });

    it("holds the AWS::Connect::Instance create/read handler permissions (a managed directory needs ds:CreateDirectory)", () => {
        expect(actions(CONNECT_DEPLOYER_POLICY)).to.include.members(["ds:CreateDirectory", "ds:CreateAlias", "ds:AuthorizeApplication", "connect:ListInstanceAttributes", "iam:PutRolePolicy", "logs:CreateLogGroup"]);
    });
});
