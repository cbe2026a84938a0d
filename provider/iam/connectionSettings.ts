// Moved to provider/aws/connectionSettings.ts; this path stays for code (and stored state) that requires it.
export * from "../aws/connectionSettings";
