import { DeployerPolicyDocument, deployerPolicyFor } from "../iam/deployerPolicy";
import type { RolloutSpec } from "./spec";
import { ROLLOUT_DEFAULTS } from "./spec";

type Statement = DeployerPolicyDocument["Statement"][number];

/** Options of {@link managementPolicyFor}. */
export interface ManagementPolicyOptions {
    /** AWS partition of the organization. @default "aws" */
    partition?: string;
}

/**
 * The policy the caller needs in the management account (or a delegated administrator account) to
 * run the rollout: the Organizations reads that discovery makes, `sts:AssumeRole` on the member
 * role in every account, and, when the spec includes the management account, the deployer policy
 * of each role there too (its stack acts with the caller's own credentials). STS
 * GetCallerIdentity, which the rollout calls to check each account, needs no permission.
 */
export function managementPolicyFor(spec: Pick<RolloutSpec, "roles" | "memberRole" | "accounts">, options: ManagementPolicyOptions = {}): DeployerPolicyDocument {
    const partition = options.partition ?? "aws";
    const roleName = spec.memberRole?.name ?? ROLLOUT_DEFAULTS.memberRoleName;
    const statements: Statement[] = [
        {
            Sid: "DiscoverOrganizationAccounts",
            Effect: "Allow",
            Action: ["organizations:DescribeOrganization", "organizations:ListAccounts", "organizations:ListAccountsForParent", "organizations:ListChildren"],
            Resource: "*",
        },
        { Sid: "AssumeMemberRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:${partition}:iam::*:role/${roleName}` },
    ];
    if (spec.accounts?.managementAccount) statements.push(...memberPolicyFor(spec).Statement.map((s) => ({ ...s, Sid: `Management${s.Sid}` })));
    return { Version: "2012-10-17", Statement: statements };
}

/**
 * The policy the member role needs in each account: the deployer policy of every role in the spec
 * (one set of statements per service principal), exactly what `ServiceLinkedRole` calls.
 */
export function memberPolicyFor(spec: Pick<RolloutSpec, "roles">): DeployerPolicyDocument {
    const services = [...new Set(spec.roles.map((r) => r.awsServiceName))];
    const statements = services.flatMap((service) =>
        deployerPolicyFor(service).Statement.map((s) => ({ ...s, Sid: services.length === 1 ? s.Sid : `${s.Sid}${sidSuffix(service)}` })),
    );
    return { Version: "2012-10-17", Statement: dedupe(statements) };
}

/** IAM Sids are alphanumeric: `elasticbeanstalk.amazonaws.com` becomes `Elasticbeanstalk`. */
function sidSuffix(service: string): string {
    const head = service.split(".")[0].replace(/[^A-Za-z0-9]/g, "");
    return head.charAt(0).toUpperCase() + head.slice(1);
}

/** Statements that are identical but for their Sid (`iam:ListRoles` on `*`) appear once. */
function dedupe(statements: Statement[]): Statement[] {
    const seen = new Set<string>();
    return statements.filter((s) => {
        const key = JSON.stringify({ ...s, Sid: undefined });
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
