/**
 * The deployer policy for ConnectInstance: it must grant what Connect does with the deployer's own
 * credentials while associating features, and no more on IAM than Connect's roles.
 */
import { expect } from "chai";
import { CONNECT_DEPLOYER_POLICY } from "../../../provider/connect/permissions/deployerPolicy";
import { evaluatePolicies, parsePolicy } from "../../../provider/policy";

const ACCOUNT = "111122223333";
const ROLES = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/connect.amazonaws.com`;

describe("CONNECT_DEPLOYER_POLICY", () => {
    const policy = parsePolicy("ConnectDeployer", CONNECT_DEPLOYER_POLICY as never);
    const decide = (action: string, resource: string, context = {}) => evaluatePolicies([policy], { action, resource, context }).decision;

    it("lets Connect add feature permissions to an instance's own role, and to no other role", () => {
        expect(decide("iam:PutRolePolicy", `${ROLES}/AWSServiceRoleForAmazonConnect_a1b2c3`)).to.equal("allowed");
        expect(decide("iam:PutRolePolicy", `${ROLES}/AWSServiceRoleForAmazonConnect`)).to.equal("implicitDeny");
        expect(decide("iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/Admin`)).to.equal("implicitDeny");
    });

    it("lets Connect create grants on a customer-managed key", () => {
        expect(decide("kms:CreateGrant", `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`)).to.equal("allowed");
    });

    it("creates only Connect's service-linked role", () => {
        const role = `${ROLES}/AWSServiceRoleForAmazonConnect_a1b2c3`;
        expect(decide("iam:CreateServiceLinkedRole", role, { "iam:AWSServiceName": "connect.amazonaws.com" })).to.equal("allowed");
        expect(decide("iam:CreateServiceLinkedRole", role, { "iam:AWSServiceName": "lex.amazonaws.com" })).to.equal("implicitDeny");
    });

    it("covers what the component itself calls beyond plain resources", () => {
        const instance = `arn:aws:connect:us-west-2:${ACCOUNT}:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
        for (const [action, resource] of [
            ["connect:UpdateInstanceAttribute", instance],
            ["connect:AssociateLambdaFunction", instance],
            ["lex:CreateResourcePolicy", `arn:aws:lex:us-west-2:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`],
            ["lambda:AddPermission", `arn:aws:lambda:us-west-2:${ACCOUNT}:function:lookup`],
            ["cloudformation:CreateResource", "*"],
            ["iam:GetRolePolicy", `${ROLES}/AWSServiceRoleForAmazonConnect_a1b2c3`],
        ]) {
            expect(decide(action, resource), action).to.equal("allowed");
        }
    });
});
