import { expect } from "chai";
import { diffRole, sameTags, tagChanges } from "../../provider/iam/diff";
import { RoleInputs, RoleState } from "../../provider/iam/inputs";
import { diff } from "../../provider/iam/lifecycle";

const CONNECT = "connect.amazonaws.com";
const ACCOUNT = "123456789012";

/** A recorded state as create would leave it: synthetic, since diff never calls IAM. */
function stateOf(overrides: Partial<RoleState> = {}): RoleState {
    const awsServiceName = overrides.awsServiceName ?? CONNECT;
    const roleName = overrides.roleName ?? `AWSServiceRoleForExample${overrides.customSuffix ? `_${overrides.customSuffix}` : ""}`;
    return {
        awsServiceName,
        deletionPolicy: "deleteIfCreated",
        deletionTimeoutSeconds: 600,
        roleName,
        arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${awsServiceName}/${roleName}`,
        roleId: "AROAEXAMPLEEXAMPLE01",
        path: `/aws-service-role/${awsServiceName}/`,
        createDate: "2024-01-01T00:00:00.000Z",
        description: "as IAM holds it",
        tags: { team: "a", env: "prod" },
        trustPolicy: {},
        ownership: "created",
        ...overrides,
    };
}

const NO_CHANGES = { changes: false, replaces: [], updates: [], deleteBeforeReplace: false };

describe("iam/diff", () => {
    describe("no changes", () => {
        it("the same declared inputs produce changes: false", () => {
            const olds = stateOf({ customSuffix: "blue" });
            expect(diff(olds, { customSuffix: "blue", description: "as IAM holds it", tags: { env: "prod", team: "a" } })).to.deep.equal(NO_CHANGES);
        });

        it("inputs that only spell out the defaults produce changes: false", () => {
            expect(diff(stateOf(), { awsServiceName: CONNECT, deletionPolicy: "deleteIfCreated", deletionTimeoutSeconds: 600 })).to.deep.equal(NO_CHANGES);
            expect(diff(stateOf(), {})).to.deep.equal(NO_CHANGES);
        });

        it("undeclared description and tags never diff, whatever IAM holds", () => {
            const olds = stateOf({ description: "edited in the console", tags: { foreign: "x" } });
            expect(diff(olds, {})).to.deep.equal(NO_CHANGES);
        });

        it("undeclared description and tags do not diff when IAM holds none", () => {
            expect(diff(stateOf({ description: undefined, tags: undefined }), {})).to.deep.equal(NO_CHANGES);
        });
    });

    describe("replacements (the role name is made of the service and the suffix)", () => {
        const cases: Array<{ name: string; olds: Partial<RoleState>; news: Record<string, unknown>; replaces: string[]; deleteBeforeReplace: boolean }> = [
            { name: "awsServiceName changes", olds: {}, news: { awsServiceName: "elasticbeanstalk.amazonaws.com" }, replaces: ["awsServiceName"], deleteBeforeReplace: false },
            { name: "customSuffix added (undefined -> value)", olds: {}, news: { customSuffix: "blue" }, replaces: ["customSuffix"], deleteBeforeReplace: false },
            { name: "customSuffix removed (value -> undefined)", olds: { customSuffix: "blue" }, news: {}, replaces: ["customSuffix"], deleteBeforeReplace: false },
            { name: "customSuffix changes", olds: { customSuffix: "blue" }, news: { customSuffix: "green" }, replaces: ["customSuffix"], deleteBeforeReplace: false },
            { name: "customSuffix changes letter case only (names collide)", olds: { customSuffix: "blue" }, news: { customSuffix: "BLUE" }, replaces: ["customSuffix"], deleteBeforeReplace: true },
            {
                name: "service and suffix both change",
                olds: { customSuffix: "blue" },
                news: { awsServiceName: "elasticbeanstalk.amazonaws.com", customSuffix: "green" },
                replaces: ["awsServiceName", "customSuffix"],
                deleteBeforeReplace: false,
            },
            {
                name: "suffix case changes while the service changes (no collision)",
                olds: { customSuffix: "blue" },
                news: { awsServiceName: "elasticbeanstalk.amazonaws.com", customSuffix: "Blue" },
                replaces: ["awsServiceName", "customSuffix"],
                deleteBeforeReplace: false,
            },
        ];
        for (const c of cases) {
            it(`${c.name}: replaces ${c.replaces.join(", ")}, deleteBeforeReplace ${c.deleteBeforeReplace}`, () => {
                const result = diff(stateOf(c.olds), c.news);
                expect(result.changes).to.equal(true);
                expect(result.replaces).to.deep.equal(c.replaces);
                expect(result.updates).to.deep.equal([]);
                expect(result.deleteBeforeReplace).to.equal(c.deleteBeforeReplace);
            });
        }

        it("a service change in letter case only collides (deleteBeforeReplace)", () => {
            // check rejects an upper-case principal, so this goes to diffRole directly.
            const news: RoleInputs = { awsServiceName: "Connect.amazonaws.com", deletionPolicy: "deleteIfCreated", deletionTimeoutSeconds: 600 };
            expect(diffRole(stateOf(), news)).to.deep.equal({ changes: true, replaces: ["awsServiceName"], updates: [], deleteBeforeReplace: true });
        });

        it("a replacement also lists the in-place changes that come with it", () => {
            const result = diff(stateOf(), { customSuffix: "blue", description: "new" });
            expect(result).to.deep.equal({ changes: true, replaces: ["customSuffix"], updates: ["description"], deleteBeforeReplace: false });
        });
    });

    describe("existingRole", () => {
        const olds = stateOf({ roleName: "AWSServiceRoleForExample_legacy", customSuffix: "legacy" });
        const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/aws-service-role/${CONNECT}/${name}`;

        const sameRole = [
            { name: "by name", ref: "AWSServiceRoleForExample_legacy" },
            { name: "by name in another case", ref: "awsserviceroleforexample_LEGACY" },
            { name: "by ARN", ref: arnOf("AWSServiceRoleForExample_legacy") },
            { name: "by ARN in another case", ref: arnOf("AWSSERVICEROLEFOREXAMPLE_legacy") },
        ];
        for (const { name, ref } of sameRole) {
            it(`naming the same role ${name} does not replace`, () => {
                const result = diff({ ...olds, existingRole: ref }, { customSuffix: "legacy", existingRole: ref });
                expect(result).to.deep.equal(NO_CHANGES);
                const firstTime = diff(olds, { customSuffix: "legacy", existingRole: ref });
                expect(firstTime.replaces).to.deep.equal([]);
                expect(firstTime.deleteBeforeReplace).to.equal(false);
            });
        }

        it("switching the reference between name and ARN of the same role is a state-only update", () => {
            const before = { ...olds, existingRole: "AWSServiceRoleForExample_legacy" };
            const result = diff(before, { customSuffix: "legacy", existingRole: arnOf("AWSServiceRoleForExample_legacy") });
            expect(result).to.deep.equal({ changes: true, replaces: [], updates: ["existingRole"], deleteBeforeReplace: false });
        });

        it("naming a different role replaces, creating the new one first", () => {
            for (const ref of ["AWSServiceRoleForExample_other", arnOf("AWSServiceRoleForExample_other")]) {
                const result = diff({ ...olds, existingRole: "AWSServiceRoleForExample_legacy" }, { customSuffix: "legacy", existingRole: ref });
                expect(result.changes).to.equal(true);
                expect(result.replaces).to.deep.equal(["existingRole"]);
                expect(result.deleteBeforeReplace).to.equal(false);
            }
        });

        it("naming a different role replaces also when the state did not name one", () => {
            const result = diff(olds, { customSuffix: "legacy", existingRole: "AWSServiceRoleForExample_other" });
            expect(result.replaces).to.deep.equal(["existingRole"]);
        });

        it("dropping the reference is a state-only update, not a replacement", () => {
            const result = diff({ ...olds, existingRole: "AWSServiceRoleForExample_legacy" }, { customSuffix: "legacy" });
            expect(result).to.deep.equal({ changes: true, replaces: [], updates: ["existingRole"], deleteBeforeReplace: false });
        });
    });

    describe("in-place updates", () => {
        const cases: Array<{ name: string; olds: Partial<RoleState>; news: Record<string, unknown>; updates: string[] }> = [
            { name: "a declared description that differs", olds: {}, news: { description: "new" }, updates: ["description"] },
            { name: "a declared description when IAM holds none", olds: { description: undefined }, news: { description: "new" }, updates: ["description"] },
            { name: "a declared empty description when IAM holds one", olds: {}, news: { description: "" }, updates: ["description"] },
            { name: "a declared tag value that differs", olds: {}, news: { tags: { team: "b", env: "prod" } }, updates: ["tags"] },
            { name: "a declared tag map with a new key", olds: {}, news: { tags: { team: "a", env: "prod", extra: "x" } }, updates: ["tags"] },
            { name: "a declared tag map with a key missing", olds: {}, news: { tags: { team: "a" } }, updates: ["tags"] },
            { name: "a declared empty tag map when IAM holds tags", olds: {}, news: { tags: {} }, updates: ["tags"] },
            { name: "a declared tag map when IAM holds none", olds: { tags: undefined }, news: { tags: { team: "a" } }, updates: ["tags"] },
            { name: "a tag key that changes letter case", olds: { tags: { team: "a" } }, news: { tags: { Team: "a" } }, updates: ["tags"] },
            { name: "deletionPolicy", olds: {}, news: { deletionPolicy: "neverDelete" }, updates: ["deletionPolicy"] },
            { name: "deletionTimeoutSeconds", olds: {}, news: { deletionTimeoutSeconds: 30 }, updates: ["deletionTimeoutSeconds"] },
            {
                name: "everything that changes in place at once",
                olds: {},
                news: { description: "new", tags: {}, deletionPolicy: "alwaysDelete", deletionTimeoutSeconds: 5 },
                updates: ["description", "tags", "deletionPolicy", "deletionTimeoutSeconds"],
            },
        ];
        for (const c of cases) {
            it(`${c.name}: updates ${c.updates.join(", ")} without replacing`, () => {
                expect(diff(stateOf(c.olds), c.news)).to.deep.equal({ changes: true, replaces: [], updates: c.updates, deleteBeforeReplace: false });
            });
        }

        it("a declared tag map in another key order is no change", () => {
            expect(diff(stateOf({ tags: { a: "1", b: "2", c: "3" } }), { tags: { c: "3", a: "1", b: "2" } })).to.deep.equal(NO_CHANGES);
        });

        it("a declared empty tag map when IAM holds none is no change", () => {
            expect(diff(stateOf({ tags: undefined }), { tags: {} })).to.deep.equal(NO_CHANGES);
            expect(diff(stateOf({ tags: {} }), { tags: {} })).to.deep.equal(NO_CHANGES);
        });
    });

    describe("sameTags", () => {
        const cases: Array<[Record<string, string>, Record<string, string>, boolean]> = [
            [{}, {}, true],
            [{ a: "1" }, { a: "1" }, true],
            [{ a: "1", b: "2" }, { b: "2", a: "1" }, true],
            [{ a: "1" }, { a: "2" }, false],
            [{ a: "1" }, { A: "1" }, false],
            [{ a: "1" }, {}, false],
            [{}, { a: "1" }, false],
            [{ a: "1" }, { a: "1", b: "2" }, false],
            [{ a: "1", b: "2" }, { a: "1", c: "2" }, false],
            [{ a: "" }, {}, false],
            [{ constructor: "x" }, {}, false],
            [{}, { constructor: "x" }, false],
        ];
        for (const [a, b, same] of cases) {
            it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${same}`, () => {
                expect(sameTags(a, b)).to.equal(same);
                expect(sameTags(b, a)).to.equal(same);
            });
        }
    });

    describe("tagChanges (only the difference is sent)", () => {
        const cases: Array<{ name: string; current: Record<string, string>; desired: Record<string, string>; toSet: Record<string, string>; toRemove: string[] }> = [
            { name: "nothing to do", current: { a: "1", b: "2" }, desired: { b: "2", a: "1" }, toSet: {}, toRemove: [] },
            { name: "from nothing", current: {}, desired: { a: "1", b: "2" }, toSet: { a: "1", b: "2" }, toRemove: [] },
            { name: "to nothing", current: { a: "1", b: "2" }, desired: {}, toSet: {}, toRemove: ["a", "b"] },
            { name: "a changed value only", current: { a: "1", b: "2" }, desired: { a: "1", b: "20" }, toSet: { b: "20" }, toRemove: [] },
            { name: "a new key only", current: { a: "1" }, desired: { a: "1", c: "3" }, toSet: { c: "3" }, toRemove: [] },
            { name: "a missing key only", current: { a: "1", b: "2" }, desired: { a: "1" }, toSet: {}, toRemove: ["b"] },
            {
                name: "changed, new and missing keys together",
                current: { keep: "k", change: "old", drop: "d" },
                desired: { keep: "k", change: "new", add: "a" },
                toSet: { change: "new", add: "a" },
                toRemove: ["drop"],
            },
            { name: "a value changed to empty", current: { a: "1" }, desired: { a: "" }, toSet: { a: "" }, toRemove: [] },
            { name: "an empty value added", current: {}, desired: { a: "" }, toSet: { a: "" }, toRemove: [] },
            // Keys that are also names of Object.prototype members are ordinary IAM tag keys.
            { name: "a key named like an Object member is removed", current: { constructor: "x", keep: "k" }, desired: { keep: "k" }, toSet: {}, toRemove: ["constructor"] },
            { name: "a key named like an Object member is set", current: {}, desired: { toString: "x" }, toSet: { toString: "x" }, toRemove: [] },
        ];
        for (const c of cases) {
            it(c.name, () => {
                const result = tagChanges(c.current, c.desired);
                expect(result.toSet).to.deep.equal(c.toSet);
                expect([...result.toRemove].sort()).to.deep.equal([...c.toRemove].sort());
            });
        }

        it("applying the changes to the current map yields exactly the desired map", () => {
            const current = { keep: "k", change: "old", drop: "d", other: "o" };
            const desired = { keep: "k", change: "new", add: "" };
            const { toSet, toRemove } = tagChanges(current, desired);
            const applied: Record<string, string> = { ...current, ...toSet };
            for (const key of toRemove) delete applied[key];
            expect(applied).to.deep.equal(desired);
        });
    });
});
