/**
 * The `pulumi-service-linked-role` command, run as a separate process against moto.
 */
import { AttachRolePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { useMoto } from "../harness/fixtures";
import { expect } from "chai";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, testCredentials } from "../harness/moto";

const ACCOUNT = "123456789012";
const SLR_PATH = "/aws-service-role/connect.amazonaws.com/";
const MANAGED = "arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy";
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "connect.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const CLI = path.join(repoRoot, "provider", "cli", "main.ts");
const LEX = `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowers`;

/** Lines wider than the 100 columns the CLI promises. */
function longLines(text: string): string[] {
    return text.split("\n").filter((line) => line.length > 100);
}

/** The per-feature lines under "NOT OK". */
function summaryLines(text: string): string[] {
    return text.split("\n").filter((line) => line.startsWith("  - "));
}

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the CLI with a clean AWS environment pointing at `endpoint` (or at nothing). */
function runCli(args: string[], endpoint?: string, extraEnv: Record<string, string> = {}): Promise<Run> {
    return spawnRun(process.execPath, ["--import", "tsx", CLI, ...args], cliEnv(endpoint, extraEnv));
}

/**
 * Runs the CLI with a pseudo-terminal as standard output, through util-linux `script`, which
 * reports the terminal's output (with CRLF line ends) on its own standard output.
 */
function runCliOnTerminal(args: string[], endpoint?: string, extraEnv: Record<string, string> = {}): Promise<Run> {
    const command = [process.execPath, "--import", "tsx", CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    return spawnRun("script", ["-qec", command, "/dev/null"], cliEnv(endpoint, { TERM: "xterm", ...extraEnv }));
}

/** A clean AWS environment pointing at `endpoint` (or at nothing). */
function cliEnv(endpoint: string | undefined, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
    Object.assign(env, { AWS_EC2_METADATA_DISABLED: "true" }, extraEnv);
    if (endpoint) {
        Object.assign(env, {
            AWS_ENDPOINT_URL_IAM: endpoint,
            // A role given by ARN names its account, which the CLI verifies with STS (moto serves both).
            AWS_ENDPOINT_URL_STS: endpoint,
            AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
            AWS_SESSION_TOKEN: testCredentials.sessionToken,
            AWS_REGION: "us-east-1",
            AWS_MAX_ATTEMPTS: "1",
        });
    }
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    return { ...env, ...extraEnv };
}

function spawnRun(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

describe("CLI: pulumi-service-linked-role check-role", function () {
    this.timeout(120_000);
    const fx = useMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: "true" });

    before(async () => {
        const { iam } = fx;
        // One role with only the managed policy, one that also has the inline policy Connect would add
        // for a Lex bot, and one with an explicit Deny.
        for (const name of ["AWSServiceRoleForAmazonConnect_base", "AWSServiceRoleForAmazonConnect_lex", "AWSServiceRoleForAmazonConnect_deny"]) {
            await iam.send(new CreateRoleCommand({ RoleName: name, Path: SLR_PATH, AssumeRolePolicyDocument: TRUST }));
            await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: MANAGED }));
        }
        await iam.send(
            new PutRolePolicyCommand({
                RoleName: "AWSServiceRoleForAmazonConnect_lex",
                PolicyName: "LexBots",
                PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PostContent", Effect: "Allow", Action: "lex:PostContent", Resource: LEX }] }),
            }),
        );
        await iam.send(
            new PutRolePolicyCommand({
                RoleName: "AWSServiceRoleForAmazonConnect_deny",
                PolicyName: "Guardrails",
                PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NoDeletes", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] }),
            }),
        );
    });

    it("exits 0 and prints the table when every permission is allowed", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_lex", "--recordings-bucket", "amazon-connect-abc/rec", "--lex-bot", LEX, "--flow-log-group", "/aws/connect/alias"], fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(0);
        expect(run.stdout).to.match(/^FEATURE: RESOURCE\n\s+RESULT\s+ACTION\s+STATEMENT$/m);
        expect(run.stdout).to.contain(`lexBots: ${LEX}\n`);
        expect(run.stdout).to.match(/^lexBots: \S+\n {2}allowed {2}lex:PostContent +LexBots#PostContent$/m);
        expect(run.stdout).to.contain("OK: all 12 required permissions are allowed.");
    });

    it("exits 1 and lists what is missing", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_base", "--lex-bot", LEX, "--kinesis-stream", `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/ctr`], fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(1);
        expect(run.stdout).to.match(/^lexBots: \S+\n\s+MISSING\s+lex:PostContent\s+-$/m);
        expect(run.stdout).to.contain("NOT OK: 4 of 5 required permissions are not allowed, in 2 features:");
        expect(summaryLines(run.stdout)).to.deep.equal([
            "  - kinesisStreams: 3 MISSING of 3: kinesis:PutRecord, kinesis:PutRecords, kinesis:DescribeStream",
            "  - lexBots: 1 MISSING of 1: lex:PostContent",
        ]);
    });

    it("fits 100 columns with long ARNs, with one summary line per failing feature and every detail in --json", async () => {
        const longArns = [
            `arn:aws:lex:us-east-1:${ACCOUNT}:bot:OrderFlowersForTheAcmeSupportContactCenterInstance`,
            `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/contact-trace-records-for-the-acme-support-instance`,
            `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/agent-events-for-the-acme-support-instance`,
        ];
        const args = ["check-role", "--role", "AWSServiceRoleForAmazonConnect_deny", "--lex-bot", longArns[0], "--kinesis-stream", longArns[1], "--firehose-stream", longArns[2]];
        args.push("--recordings-bucket", "amazon-connect-recordings-for-the-acme-support-instance/recordings/2026", "--reports-bucket", "corp-reports/exports");
        const run = await runCli(args, fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(1);
        expect(longLines(run.stdout)).to.deep.equal([]);
        const summary = summaryLines(run.stdout);
        expect(summary.map((line) => /^  - (\w+):/.exec(line)?.[1])).to.deep.equal(["callRecordings", "exportedReports", "kinesisStreams", "firehoseStreams", "lexBots"]);
        expect(summary[0]).to.match(/callRecordings: 1 DENIED of 7: s3:DeleteObject$/);
        const json = JSON.parse((await runCli([...args, "--json"], fx.moto.endpoint)).stdout);
        for (const arn of longArns) expect(json.missing.map((m: { resource: string }) => m.resource)).to.include(arn);
        expect(json.missing.find((m: { action: string }) => m.action === "s3:DeleteObject").detail).to.contain("Guardrails#NoDeletes");
    });

    it("colours results on a terminal, and not with NO_COLOR or when piped", async function () {
        const args = ["check-role", "--role", "AWSServiceRoleForAmazonConnect_deny", "--transcripts-bucket", "amazon-connect-abc"];
        const piped = await runCli(args, fx.moto.endpoint);
        expect(piped.stdout).to.not.contain("\x1b[");
        const tty = await runCliOnTerminal(args, fx.moto.endpoint);
        expect(tty.stdout).to.contain("\x1b[32mallowed\x1b[39m").and.to.contain("\x1b[31mDENIED\x1b[39m");
        const noColor = await runCliOnTerminal(args, fx.moto.endpoint, { NO_COLOR: "1" });
        expect(noColor.stdout).to.contain("DENIED").and.to.not.contain("\x1b[");
    });

    it("exits 1 on an explicit Deny and names the statement", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_deny", "--transcripts-bucket", "amazon-connect-abc"], fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(1);
        expect(run.stdout).to.match(/^\s+DENIED\s+s3:DeleteObject\s+Guardrails#NoDeletes$/m);
    });

    it("prints the report as JSON with --json", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_base", "--reports-bucket", "corp-reports/exports", "--json"], fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(1);
        const report = JSON.parse(run.stdout);
        expect(report.ok).to.equal(false);
        expect(report.account).to.equal(ACCOUNT);
        expect(report.missing.map((m: { action: string; resource: string }) => `${m.action} ${m.resource}`)).to.deep.equal([
            "s3:PutObject arn:aws:s3:::corp-reports/exports/*",
            "s3:PutObjectAcl arn:aws:s3:::corp-reports/exports/*",
            "s3:GetObjectAcl arn:aws:s3:::corp-reports/exports/*",
        ]);
    });

    it("accepts the role as an ARN and a region flag", async () => {
        const arn = `arn:aws:iam::${ACCOUNT}:role${SLR_PATH}AWSServiceRoleForAmazonConnect_base`;
        const run = await runCli(["check-role", "--role", arn, "--region", "eu-west-2", "--flow-log-group", "/aws/connect/x"], fx.moto.endpoint);
        expect(run.code, run.stderr).to.equal(0);
        expect(run.stdout).to.contain(`Scope:    account ${ACCOUNT}, region eu-west-2, partition aws`);
        expect(run.stdout).to.contain(`arn:aws:logs:eu-west-2:${ACCOUNT}:log-group:/aws/connect/x:*`);
    });

    it("never prints credentials", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_base", "--json"], fx.moto.endpoint);
        for (const secret of Object.values(testCredentials)) {
            expect(run.stdout + run.stderr).to.not.contain(secret);
        }
    });

    it("exits 3 with the failing operation when the role does not exist", async () => {
        const run = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect_nope"], fx.moto.endpoint);
        expect(run.code).to.equal(3);
        expect(run.stderr).to.contain("GetRole failed for role AWSServiceRoleForAmazonConnect_nope");
    });
});

describe("CLI: usage and required-policy", function () {
    this.timeout(60_000);

    it("prints the commands with --help and exits 0", async () => {
        const run = await runCli(["--help"]);
        expect(run.code).to.equal(0);
        expect(run.stdout).to.contain("Usage: pulumi-service-linked-role <command> [options]");
        expect(run.stdout).to.match(/^  check-role +Check that/m).and.to.match(/^  required-policy +Print/m);
        expect(run.stdout).to.contain("--version");
    });

    it("prints each command's own help, with only the options that apply to it", async () => {
        const check = await runCli(["check-role", "--help"]);
        expect(check.code).to.equal(0);
        expect(check.stdout).to.contain("Usage: pulumi-service-linked-role check-role --role <name|arn> [options]");
        for (const option of ["--role", "--recordings-bucket", "--context", "--missing-keys", "--profile", "--json"]) expect(check.stdout).to.contain(option);
        expect(check.stdout).to.not.contain("required-policy");
        const policy = await runCli(["required-policy", "-h"]);
        expect(policy.code).to.equal(0);
        expect(policy.stdout).to.contain("Usage: pulumi-service-linked-role required-policy");
        expect(policy.stdout).to.contain("--lex-bot").and.to.contain("--account");
        for (const option of ["--context", "--missing-keys", "--profile", "--json"]) expect(policy.stdout).to.not.contain(option);
        const viaHelp = await runCli(["help", "required-policy"]);
        expect(viaHelp.stdout).to.equal(policy.stdout);
        for (const text of [check.stdout, policy.stdout]) expect(longLines(text)).to.deep.equal([]);
    });

    it("refuses an option of another command, pointing at that command's help", async () => {
        const run = await runCli(["required-policy", "--account", ACCOUNT, "--region", "us-east-1", "--json"]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.contain("--json").and.to.contain('Run "pulumi-service-linked-role required-policy --help"');
    });

    it("prints the package version with --version", async () => {
        const run = await runCli(["--version"]);
        expect(run.code).to.equal(0);
        expect(run.stdout.trim()).to.equal(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
    });

    it("exits 2 with a hint for an unknown option", async () => {
        const run = await runCli(["check-role", "--role", "r", "--bogus"]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.contain("--bogus").and.contain("--help");
    });

    it("exits 2 for an unknown command or no command", async () => {
        const unknown = await runCli(["check-everything"]);
        expect(unknown.code).to.equal(2);
        expect(unknown.stderr).to.contain('unknown command "check-everything"');
        const none = await runCli([]);
        expect(none.code).to.equal(2);
        expect(none.stdout).to.contain("Usage:");
    });

    it("exits 2 when --role or the region is missing, or a value is invalid", async () => {
        const noRole = await runCli(["check-role", "--region", "us-east-1"]);
        expect(noRole.code).to.equal(2);
        expect(noRole.stderr).to.contain("--role");
        const noRegion = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect"]);
        expect(noRegion.code).to.equal(2);
        expect(noRegion.stderr).to.contain("--region is required");
        const badBucket = await runCli(["check-role", "--role", "AWSServiceRoleForAmazonConnect", "--region", "us-east-1", "--recordings-bucket", "Bad_Bucket"]);
        expect(badBucket.code).to.equal(2);
        expect(badBucket.stderr).to.contain("--recordings-bucket").and.contain("not a valid S3 bucket name");
    });

    it("prints the required policy as JSON", async () => {
        const run = await runCli(["required-policy", "--region", "us-east-1", "--account", ACCOUNT, "--lex-bot", LEX, "--recordings-bucket", "corp-rec/calls"]);
        expect(run.code, run.stderr).to.equal(0);
        const document = JSON.parse(run.stdout);
        expect(document.Version).to.equal("2012-10-17");
        expect(document.Statement.map((s: { Sid: string }) => s.Sid)).to.deep.equal(["ConnectActions", "CallRecordingsObjects", "CallRecordingsBucket", "LexBots"]);
        expect(document.Statement[1].Resource).to.deep.equal(["arn:aws:s3:::corp-rec/calls/*"]);
    });

    it("requires an account for required-policy", async () => {
        const run = await runCli(["required-policy", "--region", "us-east-1"]);
        expect(run.code).to.equal(2);
        expect(run.stderr).to.contain("--account");
    });
});
