/**
 * `pulumi-service-linked-role/org`: service-linked roles rolled out across the accounts of an AWS
 * Organization, one Pulumi stack per account (`<project>/<account-id>`), driven by the Automation
 * API. The same as the CLI's `rollout` command. See docs/org-rollout.md.
 * @packageDocumentation
 */
export { RolloutSpec, RolloutRoleSpec, RolloutAccountsSpec, RolloutMemberRoleSpec, RolloutBackendSpec, ResolvedSpec, ROLLOUT_DEFAULTS } from "./spec";
export { validateSpec, RolloutSpecError } from "./specValidation";
export { loadSpecFile, parseSpecText } from "./specFile";
export { runRollout, RolloutOptions, DEFAULT_PARALLEL } from "./rollout";
export { RolloutEngineOptions } from "./engine";
export { RolloutOperation, Shard, AccountTask, parseShard, shardOf, planTasks } from "./plan";
export { OrgAccount, Discovery, discoverAccounts } from "./discovery";
export { AccountResult, AccountOutcome, RoleReport, RolloutReport, isConverged } from "./results";
export { accountLine, summaryTable, markdownSummary, progressBar } from "./report";
export { managementPolicyFor, memberPolicyFor, ManagementPolicyOptions } from "./permissions";
export { memberRoleArn } from "./reach";
