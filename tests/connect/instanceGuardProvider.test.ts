/**
 * The replacement guard's provider: its `check` is what refuses, at preview, a change that would make
 * aws.connect.Instance replace the instance.
 */
import { expect } from "chai";
import * as guard from "../../provider/connect/instanceGuardProvider";

const SETTINGS = { instanceAlias: "acme-support", identityManagementType: "CONNECT_MANAGED" };

describe("ConnectInstanceReplacementGuard provider", () => {
    it("lets the first deployment through (no previous settings)", async () => {
        const result = await guard.check(undefined, { settings: SETTINGS, allowReplacement: false });
        expect(result.failures).to.equal(undefined);
        expect(result.inputs).to.deep.equal({ settings: SETTINGS, allowReplacement: false });
    });

    it("lets unchanged settings through", async () => {
        const result = await guard.check({ settings: SETTINGS, allowReplacement: false }, { settings: { ...SETTINGS }, allowReplacement: false });
        expect(result.failures).to.equal(undefined);
    });

    it("refuses an alias change, saying why and what to do", async () => {
        const result = await guard.check({ settings: SETTINGS, allowReplacement: false }, { settings: { ...SETTINGS, instanceAlias: "acme-help" }, allowReplacement: false });
        expect(result.failures).to.have.length(1);
        const [failure] = result.failures!;
        expect(failure.property).to.equal("instanceAlias");
        expect(failure.reason).to.contain('from "acme-support" to "acme-help"').and.contain("would replace the Connect instance");
        expect(failure.reason).to.contain("30 days").and.contain("allowInstanceReplacement: true");
    });

    it("refuses a new identity type and a directory appearing, one failure each", async () => {
        const news = { settings: { instanceAlias: "acme-support", identityManagementType: "EXISTING_DIRECTORY", directoryId: "d-1234567890" }, allowReplacement: false };
        const result = await guard.check({ settings: SETTINGS, allowReplacement: false }, news);
        expect(result.failures!.map((f) => f.property)).to.deep.equal(["identityManagementType", "directoryId"]);
    });

    it("lets the change through when replacement is allowed", async () => {
        const news = { settings: { ...SETTINGS, instanceAlias: "acme-help" }, allowReplacement: true };
        const result = await guard.check({ settings: SETTINGS, allowReplacement: false }, news);
        expect(result.failures).to.equal(undefined);
        expect((await guard.diff("guard", { settings: SETTINGS, allowReplacement: false }, news)).replaces).to.deep.equal([]);
    });
});
