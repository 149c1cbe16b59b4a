import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { DeliveryFailedError } from "../../src/pipeline/process.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { lambdaContext } from "../support/lambda-context.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";
import { startSsmServer, type SsmServer } from "../support/ssm-server.js";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const TOKEN = "xoxb-1111-2222-test-token";
const envelope = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.envelope.json"), "utf8")) as CloudTrailEvent;

let sns: SnsServer;
let slack: SlackServer;
let ssm: SsmServer;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  [sns, slack, ssm] = await Promise.all([startSnsServer(), startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] }), startSsmServer({ "/trailwatch/test/slack-bot-token": { value: TOKEN, type: "SecureString" } })]);
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "secret";
  process.env.AWS_ENDPOINT_URL_SNS = sns.url;
  process.env.AWS_ENDPOINT_URL_SSM = ssm.url;
  env = {
    ...process.env,
    SLACK_API_URL: slack.apiUrl,
    TRAILWATCH_SNS_TOPIC_ARN: TOPIC,
    TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
    SLACK_BOT_TOKEN_PARAMETER: "/trailwatch/test/slack-bot-token",
    POWERTOOLS_LOG_LEVEL: "ERROR",
  };
});

afterAll(async () => Promise.all([sns.close(), slack.close(), ssm.close()]));

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  sns.heal();
  slack.heal();
});

function handlerFor(rulesDir = path.join(repoRoot, "test/fixtures/rules")) {
  const { policies } = loadPolicies(rulesDir);
  const { config } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", env);
  if (!config) throw new Error("routing config did not load");
  return createAlertHandler({
    policySet: createPolicySet(policies.filter((p) => p.id === "ssm-contacts.channel-deleted-by-root")),
    routing: config,
    env,
    deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(3, 0) }, slack: { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } } },
  });
}

describe("alert handler (Middy) against local SNS, Slack and SSM servers", () => {
  it("delivers the root DeleteContactChannel alert to SNS and Slack, with the token from SSM", async () => {
    const result = await handlerFor()(envelope, lambdaContext());
    expect(result).toMatchObject({ alerts: 1, delivered: 2, eventID: "5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b" });
    expect(sns.published).toHaveLength(1);
    const mail = sns.published[0];
    expect(mail?.topicArn).toBe(TOPIC);
    expect(mail?.subject).toMatch(/^\[CRITICAL\] Contact channel deleted by the root user/);
    expect(mail?.attributes.severity?.stringValue).toBe("critical");
    expect(mail?.attributes.policy?.stringValue).toBe("ssm-contacts.channel-deleted-by-root");
    expect(mail?.message).toContain("arn:aws:iam::111122223333:root");
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]?.token).toBe(TOKEN);
    expect(slack.posts[0]?.channel).toBe("C0SECOPS");
    expect(ssm.calls).toContain("GetParameters");
  });

  it("survives SNS failing twice (the SDK retries) and Slack answering 429 once", async () => {
    sns.failNext(2, 500);
    slack.rateLimit(1, 0);
    const result = await handlerFor()(envelope, lambdaContext());
    expect(result).toMatchObject({ delivered: 2 });
    expect(sns.published).toHaveLength(1);
    expect(slack.posts).toHaveLength(1);
  });

  it("still delivers to Slack when SNS is down, then fails the invocation naming policy, eventID and destination", async () => {
    sns.down();
    const error = await handlerFor()(envelope, lambdaContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).toMatch(/email \(ssm-contacts\.channel-deleted-by-root, eventID 5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b\)/);
    expect(slack.posts).toHaveLength(1);
  });

  it("reports Slack channel_not_found without blocking SNS", async () => {
    slack.failWith("channel_not_found", 10);
    const error = await handlerFor()(envelope, lambdaContext()).catch((e: unknown) => e);
    expect((error as DeliveryFailedError).failures.map((f) => [f.destination, f.reason])).toEqual([["slack", "channel_not_found"]]);
    expect(sns.published).toHaveLength(1);
  });

  it.each([
    ["not an object", "hello"],
    ["no detail", { "detail-type": "AWS API Call via CloudTrail", id: "abc" }],
    ["detail without eventName", { "detail-type": "AWS API Call via CloudTrail", id: "abc", detail: { eventSource: "x" } }],
  ])("drops a malformed event (%s) without throwing", async (_name, event) => {
    const result = await handlerFor()(event as unknown as CloudTrailEvent, lambdaContext());
    expect(result).toMatchObject({ dropped: true });
    expect(sns.published).toHaveLength(0);
  });
});

describe("handlers/alert.ts (the deployed module, with the bundled pack)", () => {
  it("compiles the bundled policies at load and alerts on the root channel deletion", async () => {
    for (const [k, v] of Object.entries(env)) if (v !== undefined) vi.stubEnv(k, v);
    vi.resetModules();
    const { handler } = await import("../../handlers/alert.js");
    const result = await handler(envelope, lambdaContext());
    expect(result).toMatchObject({ eventID: "5e6f7a8b-9c0d-1e2f-3a4b-5c6d7e8f9a0b" });
    expect((result as { alerts: number }).alerts).toBeGreaterThan(0);
    expect(sns.published.length).toBeGreaterThan(0);
    vi.unstubAllEnvs();
  });
});
