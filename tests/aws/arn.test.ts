/** ARN parsing shared by every layer. */
import { expect } from "chai";
import fc from "fast-check";
import { accountFromArn, ARN_SHAPES, isLexV2AliasArn, parseArn, partitionOfArn, splitLambdaQualifier } from "../../provider/aws/arn";

const field = fc.stringMatching(/^[a-z0-9-]{0,12}$/);

describe("provider/aws/arn", function () {
    it("property: an ARN built from fields parses back to them; the account only when it is 12 digits", function () {
        fc.assert(
            fc.property(
                fc.stringMatching(/^aws(-[a-z]{1,6})?$/),
                fc.stringMatching(/^[a-z0-9-]{1,12}$/),
                field,
                fc.oneof(fc.stringMatching(/^\d{12}$/), field),
                fc.stringMatching(/^[A-Za-z0-9:/_.-]{1,40}$/),
                (partition, service, region, account, resource) => {
                    const arn = `arn:${partition}:${service}:${region}:${account}:${resource}`;
                    expect(parseArn(arn)).to.deep.equal({ partition, service, region, account, resource });
                    expect(partitionOfArn(arn)).to.equal(partition);
                    expect(accountFromArn(arn)).to.equal(/^\d{12}$/.test(account) ? account : undefined);
                },
            ),
            { numRuns: 500 },
        );
    });

    it("takes no account from what is not an ARN, or from one without an account", function () {
        for (const text of [undefined, 42, "", "arn:aws:s3:::bucket", "arn:aws:iam::aws:policy/x", "not:an:arn:111122223333:x"]) expect(accountFromArn(text), String(text)).to.equal(undefined);
        expect(accountFromArn("arn:aws-cn:iam::111122223333:role/x")).to.equal("111122223333");
    });

    it("tells the shapes apart", function () {
        expect(ARN_SHAPES.lexBot.test("arn:aws:lex:us-east-1:111122223333:bot:Order_Flowers")).to.equal(true);
        expect(ARN_SHAPES.lexV2Alias.exec("arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/TSTALIASID")?.slice(1)).to.deep.equal(["aws", "ABCDEFGHIJ", "TSTALIASID"]);
        expect(isLexV2AliasArn("arn:aws:lex:us-east-1:111122223333:bot:Order")).to.equal(false);
        expect(ARN_SHAPES.kinesisStream.test("arn:aws:firehose:us-east-1:111122223333:deliverystream/x")).to.equal(false);
        expect(ARN_SHAPES.connectInstance.exec("arn:aws-us-gov:connect:us-gov-west-1:111122223333:instance/abc-1")?.slice(1)).to.deep.equal(["aws-us-gov", "us-gov-west-1", "111122223333", "abc-1"]);
        expect(splitLambdaQualifier("arn:aws:lambda:us-east-1:111122223333:function:f:live")).to.deep.equal({ function: "arn:aws:lambda:us-east-1:111122223333:function:f", qualifier: "live" });
    });
});
