import { readFileSync } from "node:fs";
import path from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { LogLevel } from "@slack/web-api";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { vi } from "vitest";
import { createAlertHandler, type CloudTrailEvent } from "../../../src/handler/lambda.js";
import { loadPolicyText } from "../../../src/policy/load.js";
import { createPolicySet } from "../../../src/policy/policy-set.js";
import type { Policy } from "../../../src/policy/types.js";
import { loadRoutingConfigText } from "../../../src/routing/config.js";
import { StateStore } from "../../../src/state/store.js";
import { TestClock } from "../../support/clock.js";
import { startDynamo, type LocalDynamo } from "../../support/dynamo.js";
import { startDynamoFaultProxy, type DynamoFaultProxy } from "../../support/dynamo-faults.js";
import { repoRoot } from "../../support/shared.js";
import { startSlackServer, type SlackServer } from "../../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../../support/sns-server.js";

/**
 * The fault scenarios' world: the real handler over real clients, the project's fake SNS and
 * Slack, dynalite behind the fault proxy, an injected clock, and stdout captured (Powertools
 * writes its log lines and EMF metrics there) so tests read what an operator would see.
 */
export interface World {
  sns: SnsServer;
  slack: SlackServer;
  dynamo: LocalDynamo;
  proxy: DynamoFaultProxy;
  clock: TestClock;
  close(): Promise<void>;
}

export const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const base = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.envelope.json"), "utf8")) as CloudTrailEvent;

export async function startWorld(start = "2026-11-20T10:00:00Z"): Promise<World> {
  const [sns, slack, dynamo] = await Promise.all([startSnsServer(), startSlackServer(), startDynamo()]);
  const proxy = await startDynamoFaultProxy(dynamo.url);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_SNS: sns.url, AWS_ENDPOINT_URL_DYNAMODB: proxy.url, POWERTOOLS_METRICS_DISABLED: "false" });
  return { sns, slack, dynamo, proxy, clock: new TestClock(start), close: async () => void (await Promise.all([sns.close(), slack.close(), proxy.close(), dynamo.close()])) };
}

export function resetWorld(world: World): void {
  for (const server of [world.sns, world.slack]) server.heal();
  world.proxy.heal();
  world.proxy.passed.length = 0;
  world.proxy.faulted.length = 0;
  world.sns.published.length = 0;
  world.slack.posts.length = 0;
}

export function policy(yaml: string, id: string): Policy {
  const { policy: loaded, diagnostics } = loadPolicyText(yaml, `${id}.yml`, id, { tests: false });
  if (!loaded) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return loaded;
}

const match = "match:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContactChannel]\n";
/** At most `limit` alerts a minute per channel id; the rest are counted for a summary. */
export const throttledPolicy = (limit: number) =>
  policy(`title: Channel deleted\nseverity: high\n${match}throttle: { limit: ${limit}, window: 1m, groupBy: "{{requestParameters.contactChannelId}}" }\n`, "ssm-contacts.burst");
export const criticalPolicy = policy(`title: Channel deleted by root\nseverity: critical\n${match}  userIdentity:\n    type: [Root]\nthrottle: { limit: 30, window: 5m }\n`, "ssm-contacts.root");

export function event(id: string, channel = `channel-${id}`): CloudTrailEvent {
  return { ...base, id: `eb-${id}`, detail: { ...base.detail, eventID: `evt-${id}`, requestParameters: { contactChannelId: channel } } };
}

export const sweepEvent = { "detail-type": "Scheduled Event", source: "aws.events", id: "sweep", detail: {} } as unknown as CloudTrailEvent;

/**
 * The handler as deployed: state table, topic and channel from the environment (the store is
 * built by the handler from TRAILWATCH_STATE_TABLE), fast client retries, the world's clock.
 */
export function handlerIn(world: World, policies: Policy[], options: { store?: "env" | "fast" } = {}) {
  const env = {
    ...process.env,
    SLACK_API_URL: world.slack.apiUrl,
    SLACK_BOT_TOKEN: "xoxb-test",
    TRAILWATCH_SNS_TOPIC_ARN: TOPIC,
    TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
    TRAILWATCH_STATE_TABLE: world.dynamo.table,
  };
  const { config } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", env);
  if (!config) throw new Error("no routing");
  const fast = options.store === "fast" ? { noise: { store: new StateStore(world.dynamo.table, { retryStrategy: new ConfiguredRetryStrategy(2, 0) }), now: world.clock.date } } : {};
  return createAlertHandler({
    policySet: createPolicySet(policies),
    routing: config,
    env,
    clock: world.clock,
    logger: new Logger({ serviceName: "trailwatch", logLevel: "INFO" }),
    ...fast,
    deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(3, 0) }, slack: { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 }, logLevel: LogLevel.ERROR } },
  });
}

export interface Captured {
  /** Every JSON line written (Powertools log entries and EMF metric documents). */
  json(): Record<string, unknown>[];
  logs(level?: string): Record<string, unknown>[];
  /** The EMF documents: metric values by name, with their dimensions. */
  metrics(): Record<string, unknown>[];
  /** Forgets what was captured so far (to read one phase of a test). */
  clear(): void;
  restore(): void;
}

/** Captures stdout and stderr (Powertools writes ERROR lines to stderr, the rest and EMF to stdout). */
export function captureOutput(): Captured {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, "write").mockImplementation(capture), vi.spyOn(process.stderr, "write").mockImplementation(capture)];
  const json = () =>
    chunks.join("").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    json,
    logs: (level) => json().filter((j) => j["_aws"] === undefined && (level === undefined || j["level"] === level)),
    metrics: () => json().filter((j) => j["_aws"] !== undefined),
    clear: () => void chunks.splice(0),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** How long a promise took to settle, in real ms (reported by the tests, never asserted). */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T | undefined; error: unknown }> {
  const started = performance.now();
  try {
    const result = await run();
    return { ms: Math.round(performance.now() - started), result, error: undefined };
  } catch (error) {
    return { ms: Math.round(performance.now() - started), result: undefined, error };
  }
}
