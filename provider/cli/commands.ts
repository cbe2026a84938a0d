/** The CLI's subcommands, in the order the help lists them. A new command is one more entry. */
import { checkRoleCommand } from "./checkRole";
import { claimsCommand } from "./claims";
import type { Command } from "./command";
import { requiredPolicyCommand } from "./requiredPolicy";
import { rolloutCommand } from "./rollout";

export const COMMANDS: readonly Command[] = [checkRoleCommand, requiredPolicyCommand, claimsCommand, rolloutCommand];
