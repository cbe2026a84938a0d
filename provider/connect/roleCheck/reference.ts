/**
 * Role references for the live check: a role given by name or ARN, whether it is named like a
 * Connect service-linked role, and whether its trust policy names Connect.
 */
import { ARN_SHAPES } from "../../aws/arn";
import { ConnectConfigError } from "../permissions/config";

/** The Connect service principal the role must trust. */
export const CONNECT_SERVICE_PRINCIPAL = "connect.amazonaws.com";
/** The IAM path AWS gives Connect's service-linked roles. */
export const CONNECT_ROLE_PATH = "/aws-service-role/connect.amazonaws.com/";
const CONNECT_ROLE_NAME = /^AWSServiceRoleForAmazonConnect(_[A-Za-z0-9]+)?$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** A role given by name or ARN, split into its parts. */
export interface RoleReference {
    name: string;
    arn?: string;
    partition?: string;
    account?: string;
    path?: string;
}

/** Parses `AWSServiceRoleForAmazonConnect_abc` or `arn:aws:iam::111122223333:role/aws-service-role/.../Name`. */
export function parseRoleReference(nameOrArn: string): RoleReference {
    if (typeof nameOrArn !== "string" || nameOrArn.trim() === "") {
        throw new ConnectConfigError("role", "must be a role name or role ARN");
    }
    const text = nameOrArn.trim();
    if (text.startsWith("arn:")) {
        const match = ARN_SHAPES.iamRole.exec(text);
        if (!match) throw new ConnectConfigError("role", `"${text}" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<path>/<name>)`);
        return { arn: text, partition: match[1], account: match[2], path: match[3], name: match[4] };
    }
    if (!ROLE_NAME.test(text)) throw new ConnectConfigError("role", `"${text}" is not a valid IAM role name`);
    return { name: text };
}

/** True for `AWSServiceRoleForAmazonConnect` (account-wide, older) and `AWSServiceRoleForAmazonConnect_<id>` (per instance). */
export function isConnectServiceLinkedRoleName(name: string): boolean {
    return CONNECT_ROLE_NAME.test(name);
}

/** True when some Allow statement of a trust policy names the Connect service principal. */
export function trustsConnect(trustPolicy: unknown): boolean {
    const statements = (trustPolicy as { Statement?: unknown })?.Statement;
    const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
    return list.some((s: { Effect?: unknown; Principal?: { Service?: unknown } }) => {
        if (s?.Effect !== "Allow") return false;
        const service = s.Principal?.Service;
        const services = Array.isArray(service) ? service : [service];
        return services.includes(CONNECT_SERVICE_PRINCIPAL);
    });
}

