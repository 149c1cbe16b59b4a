import { readFileSync } from "node:fs";
import path from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { LogLevel } from "@slack/web-api";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import type { Silence } from "../../src/silence/types.js";
import { StateStore } from "../../src/state/store.js";
import { startDynamo, type LocalDynamo } from "./dynamo.js";
import { repoRoot } from "./shared.js";
import { startSlackServer, type SlackServer } from "./slack-server.js";
import { startSnsServer, type SnsServer } from "./sns-server.js";

export const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const base = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.envelope.json"), "utf8")) as CloudTrailEvent;

export function policy(yaml: string, id: string): Policy {
  const { policy: loaded, diagnostics } = loadPolicyText(yaml, `${id}.yml`, id, { tests: false });
  if (!loaded) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return loaded;
}

export const match = "match:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContactChannel]\n";
export const burstPolicy = (limit = 10) => policy(`title: Channel deleted\nseverity: high\n${match}throttle: { limit: ${limit}, window: 1m }\n`, "ssm-contacts.burst");
export const criticalPolicy = policy(`title: Channel deleted (critical view)\nseverity: critical\n${match}`, "ssm-contacts.critical");

/** The fixture's DeleteContactChannel record as event `i` (its own ids), on `channel`. */
export function event(i: number, channel = `channel-${i}`): CloudTrailEvent {
  const detail = { ...base.detail, eventID: `evt-${String(i).padStart(4, "0")}`, requestParameters: { contactChannelId: channel } };
  return { ...base, id: `eb-${i}`, detail };
}

export const sweepEvent = { "detail-type": "Scheduled Event", source: "aws.events", id: "sweep", detail: {} } as unknown as CloudTrailEvent;

export interface Wiring {
  readonly slackApiUrl: string;
  readonly table: string;
  readonly now: () => Date;
}

export function handlerWith(w: Wiring, policies: Policy[], declaredSilences: Silence[] = []) {
  const env = { ...process.env, SLACK_API_URL: w.slackApiUrl, SLACK_BOT_TOKEN: "xoxb-test", TRAILWATCH_SNS_TOPIC_ARN: TOPIC, TRAILWATCH_SLACK_CHANNEL: "C0SECOPS" };
  const { config } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", env);
  if (!config) throw new Error("no routing");
  return createAlertHandler({
    policySet: createPolicySet(policies),
    routing: config,
    env,
    logger: new Logger({ logLevel: "SILENT" }),
    noise: { store: new StateStore(w.table), now: w.now },
    declaredSilences,
    deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(2, 0) }, slack: { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 }, logLevel: LogLevel.ERROR } },
  });
}

/** The alert handler's stand-ins on loopback (SNS, Slack, dynalite), with the SDK pointed at them. */
export interface HandlerStandIns {
  readonly sns: SnsServer;
  readonly slack: SlackServer;
  readonly dynamo: LocalDynamo;
  close(): Promise<void>;
}

export async function startHandlerStandIns(): Promise<HandlerStandIns> {
  const [sns, slack, dynamo] = await Promise.all([startSnsServer(), startSlackServer(), startDynamo()]);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_SNS: sns.url, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url });
  return {
    sns,
    slack,
    dynamo,
    close: async () => {
      await Promise.all([sns.close(), slack.close(), dynamo.close()]);
    },
  };
}
