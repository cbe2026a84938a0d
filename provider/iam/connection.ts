// Moved to provider/aws/connection.ts; this path stays for code (and stored state) that requires it.
export * from "../aws/connection";
