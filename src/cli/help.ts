import { existsSync, readFileSync } from "node:fs";
import { writeLine, type Command, type Io } from "./io.js";

/** What each flag does, wherever it appears (one home: every command's usage names its flags). */
const FLAG_HELP: ReadonlyMap<string, string> = new Map([
  ["rules", "directory of policies, <service>/<name>.yml (default: rules)"],
  ["strict", "warnings fail too (exit 1): use in CI"],
  ["policy", "only this policy id (did-you-mean when it names none)"],
  ["event", "input: a CloudTrail record, EventBridge envelope, S3 log file, JSON lines, gzipped or not; - for stdin"],
  ["json", "machine-readable output: one object per policy that fired"],
  ["all", "also show policies that missed on eventName or eventSource"],
  ["format", "slack (default), email or json"],
  ["config", "routing config (default: trailwatch.yml)"],
  ["destination", "only this destination of the routing config (repeatable)"],
  ["print", "print the drill envelope or policy instead of sending"],
  ["markdown", "the table of docs/policies.md"],
  ["since", "only records at or after this ISO 8601 time"],
  ["until", "only records before this ISO 8601 time"],
  ["workers", "worker threads (0: the main thread); replay chooses by default"],
  ["allow-missing", "skip PATHs that do not exist instead of failing"],
  ["pattern", "EventBridge event pattern, as JSON"],
  ["explain", "say field by field why the pattern did or did not match"],
  ["queue-url", "the dead-letter queue to re-deliver from"],
  ["max", "at most this many messages"],
  ["dry-run", "show what would be re-delivered; change nothing"],
  ["engine", "duckdb (default: local files) or athena (the CloudTrail table)"],
  ["database", "athena: the Glue database holding the table (default: default)"],
  ["table", "athena: the CloudTrail table (default: cloudtrail_logs)"],
  ["workgroup", "athena: the workgroup to run in"],
  ["output", "athena: s3:// location for query results (unless the workgroup sets one)"],
  ["region", "athena: AWS region (default: the SDK's, e.g. AWS_REGION)"],
  ["dialect", "duckdb (default) or athena: which query to print"],
  ["bucket", "the trail's S3 bucket"],
  ["prefix", "the trail's S3 key prefix, before AWSLogs/"],
  ["org-id", "organization trail: o-... (its id sits in the log paths)"],
  ["name", "the table name (default: cloudtrail_logs)"],
  ["accounts", "account ids to project, comma-separated"],
  ["regions", "regions to project, comma-separated (default: every commercial region)"],
  ["start-day", "first day projected, YYYY/MM/DD (default: 2024/01/01)"],
]);

/** `--rules DIR` and `--strict` from `validate [--rules DIR] [--strict]`, in order. */
function flagsOf(usage: string): { flag: string; arg: string }[] {
  return [...usage.matchAll(/--([a-z-]+)(?: ([A-Z|a-z.-]+(?:\|[^\]\s]+)?))?/g)].map((m) => ({ flag: m[1] as string, arg: m[2] ?? "" }));
}

/** `trailwatch <command> --help`: the usage, what it does, each option. */
export function commandHelp(command: Command, io: Io): void {
  const flags = flagsOf(command.usage).map(({ flag, arg }) => [`--${flag}${arg ? ` ${arg}` : ""}`, FLAG_HELP.get(flag) ?? ""] as const);
  const rows = [...flags, ["-h, --help", "show this help"] as const];
  const width = Math.max(...rows.map(([left]) => left.length));
  writeLine(io.stdout, `Usage: trailwatch ${command.usage}\n\n${command.summary}\n\nOptions:`);
  for (const [left, text] of rows) writeLine(io.stdout, `  ${left.padEnd(width)}  ${text}`.trimEnd());
  writeLine(io.stdout, "\nExit codes: 0 ok, 1 findings or failures, 2 usage or input error.");
}

/** The version in package.json (the CLI runs from src/cli in tests and dist/src/cli when built). */
export function version(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    const file = new URL(up, import.meta.url);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "trailwatch" && typeof pkg.version === "string") return pkg.version;
  }
  return "unknown";
}
