/** `required-policy`: prints the IAM policy that grants exactly what the given features need. */
import { ConnectPermissionConfig } from "../connect/permissions/model";
import { requiredPolicyDocument } from "../connect/permissions/statements";
import { Command, EXIT, UsageError } from "./command";
import { buildConfig, FEATURE_OPTIONS, SCOPE_OPTIONS } from "./connectOptions";

export const requiredPolicyCommand: Command = {
    name: "required-policy",
    summary: "Print the IAM policy (JSON) that Connect's role needs for the given features.",
    usage: "required-policy (--account <id> | --role <arn>) [options]",
    description: "Prints the IAM policy document that grants exactly the permissions Amazon Connect needs for the features given by the options below. It reads nothing from AWS.",
    options: {
        role: { type: "string", value: "<arn>", help: "A role ARN to take the account and partition from." },
        ...SCOPE_OPTIONS,
        ...FEATURE_OPTIONS,
    },
    run({ values, io }) {
        const config = buildConfig(values, io.env);
        if (!config.account) throw new UsageError("required-policy needs --account, or --role given as an ARN");
        io.out(`${JSON.stringify(requiredPolicyDocument(config as ConnectPermissionConfig), null, 2)}\n`);
        return EXIT.ok;
    },
};
