/** `claims`: lists, or clears, the claims that stacks have written on a shared service-linked role. */
import { AmbiguousClaimError, clearClaim, listClaims } from "../iam/claims";
import { closeConnections, connectionFor } from "../aws/connection";
import { withAccountScope } from "../aws/gate";
import { isAccountId } from "../aws/arn";
import { Command, connectionOf, EXIT, UsageError } from "./command";

export const claimsCommand: Command = {
    name: "claims",
    summary: "List the stacks that claim a service-linked role, or clear a stale claim.",
    usage: "claims --role <name> [--clear <key>] [options]",
    description:
        "Each ServiceLinkedRole writes a claim (an IAM tag pulumi-slr-claim:<claim id>, its value project/stack/resource) on the role it " +
        "manages, and delete removes a role only when no other claim remains. A stack removed without `pulumi destroy` leaves its claim " +
        "behind; list the claims, then clear the stale one with --clear, giving its tag key (or its claimant, when only one claim reads so: " +
        "same-named stacks in two backends share a claimant, and are told apart only by key). Credentials come from the AWS SDK's " +
        "default chain (environment, profiles, SSO, instance metadata).",
    options: {
        role: { type: "string", value: "<name>", help: "The service-linked role's name." },
        clear: { type: "string", value: "<key>", help: "Remove this claim: its tag key, or its claimant if no other claim reads the same." },
        region: { type: "string", value: "<region>", help: "Region to sign requests in (IAM is global). Default: the SDK's chain." },
        profile: { type: "string", value: "<name>", help: "Named profile from the shared AWS config files." },
        account: { type: "string", value: "<id>", help: "Refuse, before any IAM call, unless the credentials act in this 12-digit account." },
        json: { type: "boolean", help: "Print JSON instead of text." },
    },
    async run({ values, io }) {
        const role = values.role;
        if (typeof role !== "string" || role.length === 0) throw new UsageError("claims needs --role <name>");
        const expected = values.account as string | undefined;
        if (expected !== undefined && !isAccountId(expected)) throw new UsageError(`--account must be a 12-digit account id, got "${expected}"`);
        // The connection's IAM client goes through the account gate like the provider's own calls.
        const client = connectionFor(connectionOf(values)).iam;
        return withAccountScope({ subject: `Role ${role}`, expected }, async () => {
        try {
            if (typeof values.clear === "string") {
                let removed: string[];
                try {
                    removed = await clearClaim(client, role, values.clear);
                } catch (err) {
                    if (!(err instanceof AmbiguousClaimError)) throw err;
                    io.err(`${err.message}\n`);
                    return EXIT.usage;
                }
                if (removed.length === 0) {
                    io.err(`No claim of ${values.clear} on role ${role}.\n`);
                    return EXIT.missing;
                }
                io.out(values.json ? `${JSON.stringify({ role, removed })}\n` : `Removed ${removed.join(", ")} from role ${role}.\n`);
                return EXIT.ok;
            }
            const claims = await listClaims(client, role);
            if (!claims) throw new Error(`role ${role} does not exist (GetRole answered NoSuchEntity)`);
            if (values.json) io.out(`${JSON.stringify({ role, claims }, null, 2)}\n`);
            else if (claims.length === 0) io.out(`Role ${role} has no claims.\n`);
            else io.out(claims.map((c) => `${c.claimant}  (${c.key}${c.legacy ? ", written by version 0.1" : ""})`).join("\n") + "\n");
            return EXIT.ok;
        } finally {
            closeConnections();
        }
        });
    },
};

