/** The flows-and-bots planner, called directly: Lex V1 and V2 bots, Lambda functions. */
import { expect } from "chai";
import fc from "fast-check";
import { planBots } from "../../../provider/connect/plan/botsPlan";
import { ACCOUNT, planContext, properties, REGION } from "./context";

const ALIAS = `arn:aws:lex:${REGION}:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:lookup`;

describe("planBots", function () {
    it("plans a V2 alias and a function with their permission-model targets", function () {
        const { ctx, failures } = planContext();
        const plan = planBots({ lexBots: [{ aliasArn: ALIAS }], lambdaFunctions: [{ functionArn: `${FUNCTION}:live` }] }, ctx);
        expect(failures).to.deep.equal([]);
        expect(plan.lexBots[0]).to.deep.include({ version: 2, key: "abcdefghij-tstaliasid", createResourcePolicy: true });
        expect(plan.lexBots[0].target).to.deep.include({ property: "lexBots[0].aliasArn", feature: "lexV2Bots", resourcePolicyCreated: true });
        expect(plan.lambdas[0]).to.deep.include({ key: "fn-lookup-live", addPermission: true });
        expect(plan.lambdas[0].target.preview).to.deep.equal({ fragment: { lambdaFunctionArns: [`${FUNCTION}:live`] } });
    });

    it("plans a V1 bot with a deprecation note (today's behaviour)", function () {
        const plan = planBots({ lexBots: [{ name: "OrderFlowers", region: "us-east-1" }] }, planContext().ctx);
        expect(plan.lexBots[0].target.preview?.fragment).to.deep.equal({ lexBotArns: [`arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`] });
        expect(plan.deprecations).to.have.length(1);
    });

    it("names each mistake's property", function () {
        const { ctx, failures } = planContext();
        planBots(
            {
                lexBots: [{ name: "x" }, { aliasArn: "arn:aws:lex:bad" }, { aliasArn: ALIAS }, { aliasArn: ALIAS }],
                lambdaFunctions: [{ functionArn: "lookup" }, { functionArn: FUNCTION }, { functionArn: FUNCTION }],
            },
            ctx,
        );
        expect(properties(failures)).to.deep.equal(["lexBots[0].name", "lexBots[1].aliasArn", "lexBots[3]", "lambdaFunctions[0].functionArn", "lambdaFunctions[2]"]);
    });

    it("property: functions are refused as repeats exactly when their name and qualifier repeat (case-insensitively)", function () {
        const fn = fc.record({ name: fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/), qualifier: fc.option(fc.stringMatching(/^[A-Za-z0-9_]{1,10}$/), { nil: undefined }) });
        fc.assert(
            fc.property(fc.array(fn, { maxLength: 6 }), (fns) => {
                const { ctx, failures } = planContext();
                const arns = fns.map((f) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${f.name}${f.qualifier ? `:${f.qualifier}` : ""}`);
                const plan = planBots({ lambdaFunctions: arns.map((functionArn) => ({ functionArn })) }, ctx);
                const keys = fns.map((f) => `${f.name}-${f.qualifier ?? ""}`.toLowerCase());
                const repeats = keys.flatMap((k, i) => (keys.indexOf(k) < i ? [`lambdaFunctions[${i}]`] : []));
                expect(properties(failures)).to.deep.equal(repeats);
                expect(new Set(plan.lambdas.map((l) => l.key)).size).to.equal(new Set(keys).size);
            }),
            { numRuns: 300 },
        );
    });
});
