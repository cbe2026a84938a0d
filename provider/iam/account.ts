// Moved to provider/aws/ (account.ts, gate.ts, arn.ts); this path stays for code (and stored state) that requires it.
export { callerAccount } from "../aws/account";
export { accountFromArn } from "../aws/arn";
export { AccountExpectation, AccountMismatchError, refuseDisallowedAccount, verifyAccount } from "../aws/gate";
