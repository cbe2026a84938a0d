/** The flows-and-bots planner, called directly: Lex V1 and V2 bots, Lambda functions. */
import { expect } from "chai";
import fc from "fast-check";
import { planBots } from "../../../provider/connect/plan/botsPlan";
import { ACCOUNT, planContext, properties, REGION } from "./context";

const ALIAS = `arn:aws:lex:${REGION}:${ACCOUNT}:bot-alias/ABCDEFGHIJ/TSTALIASID`;
const FUNCTION = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:lookup`;

describe("planBots", function () {
    it("plans a V2 alias and a function through their associations alone; Connect's own grants cover both (#17 items 1-2)", function () {
        const { ctx, failures } = planContext();
        const plan = planBots({ lexBots: [{ aliasArn: ALIAS }], lambdaFunctions: [{ functionArn: `${FUNCTION}:live` }] }, ctx);
        expect(failures).to.deep.equal([]);
        // No alias policy and no function permission of the component's own by default...
        expect(plan.lexBots[0]).to.deep.include({ version: 2, key: "abcdefghij-tstaliasid", createResourcePolicy: false });
        expect(plan.lambdas[0]).to.deep.include({ key: "fn-lookup-live", addPermission: false });
        // ...and neither is a permission gap, since Connect grants them at association.
        expect(plan.lexBots[0].target).to.deep.include({ property: "lexBots[0].aliasArn", feature: "lexV2Bots", resourcePolicyCreated: true });
        expect(plan.lambdas[0].target).to.deep.include({ feature: "lambdaFunctions", resourcePolicyCreated: true });
        expect(plan.lambdas[0].target.preview).to.deep.equal({ fragment: { lambdaFunctionArns: [`${FUNCTION}:live`] } });
    });

    it("writes the alias policy and the function permission only on explicit request", function () {
        const plan = planBots({ lexBots: [{ aliasArn: ALIAS, createResourcePolicy: true }], lambdaFunctions: [{ functionArn: FUNCTION, addPermission: true }] }, planContext().ctx);
        expect(plan.lexBots[0].createResourcePolicy).to.equal(true);
        expect(plan.lambdas[0].addPermission).to.equal(true);
    });

    it("an alias that is not associated here and has no policy written is a gap", function () {
        const plan = planBots({ lexBots: [{ aliasArn: ALIAS }], associateLexV2Bots: false }, planContext().ctx);
        expect(plan.lexBots[0].target.resourcePolicyCreated).to.equal(false);
    });

    it("refuses a Lex V1 bot at preview, with the way to a V2 alias (#17 item 5)", function () {
        const { ctx, failures } = planContext();
        const plan = planBots({ lexBots: [{ name: "OrderFlowers", region: "us-east-1" }] }, ctx);
        expect(plan.lexBots).to.deep.equal([]);
        expect(properties(failures)).to.deep.equal(["lexBots[0]"]);
        expect(failures[0].reason).to.match(/Lex V1 ended on 15 September 2025/).and.to.match(/aliasArn/);
    });

    it("names each mistake's property", function () {
        const { ctx, failures } = planContext();
        planBots(
            {
                lexBots: [{ aliasArn: "arn:aws:lex:bad" }, { aliasArn: ALIAS }, { aliasArn: ALIAS }],
                lambdaFunctions: [{ functionArn: "lookup" }, { functionArn: FUNCTION }, { functionArn: FUNCTION }],
            },
            ctx,
        );
        expect(properties(failures)).to.deep.equal(["lexBots[0].aliasArn", "lexBots[2]", "lambdaFunctions[0].functionArn", "lambdaFunctions[2]"]);
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
