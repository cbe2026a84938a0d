// ARN parsing shared by every layer. The format is `arn:partition:service:region:account-id:resource`
// (IAM User Guide, "IAM identifiers" / AWS General Reference, "Amazon Resource Names"); IAM ARNs
// leave the region empty, S3 bucket ARNs leave both region and account empty.

/** The fields of an ARN. `resource` is everything after the account field (it may hold `:` and `/`). */
export interface Arn {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const ARN = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/;

/** Splits an ARN into its fields, or undefined when the text is not an ARN. */
export function parseArn(arn: unknown): Arn | undefined {
    if (typeof arn !== "string") return undefined;
    const match = ARN.exec(arn);
    if (!match) return undefined;
    const [, partition, service, region, account, resource] = match;
    return { partition, service, region, account, resource };
}

/** The 12-digit account id in an ARN (`arn:aws:iam::123456789012:role/...`), or undefined. */
export function accountFromArn(arn: unknown): string | undefined {
    const account = parseArn(arn)?.account;
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: unknown): value is string {
    return typeof value === "string" && /^\d{12}$/.test(value);
}
