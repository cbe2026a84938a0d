import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import {
    CreateAccessKeyCommand,
    CreateRoleCommand,
    CreateServiceLinkedRoleCommand,
    CreateUserCommand,
    GetRoleCommand,
    GetServiceLinkedRoleDeletionStatusCommand,
    IAMClient,
    ListRolesCommand,
    PutRolePolicyCommand,
    PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import deployerPolicy from "../../provider/iam/deployer-policy.json";
import { RoleState } from "../../provider/iam/inputs";
import { assumeRolePolicyFor } from "../../provider/iam/deployerPolicy";
import { configureConnection, create, read, remove, update } from "../../provider/iam/lifecycle";
import * as provider from "../../provider/iam/provider";
import { MotoServer, repoRoot, startMoto, testCredentials, useAwsEndpoint } from "../harness/moto";
import { Credentials, deleteServiceLinkedRoles, directIamClient, roleInIam, SecretGuard, serviceLinkedRoles, settle } from "./support";

interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}
interface PolicyDocument {
    Version: string;
    Statement: Statement[];
}

const SHIPPED: PolicyDocument = deployerPolicy as PolicyDocument;
const CONNECT = "connect.amazonaws.com";
const CONNECT_ROLES = `arn:aws:iam::*:role/aws-service-role/${CONNECT}/*`;
const V1 = { awsServiceName: CONNECT, description: "least privilege v1", tags: { team: "a", tmp: "x" }, deletionTimeoutSeconds: 5 };
const V2 = { ...V1, description: "least privilege v2", tags: { team: "b" } };

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/**
 * moto authorizes a request against the role's ARN only when the request names an existing role
 * (`RoleName`); everything else — CreateServiceLinkedRole, ListRoles, GetServiceLinkedRoleDeletionStatus,
 * a GetRole of a missing role — is checked against resource `*`, which no role-scoped statement
 * matches. To test the shipped statements at all, the moto copy widens the Resource of exactly
 * those actions to `*`; resource scoping of these three is therefore not verified here.
 */
const MOTO_EVALUATES_AGAINST_STAR = new Set(["iam:CreateServiceLinkedRole", "iam:ListRoles", "iam:GetServiceLinkedRoleDeletionStatus"]);

function asMotoCanEvaluate(policy: PolicyDocument): PolicyDocument {
    return {
        ...policy,
        Statement: policy.Statement.map((s) => (actionsOf(s).every((a) => MOTO_EVALUATES_AGAINST_STAR.has(a)) ? { ...s, Resource: "*" } : s)),
    };
}

function without(policy: PolicyDocument, sid: string): PolicyDocument {
    return { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== sid) };
}

/**
 * The actions the provider's code calls: SDK commands and paginators in provider/iam/*.ts and provider/aws/*.ts, each
 * prefixed with the service of the client module the file imports it from (`iam`, `sts`).
 */
function actionsCalledByProvider(): Set<string> {
    // provider/iam makes the IAM calls; the account lookup (sts:GetCallerIdentity) is made by the
    // account gate in provider/aws (gate.ts, through account.ts).
    const dirs = [path.join(repoRoot, "provider", "iam"), path.join(repoRoot, "provider", "aws")];
    const actions = new Set<string>();
    for (const [dir, file] of dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith(".ts")).map((f) => [d, f] as const))) {
        const source = fs.readFileSync(path.join(dir, file), "utf8");
        const serviceOf = new Map<string, string>();
        for (const m of source.matchAll(/import (?:type )?\{([^}]*)\} from "@aws-sdk\/client-(\w+)"/g)) {
            for (const name of m[1].split(",")) serviceOf.set(name.trim().split(/\s+as\s+/)[0], m[2]);
        }
        for (const m of source.matchAll(/new (\w+)Command\(/g)) actions.add(`${serviceOf.get(`${m[1]}Command`) ?? "?"}:${m[1]}`);
        for (const m of source.matchAll(/\bpaginate(\w+)\(/g)) actions.add(`${serviceOf.get(`paginate${m[1]}`) ?? "?"}:${m[1]}`);
    }
    return actions;
}

/** Needs no permission (STS API reference, GetCallerIdentity: "No permissions are required to perform this operation"). */
const NEEDS_NO_PERMISSION = "sts:GetCallerIdentity";

type Step = "create" | "read" | "update" | "remove" | "adopt";
/** The first lifecycle step that needs each action (given V1/V2 above). */
const FIRST_NEEDED_AT: Record<string, Step> = {
    "iam:CreateServiceLinkedRole": "create",
    // create makes no GetRole (CreateServiceLinkedRole + one TagRole); read is the first to call it.
    "iam:GetRole": "read",
    "iam:TagRole": "create",
    "iam:UpdateRole": "update",
    "iam:UntagRole": "update",
    "iam:DeleteServiceLinkedRole": "remove",
    "iam:GetServiceLinkedRoleDeletionStatus": "remove",
    "iam:ListRoles": "adopt",
};

interface Principal {
    userName: string;
    policy: PolicyDocument;
    credentials?: Credentials;
}

describe("reliability: least-privilege deployer policy (moto with request authorization)", function () {
    this.timeout(60_000);

    const admin: Principal = { userName: "admin", policy: { Version: "2012-10-17", Statement: [{ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }] } };
    const deployer: Principal = { userName: "deployer", policy: asMotoCanEvaluate(SHIPPED) };
    const unmodified: Principal = { userName: "shipped-as-is", policy: SHIPPED };
    const minus: Principal[] = SHIPPED.Statement.map((s) => ({ userName: `minus-${s.Sid}`, policy: asMotoCanEvaluate(without(SHIPPED, s.Sid)) }));
    // The caller side of aws:assumeRoles: one identity may only assume the deployer role, one may not.
    const DEPLOYER_ROLE_ARN = "arn:aws:iam::123456789012:role/deployer-role";
    const caller: Principal = { userName: "caller", policy: assumeRolePolicyFor({ roleArn: DEPLOYER_ROLE_ARN }) as PolicyDocument };
    const nonCaller: Principal = { userName: "non-caller", policy: { Version: "2012-10-17", Statement: [{ Sid: "Unrelated", Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] } };
    const principals = [admin, deployer, unmodified, ...minus, caller, nonCaller];
    /** CreateUser, PutUserPolicy and CreateAccessKey per principal, CreateRole and PutRolePolicy: the calls moto takes unauthenticated. */
    const SETUP_CALLS = principals.length * 3 + 2;

    let moto: MotoServer;
    let adminIam: IAMClient;
    let restoreEnv: (() => void) | undefined;
    const guard = new SecretGuard([testCredentials.secretAccessKey, testCredentials.sessionToken]);

    before(async () => {
        moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: String(SETUP_CALLS) });
        const bootstrap = directIamClient(moto.endpoint);
        for (const p of principals) {
            await bootstrap.send(new CreateUserCommand({ UserName: p.userName }));
            await bootstrap.send(new PutUserPolicyCommand({ UserName: p.userName, PolicyName: "deployer", PolicyDocument: JSON.stringify(p.policy) }));
            const { AccessKey } = await bootstrap.send(new CreateAccessKeyCommand({ UserName: p.userName }));
            p.credentials = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey!, sessionToken: "" };
            guard.add(p.credentials.secretAccessKey);
        }
        adminIam = directIamClient(moto.endpoint, admin.credentials);
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:user/caller", "arn:aws:iam::123456789012:user/non-caller"] }, Action: "sts:AssumeRole" }] };
        await bootstrap.send(new CreateRoleCommand({ RoleName: "deployer-role", AssumeRolePolicyDocument: JSON.stringify(trust) }));
        await bootstrap.send(new PutRolePolicyCommand({ RoleName: "deployer-role", PolicyName: "deployer", PolicyDocument: JSON.stringify(asMotoCanEvaluate(SHIPPED)) }));
    });

    afterEach(async () => {
        await deleteServiceLinkedRoles(adminIam, CONNECT);
    });

    after(async () => {
        restoreEnv?.();
        configureConnection({});
        await moto?.stop();
    });

    /** Points the provider at moto with this principal's keys, and builds a fresh client (unless `reset` is false). */
    function actAs(principal: Principal, reset = true): void {
        restoreEnv?.();
        restoreEnv = useAwsEndpoint(moto.endpoint, principal.credentials!);
        if (reset) configureConnection({});
    }

    /** Stack config `aws:assumeRoles` naming the deployer role, as the engine would hand it to `configure`. */
    async function configureAssumeRole(): Promise<void> {
        const config = { "aws:assumeRoles": JSON.stringify([{ roleArn: DEPLOYER_ROLE_ARN, sessionName: "least-privilege" }]) } as Record<string, string>;
        await provider.configure({ config: { get: (key: string) => config[key] } } as never);
    }

    /** The full lifecycle through the provider's entry points (account check included), stopping at the first failing step. */
    async function runLifecycle(principal: Principal, reset = true): Promise<{ completed: Step[]; failedAt?: Step; error?: Error }> {
        actAs(principal, reset);
        const completed: Step[] = [];
        let id = "";
        let state: RoleState | undefined;
        const steps: Array<[Step, () => Promise<void>]> = [
            ["create", async () => {
                const created = await guard.watch(`${principal.userName} create`, provider.create(V1));
                ({ id, outs: state } = created);
                expect(state!.ownership).to.equal("created");
                expect((await roleInIam(adminIam, id))?.Description).to.equal(V1.description);
            }],
            ["read", async () => {
                const refreshed = await guard.watch(`${principal.userName} read`, provider.read(id, { ...state! }));
                expect(refreshed.id).to.equal(id);
            }],
            ["update", async () => {
                state = (await guard.watch(`${principal.userName} update`, provider.update(id, state!, V2))).outs;
                const role = await roleInIam(adminIam, id);
                expect(role?.Description).to.equal(V2.description);
                expect(role?.Tags).to.deep.equal([{ Key: "team", Value: "b" }]);
            }],
            ["remove", async () => {
                await guard.watch(`${principal.userName} remove`, provider.delete(id, state!));
                expect(await roleInIam(adminIam, id)).to.equal(undefined);
            }],
            ["adopt", async () => {
                await adminIam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT }));
                const adopted = await guard.watch(`${principal.userName} adopt`, provider.create({ awsServiceName: CONNECT }));
                expect(adopted.outs.ownership).to.equal("adopted");
                await guard.watch(`${principal.userName} forget`, provider.delete(adopted.id, adopted.outs));
                expect(await serviceLinkedRoles(adminIam, CONNECT)).to.have.length(1);
            }],
        ];
        for (const [step, run] of steps) {
            const outcome = await settle(run());
            if (outcome.error) return { completed, failedAt: step, error: outcome.error };
            completed.push(step);
        }
        return { completed };
    }

    describe("the shipped policy", () => {
        it("grants exactly the IAM actions provider/iam calls, one action and one unique Sid per statement", () => {
            const granted = SHIPPED.Statement.flatMap(actionsOf);
            const called = [...actionsCalledByProvider()];
            expect(new Set(granted)).to.deep.equal(new Set(called.filter((a) => a !== NEEDS_NO_PERMISSION)));
            expect(called, "the account lookup").to.include(NEEDS_NO_PERMISSION);
            expect(granted).to.have.length(new Set(granted).size);
            expect(SHIPPED.Statement.every((s) => actionsOf(s).length === 1 && s.Effect === "Allow")).to.equal(true);
            expect(new Set(SHIPPED.Statement.map((s) => s.Sid)).size).to.equal(SHIPPED.Statement.length);
            for (const s of SHIPPED.Statement) expect(s.Sid).to.match(/^[A-Za-z0-9]+$/);
        });

        it("scopes every resource-level action to the Connect service-linked role path; only ListRoles is *", () => {
            for (const s of SHIPPED.Statement) {
                const expected = actionsOf(s)[0] === "iam:ListRoles" ? ["*"] : [CONNECT_ROLES];
                expect(resourcesOf(s), s.Sid).to.deep.equal(expected);
            }
        });

        it("limits CreateServiceLinkedRole to the Connect service with iam:AWSServiceName", () => {
            const createStatement = SHIPPED.Statement.find((s) => actionsOf(s).includes("iam:CreateServiceLinkedRole"));
            expect(createStatement?.Condition).to.deep.equal({ StringEquals: { "iam:AWSServiceName": CONNECT } });
            expect(SHIPPED.Statement.filter((s) => s.Condition).map((s) => s.Sid)).to.deep.equal([createStatement?.Sid]);
        });

        it("the moto copy differs from the shipped policy only in the Resource of the three actions moto evaluates against *", () => {
            const changed = asMotoCanEvaluate(SHIPPED).Statement.filter((s, i) => JSON.stringify(s) !== JSON.stringify(SHIPPED.Statement[i]));
            expect(changed.flatMap(actionsOf).sort()).to.deep.equal(["iam:CreateServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus"]);
            expect(changed.every((s) => s.Resource === "*")).to.equal(true);
        });
    });

    describe("what moto enforces", () => {
        it("request authorization is on after the setup calls: the harness's own keys are refused", async () => {
            const outsider = directIamClient(moto.endpoint);
            const refused = await settle(outsider.send(new ListRolesCommand({})));
            expect(refused.error?.name).to.equal("InvalidClientTokenId");
        });

        it("checks SigV4 signatures: a known key id with the wrong secret is refused", async () => {
            const forged = directIamClient(moto.endpoint, { ...deployer.credentials!, secretAccessKey: "not-the-secret" });
            const refused = await settle(forged.send(new ListRolesCommand({})));
            expect(refused.error?.name).to.equal("SignatureDoesNotMatch");
        });

        it("scopes RoleName calls to the role ARN: GetRole on another service's role is denied", async () => {
            const { Role } = await adminIam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "elasticbeanstalk.amazonaws.com" }));
            const asDeployer = directIamClient(moto.endpoint, deployer.credentials);
            const denied = await settle(asDeployer.send(new GetRoleCommand({ RoleName: Role!.RoleName })));
            expect(denied.error?.message).to.include("is not authorized to perform: iam:GetRole");
            await deleteServiceLinkedRoles(adminIam, "elasticbeanstalk.amazonaws.com");
        });

        it("does NOT evaluate Condition: iam:AWSServiceName = connect still lets the deployer create a Lex role", async () => {
            const asDeployer = directIamClient(moto.endpoint, deployer.credentials);
            const created = await settle(asDeployer.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "lex.amazonaws.com" })));
            expect(created.error, "AWS would deny this; moto allows it").to.equal(undefined);
            await deleteServiceLinkedRoles(adminIam, "lex.amazonaws.com");
        });

        it("does NOT know the resource of CreateServiceLinkedRole or GetServiceLinkedRoleDeletionStatus: the shipped, role-scoped statements are denied", async () => {
            const asShipped = directIamClient(moto.endpoint, unmodified.credentials);
            const createDenied = await settle(asShipped.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: CONNECT })));
            expect(createDenied.error?.message).to.include("is not authorized to perform: iam:CreateServiceLinkedRole");
            const statusDenied = await settle(
                asShipped.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: `task/aws-service-role/${CONNECT}/AWSServiceRoleForconnect/00000000-0000-0000-0000-000000000000` })),
            );
            expect(statusDenied.error?.message).to.include("is not authorized to perform: iam:GetServiceLinkedRoleDeletionStatus");
        });
    });

    describe("what moto enforces: consequences for the provider", () => {
        it("a deployer's refresh of a role deleted out of band fails with AccessDenied (GetRole of a missing role is checked against *)", async () => {
            actAs(deployer);
            const created = await guard.watch("deployer create for refresh", create(V1));
            await deleteServiceLinkedRoles(adminIam, CONNECT);
            const longAgo = new Date(Date.now() - 3_600_000).toISOString();
            const refresh = await settle(guard.watch("deployer refresh of deleted role", read(created.id, { ...created.outs, createDate: longAgo })));
            expect(refresh.value, "AWS may behave the same for a path-scoped GetRole; see docs/reliability.md").to.equal(undefined);
            expect(refresh.error?.message).to.include("is not authorized to perform: iam:GetRole");
        });
    });

    describe("lifecycle as a deployer", () => {
        it("with the whole policy: create, read, update description and tags, delete, and adopt all succeed", async () => {
            const run = await runLifecycle(deployer);
            expect(run.error?.message, "no step fails").to.equal(undefined);
            expect(run.completed).to.deep.equal(["create", "read", "update", "remove", "adopt"]);
        });

        for (const statement of SHIPPED.Statement) {
            const action = actionsOf(statement)[0];
            it(`without ${statement.Sid}: fails at ${FIRST_NEEDED_AT[action]}, naming ${action}`, async () => {
                const principal = minus.find((p) => p.userName === `minus-${statement.Sid}`)!;
                const run = await runLifecycle(principal);
                expect(run.failedAt).to.equal(FIRST_NEEDED_AT[action]);
                expect(run.error?.message).to.include(`is not authorized to perform: ${action}`);
                if (run.failedAt === "create" && action !== "iam:CreateServiceLinkedRole") {
                    // IAM holds the role although create failed: the error must carry its id so Pulumi keeps it in state.
                    const [role] = await serviceLinkedRoles(adminIam, CONNECT);
                    expect((run.error as { id?: string }).id).to.equal(role?.RoleName);
                }
            });
        }

        it("through aws:assumeRoles: a caller allowed only sts:AssumeRole on the deployer role runs the whole lifecycle as that role", async () => {
            await configureAssumeRole();
            try {
                const run = await runLifecycle(caller, false);
                expect(run.error?.message ?? "", "no step fails").to.equal("");
                expect(run.completed).to.deep.equal(["create", "read", "update", "remove", "adopt"]);
            } finally {
                await provider.configure({ config: { get: () => undefined } } as never);
            }
        });

        it("through aws:assumeRoles: a caller without sts:AssumeRole fails at create, naming sts:AssumeRole, and creates nothing", async () => {
            await configureAssumeRole();
            try {
                const run = await runLifecycle(nonCaller, false);
                expect(run.failedAt).to.equal("create");
                expect(run.error?.message).to.include("sts:AssumeRole");
                expect(await serviceLinkedRoles(adminIam, CONNECT)).to.have.length(0);
            } finally {
                await provider.configure({ config: { get: () => undefined } } as never);
            }
        });

        it("no value or error returned to any deployer carries a secret access key or the planted session token", () => {
            const { observed, findings } = guard.report();
            expect(observed).to.be.at.least(10);
            expect(findings).to.deep.equal([]);
        });
    });
});
