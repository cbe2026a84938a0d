import { expect } from "chai";
import {
    CreateRoleCommand,
    CreateServiceLinkedRoleCommand,
    DeleteServiceLinkedRoleCommand,
    GetRoleCommand,
    ListRolesCommand,
    Role,
    TagRoleCommand,
    UntagRoleCommand,
    UpdateRoleCommand,
} from "@aws-sdk/client-iam";
import { RoleState } from "../../provider/iam/inputs";
import { configureConnection, create, diff, read, remove, update } from "../../provider/iam/lifecycle";
import { useProviderBehindProxy } from "../harness/fixtures";

const CONNECT = "connect.amazonaws.com";
const BEANSTALK = "elasticbeanstalk.amazonaws.com";

/**
 * The provider talks to moto through a pass-through fault proxy (no rules), so that tests can see
 * exactly which IAM calls it sent. Assertions about what IAM holds use a client of our own that
 * talks to moto directly.
 */
describe("iam/lifecycle (moto)", function () {
    this.timeout(30_000);

    const fx = useProviderBehindProxy();

    beforeEach(async () => {
        await fx.moto.reset();
        fx.proxy.reset();
        configureConnection({});
    });

    // ---- helpers -------------------------------------------------------------------------------

    async function roleInIam(roleName: string): Promise<Role | undefined> {
        try {
            return (await fx.iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
        } catch (err) {
            if ((err as { name?: string }).name === "NoSuchEntityException" || (err as { name?: string }).name === "NoSuchEntity") return undefined;
            throw err;
        }
    }

    async function mustGetRole(roleName: string): Promise<Role> {
        const role = await roleInIam(roleName);
        expect(role, `role ${roleName} in IAM`).not.to.equal(undefined);
        return role!;
    }

    const tagsOf = (role: Role) => Object.fromEntries((role.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""]));

    async function rolesOf(service: string): Promise<Role[]> {
        const { Roles } = await fx.iam.send(new ListRolesCommand({ PathPrefix: `/aws-service-role/${service}/` }));
        return Roles ?? [];
    }

    /** Creates a service-linked role behind the provider's back, as the service or a console user would. */
    async function outOfBand(service: string, options: { suffix?: string; description?: string } = {}): Promise<Role> {
        const { Role: role } = await fx.iam.send(
            new CreateServiceLinkedRoleCommand({ AWSServiceName: service, CustomSuffix: options.suffix, Description: options.description }),
        );
        return role!;
    }

    /** The IAM requests of one action the provider sent since the last `proxy.reset()`, as form parameters. */
    function sent(action: string): URLSearchParams[] {
        return fx.proxy
            .rawRequests()
            .map((r) => new URLSearchParams(r.body))
            .filter((p) => p.get("Action") === action);
    }

    const actionsSent = () => fx.proxy.rawRequests().map((r) => new URLSearchParams(r.body).get("Action"));

    function tagsInRequest(params: URLSearchParams): Record<string, string> {
        const tags: Record<string, string> = {};
        for (let i = 1; params.has(`Tags.member.${i}.Key`); i++) tags[params.get(`Tags.member.${i}.Key`)!] = params.get(`Tags.member.${i}.Value`) ?? "";
        return tags;
    }

    function keysInRequest(params: URLSearchParams): string[] {
        const keys: string[] = [];
        for (let i = 1; params.has(`TagKeys.member.${i}`); i++) keys.push(params.get(`TagKeys.member.${i}`)!);
        return keys;
    }

    async function rejection(promise: Promise<unknown>): Promise<Error> {
        return promise.then(
            () => expect.fail("expected the call to fail"),
            (err: Error) => err,
        );
    }

    function servicePrincipals(trustPolicy: unknown): string[] {
        const statements = (trustPolicy as { Statement: Array<{ Principal?: { Service?: string | string[] } }> }).Statement;
        return statements.flatMap((s) => [s.Principal?.Service ?? []].flat());
    }

    const aMinuteAgo = () => new Date(Date.now() - 60_000).toISOString();

    // ---- create ----------------------------------------------------------------------------------

    describe("create", () => {
        it("creates the role and records it as IAM holds it", async () => {
            const startedAt = Date.now();
            const { id, outs } = await create({ description: "managed by pulumi", tags: { team: "a", env: "prod" } });

            const role = await mustGetRole(outs.roleName);
            expect(id).to.equal(outs.roleName);
            expect(outs.roleName).to.equal(role.RoleName);
            expect(outs.arn).to.equal(role.Arn);
            expect(outs.roleId).to.equal(role.RoleId);
            expect(outs.path).to.equal(`/aws-service-role/${CONNECT}/`).and.to.equal(role.Path);
            expect(outs.createDate).to.equal(role.CreateDate!.toISOString());
            expect(Date.parse(outs.createDate)).to.be.within(startedAt - 60_000, Date.now() + 60_000);
            expect(servicePrincipals(outs.trustPolicy)).to.deep.equal([CONNECT]);
            expect(outs.ownership).to.equal("created");
            expect(outs.description).to.equal("managed by pulumi").and.to.equal(role.Description);
            expect(outs.tags).to.deep.equal({ team: "a", env: "prod" }).and.to.deep.equal(tagsOf(role));
            expect(outs).to.include({ awsServiceName: CONNECT, deletionPolicy: "deleteIfCreated", deletionTimeoutSeconds: 600 });
            expect(Object.values(outs)).not.to.include(undefined);
            expect((await rolesOf(CONNECT)).map((r) => r.RoleId)).to.deep.equal([outs.roleId]);
        });

        it("without a description or tags, records what IAM holds and sends no update", async () => {
            const { outs } = await create({});
            const role = await mustGetRole(outs.roleName);
            expect(outs.tags).to.deep.equal({});
            expect(outs.description).to.equal(role.Description);
            for (const action of ["UpdateRole", "TagRole", "UntagRole"]) expect(actionsSent()).not.to.include(action);
        });

        it("adopts the role when it already exists, and converges its description", async () => {
            const existing = await outOfBand(CONNECT, { description: "made by the service" });
            const { id, outs } = await create({ description: "now managed" });

            expect(outs.ownership).to.equal("adopted");
            expect(id).to.equal(existing.RoleName);
            expect(outs.roleId).to.equal(existing.RoleId);
            expect(outs.createDate).to.equal(existing.CreateDate!.toISOString());
            expect(outs.description).to.equal("now managed");
            expect((await mustGetRole(existing.RoleName!)).Description).to.equal("now managed");
            expect(await rolesOf(CONNECT)).to.have.length(1);
        });

        it("adopts the role with the declared suffix", async () => {
            await outOfBand(CONNECT, { suffix: "blue" });
            const existing = await outOfBand(CONNECT, { suffix: "green" });
            const { outs } = await create({ customSuffix: "green" });
            expect(outs.ownership).to.equal("adopted");
            expect(outs.roleId).to.equal(existing.RoleId);
            expect(await rolesOf(CONNECT)).to.have.length(2);
        });

        it("creates a new role when only a role with a different suffix exists", async () => {
            const blue = await outOfBand(CONNECT, { suffix: "blue" });
            const { outs } = await create({ customSuffix: "green" });
            expect(outs.ownership).to.equal("created");
            expect(outs.roleId).not.to.equal(blue.RoleId);
            expect(outs.roleName).not.to.equal(blue.RoleName);
            expect(outs.customSuffix).to.equal("green");
            expect((await rolesOf(CONNECT)).map((r) => r.RoleName).sort()).to.deep.equal([blue.RoleName, outs.roleName].sort());
        });

        it("creates the suffixless role when only suffixed roles exist", async () => {
            const blue = await outOfBand(CONNECT, { suffix: "blue" });
            const { outs } = await create({});
            expect(outs.ownership).to.equal("created");
            expect(outs.roleId).not.to.equal(blue.RoleId);
            expect(await rolesOf(CONNECT)).to.have.length(2);
        });

        it("adopts an existing role whose suffix contains an underscore", async () => {
            // IAM allows `_` in a custom suffix ([\w+=,.@-]+), so the role name has several underscores.
            const existing = await outOfBand(CONNECT, { suffix: "blue_green" });
            const { outs } = await create({ customSuffix: "blue_green", description: "now managed" });
            expect(outs.ownership).to.equal("adopted");
            expect(outs.roleId).to.equal(existing.RoleId);
        });

        it("adopts an existing suffixless role whose service-given name contains an underscore", async () => {
            // e.g. AWS names Application Auto Scaling's roles AWSServiceRoleForApplicationAutoScaling_<Resource>.
            const service = "custom-resource.application-autoscaling.amazonaws.com";
            const existing = await outOfBand(service);
            expect(existing.RoleName, "precondition: the service-given name carries an underscore").to.include("_");
            const { outs } = await create({ awsServiceName: service });
            expect(outs.ownership).to.equal("adopted");
            expect(outs.roleId).to.equal(existing.RoleId);
        });
    });

    // ---- read ------------------------------------------------------------------------------------

    describe("read", () => {
        it("returns an empty id for a role deleted out of band (outside the propagation window)", async () => {
            const { id, outs } = await create({});
            await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: outs.roleName }));
            const startedAt = Date.now();
            const result = await read(id, { ...outs, createDate: aMinuteAgo() });
            expect(result).to.deep.equal({ id: "", props: {} });
            expect(Date.now() - startedAt, "no propagation wait for an old role").to.be.below(5_000);
        });

        it("reflects drift in description and tags, keeping ownership and inputs", async () => {
            const { id, outs } = await create({ description: "declared", tags: { team: "a", env: "prod" }, deletionPolicy: "alwaysDelete" });
            await fx.iam.send(new UpdateRoleCommand({ RoleName: outs.roleName, Description: "edited in the console" }));
            await fx.iam.send(new TagRoleCommand({ RoleName: outs.roleName, Tags: [{ Key: "foreign", Value: "x" }, { Key: "team", Value: "b" }] }));
            await fx.iam.send(new UntagRoleCommand({ RoleName: outs.roleName, TagKeys: ["env"] }));

            const result = await read(id, outs as unknown as Record<string, unknown>);
            expect(result.id).to.equal(outs.roleName);
            expect(result).not.to.have.property("inputs");
            const props = result.props as RoleState;
            expect(props.description).to.equal("edited in the console");
            expect(props.tags).to.deep.equal({ team: "b", foreign: "x" });
            expect(props).to.include({ roleId: outs.roleId, arn: outs.arn, ownership: "created", deletionPolicy: "alwaysDelete" });

            // The next up plans an in-place update that converges both.
            expect(diff(props, { description: "declared", tags: { team: "a", env: "prod" }, deletionPolicy: "alwaysDelete" })).to.deep.equal({
                changes: true,
                replaces: [],
                updates: ["description", "tags"],
                deleteBeforeReplace: false,
            });
        });

        for (const service of [CONNECT, BEANSTALK]) {
            for (const by of ["name", "ARN"] as const) {
                it(`imports the ${service} role by ${by}: props and inputs, service derived from the path, ownership adopted`, async () => {
                    const existing = await outOfBand(service, { description: "made elsewhere" });
                    const result = await read(by === "name" ? existing.RoleName! : existing.Arn!, {});
                    expect(result.id).to.equal(existing.RoleName);
                    const props = result.props as RoleState;
                    expect(props).to.include({
                        roleName: existing.RoleName,
                        arn: existing.Arn,
                        roleId: existing.RoleId,
                        path: `/aws-service-role/${service}/`,
                        awsServiceName: service,
                        description: "made elsewhere",
                        ownership: "adopted",
                    });
                    expect(servicePrincipals(props.trustPolicy)).to.deep.equal([service]);
                    expect((result as { inputs?: unknown }).inputs).to.deep.equal({
                        awsServiceName: service,
                        deletionPolicy: "deleteIfCreated",
                        deletionTimeoutSeconds: 600,
                    });
                });
            }
        }

        it("refuses a role that is not service-linked, with a clear error", async () => {
            const roleName = `plain-role-${Date.now()}`;
            await fx.iam.send(
                new CreateRoleCommand({
                    RoleName: roleName,
                    Path: "/",
                    AssumeRolePolicyDocument: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: { Service: CONNECT }, Action: "sts:AssumeRole" }],
                    }),
                }),
            );
            const error = await rejection(read(roleName, {}));
            expect(error.message).to.include(roleName).and.to.include("not a service-linked role").and.to.include("/aws-service-role/");
        });
    });

    // ---- update ----------------------------------------------------------------------------------

    describe("update", () => {
        it("changes the description in place with one UpdateRole", async () => {
            const { id, outs } = await create({ description: "v1" });
            fx.proxy.reset();
            const { outs: updated } = await update(id, outs, { description: "v2" });

            const role = await mustGetRole(outs.roleName);
            expect(role.Description).to.equal("v2");
            expect(role.RoleId).to.equal(outs.roleId);
            expect(updated.description).to.equal("v2");
            expect(updated.roleId).to.equal(outs.roleId);
            expect(updated.createDate).to.equal(outs.createDate);
            expect(sent("UpdateRole").map((p) => [p.get("RoleName"), p.get("Description")])).to.deep.equal([[outs.roleName, "v2"]]);
            expect(actionsSent()).to.deep.equal(["UpdateRole"]);
        });

        it("adds, changes and removes tags, sending only the difference", async () => {
            const { id, outs } = await create({ tags: { keep: "k", change: "old", drop: "d" } });
            fx.proxy.reset();
            const { outs: updated } = await update(id, outs, { tags: { keep: "k", change: "new", add: "a" } });

            const expected = { keep: "k", change: "new", add: "a" };
            expect(tagsOf(await mustGetRole(outs.roleName))).to.deep.equal(expected);
            expect(updated.tags).to.deep.equal(expected);
            expect(sent("TagRole").map(tagsInRequest)).to.deep.equal([{ change: "new", add: "a" }]);
            expect(sent("UntagRole").map(keysInRequest)).to.deep.equal([["drop"]]);
            expect(actionsSent()).to.have.members(["TagRole", "UntagRole"]);
        });

        it("removes foreign tags when tags are declared (after a refresh saw them)", async () => {
            const { id, outs } = await create({ tags: { team: "a" } });
            await fx.iam.send(new TagRoleCommand({ RoleName: outs.roleName, Tags: [{ Key: "foreign", Value: "x" }] }));
            const refreshed = (await read(id, outs as unknown as Record<string, unknown>)).props as RoleState;
            expect(diff(refreshed, { tags: { team: "a" } }).updates).to.deep.equal(["tags"]);

            fx.proxy.reset();
            const { outs: updated } = await update(id, refreshed, { tags: { team: "a" } });
            expect(tagsOf(await mustGetRole(outs.roleName))).to.deep.equal({ team: "a" });
            expect(updated.tags).to.deep.equal({ team: "a" });
            expect(sent("UntagRole").map(keysInRequest)).to.deep.equal([["foreign"]]);
            expect(sent("TagRole")).to.have.length(0);
        });

        it("leaves foreign tags untouched when tags are undeclared", async () => {
            const { id, outs } = await create({ description: "v1" });
            await fx.iam.send(new TagRoleCommand({ RoleName: outs.roleName, Tags: [{ Key: "foreign", Value: "x" }] }));
            const refreshed = (await read(id, outs as unknown as Record<string, unknown>)).props as RoleState;
            expect(diff(refreshed, { description: "v1" }).changes).to.equal(false);

            fx.proxy.reset();
            const { outs: updated } = await update(id, refreshed, { description: "v2" });
            expect(tagsOf(await mustGetRole(outs.roleName))).to.deep.equal({ foreign: "x" });
            expect(updated.tags).to.deep.equal({ foreign: "x" });
            expect(actionsSent()).to.deep.equal(["UpdateRole"]);
        });

        it("removes a tag whose key is also the name of an Object member", async () => {
            const { id, outs } = await create({ tags: { team: "a", constructor: "legacy" } });
            const { outs: updated } = await update(id, outs, { tags: { team: "a" } });
            expect(tagsOf(await mustGetRole(outs.roleName))).to.deep.equal({ team: "a" });
            expect(diff(updated, { tags: { team: "a" } }).changes).to.equal(false);
        });

        it("changes deletionPolicy and deletionTimeoutSeconds in state only, without calling IAM", async () => {
            const { id, outs } = await create({ description: "d", tags: { team: "a" } });
            fx.proxy.reset();
            const { outs: updated } = await update(id, outs, { description: "d", tags: { team: "a" }, deletionPolicy: "neverDelete", deletionTimeoutSeconds: 30 });
            expect(updated).to.include({ deletionPolicy: "neverDelete", deletionTimeoutSeconds: 30, roleId: outs.roleId, description: "d" });
            expect(fx.proxy.rawRequests()).to.have.length(0);
            expect(diff(updated, { description: "d", tags: { team: "a" }, deletionPolicy: "neverDelete", deletionTimeoutSeconds: 30 }).changes).to.equal(false);
        });
    });

    // ---- remove ----------------------------------------------------------------------------------

    describe("remove", () => {
        it("deletes a role the stack created and waits for the deletion task", async () => {
            const { id, outs } = await create({});
            fx.proxy.reset();
            await remove(id, outs);
            expect(await roleInIam(outs.roleName)).to.equal(undefined);
            expect(sent("DeleteServiceLinkedRole").map((p) => p.get("RoleName"))).to.deep.equal([outs.roleName]);
            expect(sent("GetServiceLinkedRoleDeletionStatus").length).to.be.at.least(1);
        });

        it("leaves an adopted role in place by default", async () => {
            const existing = await outOfBand(CONNECT);
            const { id, outs } = await create({});
            expect(outs.ownership).to.equal("adopted");
            fx.proxy.reset();
            await remove(id, outs);
            expect((await mustGetRole(existing.RoleName!)).RoleId).to.equal(existing.RoleId);
            expect(sent("DeleteServiceLinkedRole")).to.have.length(0);
        });

        it("deletes an adopted role with alwaysDelete", async () => {
            const existing = await outOfBand(CONNECT);
            const { id, outs } = await create({ deletionPolicy: "alwaysDelete" });
            expect(outs.ownership).to.equal("adopted");
            await remove(id, outs);
            expect(await roleInIam(existing.RoleName!)).to.equal(undefined);
        });

        it("leaves even a created role in place with neverDelete", async () => {
            const { id, outs } = await create({ deletionPolicy: "neverDelete" });
            expect(outs.ownership).to.equal("created");
            await remove(id, outs);
            expect((await mustGetRole(outs.roleName)).RoleId).to.equal(outs.roleId);
        });

        it("succeeds for a role that is already gone", async () => {
            const { id, outs } = await create({});
            await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: outs.roleName }));
            await remove(id, outs);
            expect(await roleInIam(outs.roleName)).to.equal(undefined);
        });
    });

    // ---- another service ---------------------------------------------------------------------------

    describe("a non-Connect service principal", () => {
        it("goes through create, update and delete the same way", async () => {
            const { id, outs } = await create({ awsServiceName: BEANSTALK, description: "v1", tags: { team: "a" } });
            expect(outs.ownership).to.equal("created");
            expect(outs.path).to.equal(`/aws-service-role/${BEANSTALK}/`);
            expect(servicePrincipals(outs.trustPolicy)).to.deep.equal([BEANSTALK]);
            const role = await mustGetRole(outs.roleName);
            expect(role.Path).to.equal(`/aws-service-role/${BEANSTALK}/`);
            expect(role.Description).to.equal("v1");
            expect(tagsOf(role)).to.deep.equal({ team: "a" });
            expect(await rolesOf(CONNECT)).to.have.length(0);

            const raw = { awsServiceName: BEANSTALK, description: "v2", tags: { team: "b", env: "prod" } };
            expect(diff(outs, raw)).to.deep.equal({ changes: true, replaces: [], updates: ["description", "tags"], deleteBeforeReplace: false });
            const { outs: updated } = await update(id, outs, raw);
            const after = await mustGetRole(outs.roleName);
            expect(after.Description).to.equal("v2");
            expect(tagsOf(after)).to.deep.equal({ team: "b", env: "prod" });
            expect(after.RoleId).to.equal(outs.roleId);
            expect(diff(updated, raw).changes).to.equal(false);

            await remove(id, updated);
            expect(await roleInIam(outs.roleName)).to.equal(undefined);
            expect(await rolesOf(BEANSTALK)).to.have.length(0);
        });

        it("adopts an existing role of that service", async () => {
            const existing = await outOfBand(BEANSTALK);
            const { outs } = await create({ awsServiceName: BEANSTALK });
            expect(outs.ownership).to.equal("adopted");
            expect(outs.roleId).to.equal(existing.RoleId);
        });
    });

    // ---- existingRole ------------------------------------------------------------------------------

    describe("existingRole", () => {
        for (const by of ["name", "ARN"] as const) {
            it(`adopts the named role by ${by}, converges it, and leaves it in place on delete`, async () => {
                const existing = await outOfBand(CONNECT, { suffix: "legacy", description: "made elsewhere" });
                const ref = by === "name" ? existing.RoleName! : existing.Arn!;
                const raw = { existingRole: ref, customSuffix: "legacy", description: "now managed", tags: { team: "a" } };
                const { id, outs } = await create(raw);

                expect(id).to.equal(existing.RoleName);
                expect(outs).to.include({ ownership: "adopted", roleId: existing.RoleId, roleName: existing.RoleName, existingRole: ref });
                const role = await mustGetRole(existing.RoleName!);
                expect(role.Description).to.equal("now managed");
                expect(tagsOf(role)).to.deep.equal({ team: "a" });
                expect(sent("CreateServiceLinkedRole")).to.have.length(0);
                expect(diff(outs, raw).changes).to.equal(false);

                await remove(id, outs);
                expect((await mustGetRole(existing.RoleName!)).RoleId).to.equal(existing.RoleId);
            });
        }

        it("fails clearly when the named role does not exist, creating nothing", async () => {
            const gone = await outOfBand(CONNECT, { suffix: "gone" });
            await fx.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: gone.RoleName }));
            for (const ref of [gone.RoleName!, gone.Arn!]) {
                const error = await rejection(create({ existingRole: ref, customSuffix: "gone" }));
                expect(error.message).to.include(ref).and.to.include("does not exist");
            }
            expect(await rolesOf(CONNECT)).to.have.length(0);
            expect(sent("CreateServiceLinkedRole")).to.have.length(0);
        });

        it("fails clearly when the named role belongs to another service, changing nothing", async () => {
            const connectRole = await outOfBand(CONNECT, { description: "connect's" });
            const error = await rejection(create({ awsServiceName: BEANSTALK, existingRole: connectRole.RoleName, description: "hijack" }));
            expect(error.message).to.include(connectRole.RoleName).and.to.include(`not a service-linked role of ${BEANSTALK}`);
            expect((await mustGetRole(connectRole.RoleName!)).Description).to.equal("connect's");
            expect(await rolesOf(BEANSTALK)).to.have.length(0);
        });

        it("dropping existingRole from the program settles after one update", async () => {
            const existing = await outOfBand(CONNECT, { suffix: "legacy" });
            const { id, outs } = await create({ existingRole: existing.RoleName, customSuffix: "legacy" });
            const withoutReference = { customSuffix: "legacy" };
            expect(diff(outs, withoutReference)).to.deep.equal({ changes: true, replaces: [], updates: ["existingRole"], deleteBeforeReplace: false });

            const { outs: updated } = await update(id, outs, withoutReference);
            expect(updated).not.to.have.property("existingRole");
            expect(diff(updated, withoutReference).changes).to.equal(false);
        });
    });
});
