import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAlertHandler, type CloudTrailEvent } from "../../src/handler/lambda.js";
import { DeliveryFailedError } from "../../src/pipeline/process.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { runCli } from "../support/cli.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import { lambdaContext } from "../support/lambda-context.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";
import { startSqsServer, type SqsServer } from "../support/sqs-server.js";

const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const base = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.envelope.json"), "utf8")) as CloudTrailEvent;

const POLICY = `id: ssm-contacts.channel-deleted
title: Contact channel deleted
severity: high
match:
  eventSource: [ssm-contacts.amazonaws.com]
  eventName: [DeleteContactChannel]
summary: "{{userIdentity.arn}} deleted {{requestParameters.contactChannelId}}"
`;
const ROUTING = `destinations:
  email: { type: sns, topicArn: "\${TRAILWATCH_SNS_TOPIC_ARN}" }
  slack: { type: slack, channel: "\${TRAILWATCH_SLACK_CHANNEL}" }
default: [email, slack]
`;

let sns: SnsServer;
let slack: SlackServer;
let sqs: SqsServer;
let dynamo: LocalDynamo;
let dir: string;
let flags: string[];

function event(id: string): CloudTrailEvent {
  return { ...base, id: `eb-${id}`, detail: { ...base.detail, eventID: `redrive-${id}` } };
}

const EVENTBRIDGE_FAILURE = {
  ERROR_CODE: "SDK_CLIENT_ERROR",
  ERROR_MESSAGE: "Unable to invoke Lambda function arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert: Rate Exceeded.",
  RULE_ARN: "arn:aws:events:us-east-1:111122223333:rule/trailwatch-incident-manager",
  TARGET_ARN: "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert",
};

/** The record Lambda sends to an on-failure destination once an async invocation's retries are spent. */
function lambdaFailure(payload: CloudTrailEvent, error: { name: string; message: string }): string {
  return JSON.stringify({
    version: "1.0",
    timestamp: "2026-11-20T10:16:02.133Z",
    requestContext: { requestId: "e4b46cbf-b738-4a7e-a4f7-6a0b1a4d1e57", functionArn: "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-alert:$LATEST", condition: "RetriesExhausted", approximateInvokeCount: 3 },
    requestPayload: payload,
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType: error.name, errorMessage: error.message, trace: [] },
  });
}

const redrive = (...extra: string[]) => runCli(["redrive", ...flags, ...extra]);
const lines = (text: string) => text.trimEnd().split("\n");

beforeAll(async () => {
  [sns, slack, sqs, dynamo] = await Promise.all([startSnsServer(), startSlackServer(), startSqsServer(), startDynamo()]);
  dir = mkdtempSync(path.join(tmpdir(), "trailwatch-redrive-"));
  mkdirSync(path.join(dir, "rules", "ssm-contacts"), { recursive: true });
  writeFileSync(path.join(dir, "rules", "ssm-contacts", "channel-deleted.yml"), POLICY);
  writeFileSync(path.join(dir, "trailwatch.yml"), ROUTING);
  flags = ["--queue-url", sqs.queueUrl, "--rules", path.join(dir, "rules"), "--config", path.join(dir, "trailwatch.yml")];
  Object.assign(process.env, {
    AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret",
    AWS_ENDPOINT_URL_SNS: sns.url, AWS_ENDPOINT_URL_SQS: sqs.url, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    SLACK_API_URL: slack.apiUrl, SLACK_BOT_TOKEN: "xoxb-test", TRAILWATCH_SNS_TOPIC_ARN: TOPIC, TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
  });
  delete process.env.TRAILWATCH_STATE_TABLE;
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([sns.close(), slack.close(), sqs.close(), dynamo.close()]);
});

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  sqs.messages.length = 0;
  sqs.calls.length = 0;
  sns.heal();
  slack.heal();
});

describe("trailwatch redrive", () => {
  it.each([
    { shape: "EventBridge target DLQ", body: JSON.stringify(event("eb")), attributes: EVENTBRIDGE_FAILURE, reason: `SDK_CLIENT_ERROR: ${EVENTBRIDGE_FAILURE.ERROR_MESSAGE}` },
    { shape: "Lambda on-failure destination", body: lambdaFailure(event("lambda"), { name: "DeliveryFailedError", message: "1 delivery failure(s): slack (ssm-contacts.channel-deleted): ratelimited" }), attributes: {}, reason: "RetriesExhausted after 3 attempt(s): DeliveryFailedError: 1 delivery failure(s)" },
  ])("delivers a $shape message to SNS and Slack, then deletes it", async ({ shape, body, attributes, reason }) => {
    const id = sqs.send(body, attributes);
    const result = await redrive();
    expect(result.code).toBe(0);
    expect([sns.published.length, slack.posts.length]).toEqual([1, 1]);
    expect(sqs.messages).toEqual([]);
    const [line, summary] = lines(result.stdout);
    expect(line).toMatch(new RegExp(`^redriven +${id} +eventID redrive-\\w+ DeleteContactChannel \\(${shape}\\): ssm-contacts.channel-deleted: delivered to email, slack`));
    expect(line).toContain(`| failed before: ${reason}`);
    expect(summary).toBe("1 message(s): 1 redriven and deleted, 0 kept in the queue (0 unusable, 0 not fully delivered)");
  });

  it("keeps a message whose delivery fails, makes it visible again, and exits 1", async () => {
    const id = sqs.send(JSON.stringify(event("sns-down")), EVENTBRIDGE_FAILURE);
    sns.down();
    const result = await redrive();
    expect(result.code).toBe(1);
    expect(sqs.messages.map((m) => m.messageId)).toEqual([id]);
    expect(sqs.messages[0]?.visibleAt).toBeLessThanOrEqual(Date.now());
    expect(lines(result.stdout)[0]).toMatch(new RegExp(`^kept +${id} .*delivered to slack, FAILED email \\(ServiceUnavailable`));
    expect(lines(result.stdout)[1]).toContain("0 redriven and deleted, 1 kept in the queue (0 unusable, 1 not fully delivered)");
    expect(result.stderr).toContain("FAIL  alert delivery failed");
  });

  it("with the delivery ledger, redrives only to the destination that had failed", async () => {
    const table = { TRAILWATCH_STATE_TABLE: dynamo.table };
    const { policies } = loadPolicies(path.join(dir, "rules"));
    const { config } = loadRoutingConfigText(ROUTING, "trailwatch.yml", process.env);
    if (!config) throw new Error("routing did not load");
    const handler = createAlertHandler({
      policySet: createPolicySet(policies), routing: config, env: { ...process.env, ...table }, logger: new Logger({ logLevel: "SILENT" }),
      deps: { sns: { retryStrategy: new ConfiguredRetryStrategy(1, 0) }, slack: { retryConfig: { retries: 0 } } },
    });
    slack.http.faults.failAlways({ status: 503, body: "upstream unavailable" });
    const failure = await handler(event("ledger"), lambdaContext()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryFailedError);
    expect([sns.published.length, slack.posts.length]).toEqual([1, 0]);
    slack.heal();
    sqs.send(lambdaFailure(event("ledger"), failure as DeliveryFailedError));
    Object.assign(process.env, table);
    try {
      const result = await redrive();
      expect(result.code).toBe(0);
      expect([sns.published.length, slack.posts.length]).toEqual([1, 1]);
      expect(sqs.messages).toEqual([]);
      expect(lines(result.stdout)[0]).toContain("ssm-contacts.channel-deleted: delivered to slack, skipped email (already delivered, per the delivery ledger)");
      expect(lines(result.stdout)[0]).toContain("failed before: RetriesExhausted after 3 attempt(s): DeliveryFailedError: 1 delivery failure(s): slack");
      expect(lines(result.stdout)[1]).toMatch(/1 redriven and deleted.*; 1 destination\(s\) skipped as already delivered$/);
    } finally {
      delete process.env.TRAILWATCH_STATE_TABLE;
    }
  });

  it("reports and keeps bodies that are not usable events, and redrives the rest", async () => {
    const garbage = sqs.send("this is not JSON", EVENTBRIDGE_FAILURE);
    const unrelated = sqs.send('{"hello":"world"}');
    const good = sqs.send(JSON.stringify(event("beside-garbage")), EVENTBRIDGE_FAILURE);
    const result = await redrive();
    expect(result.code).toBe(1);
    expect(sqs.messages.map((m) => m.messageId)).toEqual([garbage, unrelated]);
    expect(sqs.messages.every((m) => m.visibleAt <= Date.now())).toBe(true);
    const out = lines(result.stdout);
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^kept +${garbage} +\\(unrecognised body\\): unusable: the body is not JSON`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^kept +${unrelated} .*unusable: the body is neither a Lambda on-failure record`)));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^redriven +${good} `)));
    expect(out.at(-1)).toBe("3 message(s): 1 redriven and deleted, 2 kept in the queue (2 unusable, 0 not fully delivered)");
  });

  it("--dry-run says what it would do and changes nothing", async () => {
    const good = sqs.send(JSON.stringify(event("dry")), EVENTBRIDGE_FAILURE);
    const garbage = sqs.send("[]");
    const result = await redrive("--dry-run");
    expect(result.code).toBe(1);
    expect([sns.published.length, slack.posts.length]).toEqual([0, 0]);
    expect(sqs.messages.map((m) => m.messageId)).toEqual([good, garbage]);
    expect(sqs.messages.every((m) => m.visibleAt <= Date.now())).toBe(true);
    expect(sqs.calls).toEqual(["GetQueueAttributes", "ReceiveMessage", "ReceiveMessage", "ChangeMessageVisibilityBatch"]);
    const out = lines(result.stdout);
    expect(out[0]).toMatch(new RegExp(`^would redrive +${good} .*: ssm-contacts.channel-deleted: would deliver to email, slack \\| failed before: SDK_CLIENT_ERROR`));
    expect(out[1]).toMatch(new RegExp(`^would keep +${garbage} .*not an object \\(an array\\)`));
    expect(out[2]).toBe("2 message(s) examined (dry run: nothing delivered, deleted or decided): 1 would be redriven, 1 would stay (unusable)");
  });

  it("--max N stops after N messages", async () => {
    const first = sqs.send(JSON.stringify(event("max-1")));
    const second = sqs.send(JSON.stringify(event("max-2")));
    const result = await redrive("--max", "1");
    expect(result.code).toBe(0);
    expect(sqs.messages.map((m) => m.messageId)).toEqual([second]);
    expect(result.stdout).toContain(first);
    expect(lines(result.stdout)[0]).toContain("failed before: no reason recorded");
  });

  it("says so when the queue is empty", async () => {
    const result = await redrive();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("0 message(s): 0 redriven and deleted, 0 kept in the queue (0 unusable, 0 not fully delivered)\n");
  });

  it.each([
    { label: "no --queue-url", args: ["--rules", "rules"], error: /--queue-url URL is required/ },
    { label: "a queue ARN", args: ["--queue-url", "arn:aws:sqs:us-east-1:111122223333:trailwatch-dlq"], error: /not its ARN/ },
    { label: "--max 0", args: ["--queue-url", "https://sqs.us-east-1.amazonaws.com/111122223333/q", "--max", "0"], error: /--max "0" is not a whole number/ },
    { label: "an unknown flag", args: ["--queue-url", "https://sqs.us-east-1.amazonaws.com/111122223333/q", "--purge"], error: /unknown option --purge/ },
  ])("exits 2 on a usage error: $label", async ({ args, error }) => {
    const result = await runCli(["redrive", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(error);
  });

  it("exits 2, having changed nothing, when the queue does not exist", async () => {
    sqs.send(JSON.stringify(event("missing-queue")));
    const result = await runCli(["redrive", ...flags.slice(2), "--queue-url", `${sqs.url}/111122223333/no-such-queue`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read queue .*no-such-queue: QueueDoesNotExist \(HTTP 400\): The specified queue does not exist/);
    expect(sqs.messages).toHaveLength(1);
    expect(sns.published).toHaveLength(0);
  });
});
