// Moved to provider/aws/client.ts; this path stays for code (and stored state) that requires it.
export * from "../aws/client";
