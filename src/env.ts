/**
 * Every environment variable Trailwatch reads, in one place: its name, who reads it, what it
 * means and its default. docs/environment.md is generated from this list (a test keeps it
 * current), and this file is the only one that touches `process.env`: everything else is
 * handed an `Env` (tests pass their own) and reads it with `readEnv`, which only accepts a
 * declared name.
 */
import { buildRegistry } from "./registry.js";

/** The environment as Trailwatch reads it: the process's, or one a test passes. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvVar {
  readonly name: string;
  /** Who reads it: Trailwatch's Lambda function, its CLI, its scripts, or a library it uses. */
  readonly readBy: string;
  readonly meaning: string;
  /** What applies when it is unset or empty ("" when nothing does). */
  readonly default: string;
}

const DECLARED = [
  { name: "TRAILWATCH_STATE_TABLE", readBy: "Lambda; `redrive`, `silence`, `explain`, `render`", meaning: "DynamoDB table for dedupe, throttling, the delivery ledger, silences and Slack threads (the `silence` commands and the `interact` function need it). Unset: no noise control (the function warns once per container).", default: "" },
  { name: "TRAILWATCH_SNS_TOPIC_ARN", readBy: "the shipped `trailwatch.yml` (`${...}`)", meaning: "SNS topic of the `email` destination; unset switches the destination off with a warning.", default: "" },
  { name: "TRAILWATCH_SLACK_CHANNEL", readBy: "the shipped `trailwatch.yml` (`${...}`)", meaning: "Slack channel id of the `slack` destination; unset switches the destination off with a warning.", default: "" },
  { name: "SLACK_BOT_TOKEN_PARAMETER", readBy: "Lambda; `send`, `redrive`, `fire-drill`", meaning: "Name of the SSM SecureString holding the Slack bot token (the Lambda reads it through @middy/ssm, cached 5 minutes).", default: "" },
  { name: "SLACK_BOT_TOKEN", readBy: "Lambda; `send`, `redrive`, `fire-drill`", meaning: "The Slack bot token itself, for local runs only; wins over SLACK_BOT_TOKEN_PARAMETER.", default: "" },
  { name: "SLACK_SIGNING_SECRET_PARAMETER", readBy: "Lambda `interact`", meaning: "Name of the SSM SecureString holding the Slack app's signing secret (read through @middy/ssm, cached 5 minutes); button clicks are verified with it.", default: "" },
  { name: "SLACK_SIGNING_SECRET", readBy: "Lambda `interact`", meaning: "The signing secret itself, for local runs only; SLACK_SIGNING_SECRET_PARAMETER wins when set.", default: "" },
  { name: "USER", readBy: "`silence add`", meaning: "Who creates a silence when `--by` is not given.", default: "" },
  { name: "SLACK_API_URL", readBy: "Lambda; CLI", meaning: "Base URL of the Slack Web API (a local stand-in in tests and offline runs).", default: "https://slack.com/api/" },
  { name: "POWERTOOLS_SERVICE_NAME", readBy: "Lambda (and Powertools)", meaning: "`service` key of every log line.", default: "trailwatch" },
  { name: "TRAILWATCH_DRILL_ACCOUNT", readBy: "`fire-drill`", meaning: "Account id written into the synthetic drill record.", default: "000000000000" },
  { name: "AWS_REGION", readBy: "`fire-drill` (and the AWS SDK)", meaning: "Region written into the synthetic drill record; the SDK's region.", default: "us-east-1" },
  { name: "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>", readBy: "the AWS SDK", meaning: "Endpoint override (SNS, SSM, SQS, DynamoDB, EventBridge): a local server in tests and offline runs.", default: "the service's AWS endpoint" },
  { name: "TRAILWATCH_STACK", readBy: "Lambda; `validate`, `patterns`, `verify`, packaging", meaning: "Stack name (`<service>-<stage>`) for `${deployment.stack}` in policies: the prefix of the names the stack creates (src/policy/deployment.ts). Set by the stack.", default: "trailwatch-dev (the example deployment)" },
  { name: "TRAILWATCH_EXPECTED_REGIONS", readBy: "Lambda; `validate`, `patterns`, `verify`, packaging", meaning: "Comma-separated Regions for `${deployment.expectedRegions}` (incident-manager.unexpected-region and its compiled rule). Set by the stack from params expectedRegions / forwarderRegions.", default: "us-east-1, us-west-2 (the example deployment)" },
  { name: "TRAILWATCH_SLACK_TOKEN_PARAMETER", readBy: "Lambda; `validate`, `patterns`, `verify`, packaging", meaning: "Name of the Slack token parameter for `${deployment.slackTokenParameter}` (watched by self-protection), set even when Slack is off.", default: "/trailwatch/dev/slack-bot-token (the example deployment)" },
  { name: "TRAILWATCH_ALERT_KEY_ARN", readBy: "Lambda; `validate`, `patterns`, `verify`", meaning: "ARN of the stack's KMS key for `${deployment.alertKeyArn}` (watched by self-protection). Set by the stack.", default: "the example deployment's key ARN" },
  { name: "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", readBy: "the AWS SDK; the CLI sets it", meaning: "`true` stops the SDK's Node.js version notice; every `trailwatch` command sets it unless it is already set (the notice is about the SDK's schedule, not the command's output).", default: "true in the CLI" },
  { name: "IS_LOCAL", readBy: "Lambda (set by `serverless invoke local`)", meaning: "`true` under `serverless invoke local`: the Slack token is fetched once per process, without middy's 5-minute refresh timer, which would keep the local run from ever exiting.", default: "unset (deployed)" },
  { name: "TRAILWATCH_STAND_INS_PORTS", readBy: "`npm run local:stand-ins`", meaning: "`free`: the stand-ins take free ports instead of 4566-4569 (what the tests that run the documented local steps set, so a stand-in left running cannot collide with them).", default: "fixed ports 4566-4569" },
  { name: "POWERTOOLS_LOG_LEVEL", readBy: "Powertools", meaning: "Log level of the Lambda function's logger.", default: "INFO" },
  { name: "POWERTOOLS_METRICS_NAMESPACE", readBy: "Lambda (and Powertools)", meaning: "CloudWatch namespace of the function's metrics (AlertsDelivered, AlertsFailed, AlertsDegraded, SummariesOwed, SummariesSent; docs/reliability.md). Deployed: `Trailwatch/<stage>`, which the alarms watch.", default: "Trailwatch" },
  { name: "POWERTOOLS_METRICS_DISABLED", readBy: "Powertools", meaning: "`true` stops the metric lines (the tests set it; the fault scenarios switch it off again).", default: "false" },
  { name: "EVENT_RULER_ORACLE", readBy: "`npm run fuzz:oracle`", meaning: "Command that runs the aws/event-ruler oracle (see docs/pattern-engine.md).", default: "tools/event-ruler/oracle in the repository" },
  { name: "FUZZ_SEED", readBy: "`npm run fuzz:oracle`", meaning: "Seed of the generated cases (the same seed replays the same run).", default: "20240611" },
  { name: "FUZZ_CASES", readBy: "`npm run fuzz:oracle`", meaning: "Number of generated cases.", default: "20000" },
  { name: "MUTATION_TEST_FILES", readBy: "`npm run mutation -- --quick` (set by it for vitest.mutation.config.ts)", meaning: "Comma-separated test globs the mutation run's vitest includes instead of the whole suite (docs/testing.md).", default: "unset: the whole suite" },
] as const satisfies readonly EnvVar[];

/** A variable Trailwatch's own code reads (library-only variables are documented, not read). */
export type EnvName = (typeof DECLARED)[number]["name"];

export const ENV_VARS: ReadonlyMap<string, EnvVar> = buildRegistry("environment variable", DECLARED, (v) => v.name);

/** The process's environment: the one read of `process.env` in Trailwatch. */
export function processEnv(): Env {
  return process.env;
}

/** The AWS SDK's own switch for its Node.js version notice, set by the CLI before any client is built. */
export function quietSdkNodeNotice(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}

/** A declared variable's value; empty counts as unset. */
export function readEnv(env: Env, name: EnvName): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** docs/environment.md. */
export function envDoc(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = [...ENV_VARS.values()].map((v) => `| \`${v.name}\` | ${cell(v.readBy)} | ${cell(v.meaning)} | ${v.default === "" ? "(unset)" : cell(v.default)} |`);
  return [
    "# Environment variables",
    "",
    "Generated from `src/env.ts` (the one module that reads the environment); `test/env.test.ts`",
    "fails when this file is stale (regenerate: `UPDATE_DOCS=1 npx vitest run test/env.test.ts`).",
    "",
    "| Variable | Read by | Meaning | Default |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
