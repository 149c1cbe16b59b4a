import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { createAlertHandler, type CloudTrailEvent } from "../../../src/handler/lambda.js";
import { loadPolicies } from "../../../src/policy/load.js";
import { createPolicySet } from "../../../src/policy/policy-set.js";
import type { Policy } from "../../../src/policy/types.js";
import { loadRoutingConfigText } from "../../../src/routing/config.js";
import { runCli, type CliResult } from "../../support/cli.js";
import { lambdaContext } from "../../support/lambda-context.js";
import { repoRoot } from "../../support/shared.js";
import { startSlackServer, type SlackPost, type SlackServer } from "../../support/slack-server.js";
import { startSnsServer, type PublishedMessage, type SnsServer } from "../../support/sns-server.js";
import { startSsmServer, type SsmServer } from "../../support/ssm-server.js";
import { RULES_DIR } from "./manifest.js";

/**
 * The handler wired as in test/handler/alert-handler.test.ts (local SNS, Slack and SSM, the
 * Slack token read from SSM), plus `eval` run in-process on files in a temporary directory.
 */
const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const TOKEN = "xoxb-1111-2222-test-token";

export type AlertHandler = ReturnType<typeof createAlertHandler>;

/** What one handler invocation returned, or threw. */
export interface Outcome {
  readonly result: unknown;
  readonly error: unknown;
}

/** Concurrent invocations (as Lambda runs them), and everything that reached SNS and Slack meanwhile. */
export interface Invocations {
  readonly outcomes: Outcome[];
  readonly published: PublishedMessage[];
  readonly posts: SlackPost[];
}

export interface Harness {
  readonly sns: SnsServer;
  readonly slack: SlackServer;
  /** A handler over `policies` (all of test/fixtures/rules when omitted). */
  handler(policies?: readonly Policy[]): AlertHandler;
  /** One invocation per event, all at once. */
  invoke(handler: AlertHandler, events: readonly unknown[]): Promise<Invocations>;
  /** A fresh temporary directory, removed by `close`. */
  tempDir(prefix: string): string;
  close(): Promise<void>;
}

export function fixturePolicies(rulesDir = RULES_DIR): Policy[] {
  const { policies, diagnostics } = loadPolicies(rulesDir, { tests: false });
  const errors = diagnostics.filter((d) => d.level === "error");
  if (errors.length > 0) throw new Error(`rules in ${rulesDir} do not load: ${errors.map((d) => d.message).join("; ")}`);
  return policies;
}

export async function startHarness(): Promise<Harness> {
  const ssmParameter = "/trailwatch/test/slack-bot-token";
  const [sns, slack, ssm]: [SnsServer, SlackServer, SsmServer] = await Promise.all([
    startSnsServer(),
    startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] }),
    startSsmServer({ [ssmParameter]: { value: TOKEN, type: "SecureString" } }),
  ]);
  Object.assign(process.env, {
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_SNS: sns.url,
    AWS_ENDPOINT_URL_SSM: ssm.url,
  });
  const env = { ...process.env, SLACK_API_URL: slack.apiUrl, TRAILWATCH_SNS_TOPIC_ARN: TOPIC, TRAILWATCH_SLACK_CHANNEL: "C0SECOPS", SLACK_BOT_TOKEN_PARAMETER: ssmParameter };
  const { config } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", env);
  if (!config) throw new Error("routing config did not load");
  const temps: string[] = [];
  return {
    sns,
    slack,
    handler: (policies = fixturePolicies()) =>
      createAlertHandler({
        policySet: createPolicySet(policies),
        routing: config,
        env,
        // Silent: dropped events are asserted from the handler's return value, not its log.
        logger: new Logger({ serviceName: "trailwatch-hostile", logLevel: "SILENT" }),
        deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(2, 0) }, slack: { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } } },
      }),
    async invoke(handler, events) {
      const [snsBefore, slackBefore] = [sns.published.length, slack.posts.length];
      const outcomes = await Promise.all(
        events.map(async (event): Promise<Outcome> => {
          try {
            return { result: await handler(event as CloudTrailEvent, lambdaContext()), error: undefined };
          } catch (error) {
            return { result: undefined, error };
          }
        }),
      );
      return { outcomes, published: sns.published.slice(snsBefore), posts: slack.posts.slice(slackBefore) };
    },
    tempDir(prefix) {
      const dir = mkdtempSync(path.join(tmpdir(), `trailwatch-hostile-${prefix}-`));
      temps.push(dir);
      return dir;
    },
    async close() {
      for (const dir of temps) rmSync(dir, { recursive: true, force: true });
      await Promise.all([sns.close(), slack.close(), ssm.close()]);
    },
  };
}

export interface EvalRun {
  /** `eval --json`. */
  readonly json: CliResult;
  /** `eval` (text blocks, as a terminal shows them). */
  readonly text: CliResult;
  /** The alerts `--json` printed; empty when it exited non-zero. */
  readonly alerts: { policy: string; summary: string; eventId: string }[];
}

/** Runs `eval` both ways on `bytes`, written to `dir/name`. */
export async function runEval(dir: string, name: string, bytes: Buffer | string, rulesDir = RULES_DIR): Promise<EvalRun> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const args = ["eval", "--rules", rulesDir, "--event", file];
  const json = await runCli([...args, "--json"]);
  const text = await runCli(args);
  const alerts = json.code === 0 ? (JSON.parse(json.stdout) as EvalRun["alerts"]) : [];
  return { json, text, alerts };
}

/** Writes `files` (path inside the directory -> text) into a new rules directory. */
export function writeRules(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  }
  return dir;
}
