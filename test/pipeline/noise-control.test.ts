import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CloudTrailEvent } from "../../src/handler/lambda.js";
import { DeliveryFailedError } from "../../src/pipeline/process.js";
import type { Policy } from "../../src/policy/types.js";
import { event, type HandlerStandIns, handlerWith, match, policy, startHandlerStandIns, sweepEvent } from "../support/alert-handler.js";
import type { LocalDynamo } from "../support/dynamo.js";
import { lambdaContext } from "../support/lambda-context.js";
import type { SlackServer } from "../support/slack-server.js";
import type { SnsServer } from "../support/sns-server.js";

let sns: SnsServer;
let slack: SlackServer;
let dynamo: LocalDynamo;
let standIns: HandlerStandIns;
let clock: Date;

const throttled = policy(`title: Channel deleted\nseverity: high\n${match}throttle: { limit: 10, window: 1m, groupBy: "{{userIdentity.arn}}" }\n`, "ssm-contacts.burst");
const deduped = policy(`title: Channel deleted\nseverity: high\n${match}dedupe: { key: "{{requestParameters.contactChannelId}}", window: 1h }\n`, "ssm-contacts.dedupe");

const wiring = () => ({ slackApiUrl: slack.apiUrl, table: dynamo.table, now: () => clock });
const handlerFor = (policies: Policy[]) => handlerWith(wiring(), policies);
const summaryCount = (text: string) => Number(/(\d+) more alert\(s\) of/.exec(text)?.[1] ?? 0);

beforeAll(async () => {
  standIns = await startHandlerStandIns();
  ({ sns, slack, dynamo } = standIns);
});

afterAll(async () => standIns.close());

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  sns.heal();
  slack.heal();
});

describe("delivery ledger", () => {
  it("re-sends on retry only to the destination that failed", async () => {
    clock = new Date("2026-11-20T10:00:00Z");
    const handler = handlerFor([deduped]);
    sns.down();
    await expect(handler(event(9001), lambdaContext())).rejects.toBeInstanceOf(DeliveryFailedError);
    expect([sns.published.length, slack.posts.length]).toEqual([0, 1]);
    sns.heal();
    const retry = await handler(event(9001), lambdaContext());
    expect(retry).toMatchObject({ delivered: 1 });
    expect([sns.published.length, slack.posts.length]).toEqual([1, 1]);
    await handler(event(9001), lambdaContext());
    expect([sns.published.length, slack.posts.length]).toEqual([1, 1]);
  });
});

describe("dedupe", () => {
  it("alerts once per key within the window, and again after it", async () => {
    clock = new Date("2026-11-20T11:00:00Z");
    const handler = handlerFor([deduped]);
    await handler(event(1, "same"), lambdaContext());
    await handler(event(2, "same"), lambdaContext());
    await handler(event(3, "other"), lambdaContext());
    expect(sns.published).toHaveLength(2);
    clock = new Date("2026-11-20T12:00:01Z");
    await handler(event(4, "same"), lambdaContext());
    expect(sns.published).toHaveLength(3);
  });
});

async function burst(startAt: string, offset: number, onTick?: (elapsedMs: number) => void) {
  clock = new Date(startAt);
  const handler = handlerFor([throttled]);
  const failed: CloudTrailEvent[] = [];
  for (let i = 0; i < 1000; i++) {
    clock = new Date(Date.parse(startAt) + i * 50);
    onTick?.(i * 50);
    await handler(event(offset + i), lambdaContext()).catch((e: unknown) => {
      if (!(e instanceof DeliveryFailedError)) throw e;
      failed.push(event(offset + i));
    });
  }
  clock = new Date(Date.parse(startAt) + 120_000);
  slack.heal();
  for (const e of failed) await handler(e, lambdaContext());
  await handler(sweepEvent, lambdaContext());
  return failed;
}

function tally(messages: string[]) {
  const summaries = messages.filter((m) => summaryCount(m) > 0);
  return { sent: messages.length - summaries.length, summaries: summaries.length, summarised: summaries.reduce((n, m) => n + summaryCount(m), 0) };
}

describe("throttling a burst of 1000 matching events", () => {
  it("stays within budget and accounts for every event exactly", async () => {
    await burst("2026-11-20T13:00:00Z", 0);
    const mail = tally(sns.published.map((m) => m.message));
    // 1000 events over 50 s in 1-minute windows: at most 2 windows x 10 alerts + 2 summaries.
    expect(mail.sent + mail.summaries).toBeLessThanOrEqual(22);
    expect(mail.sent + mail.summarised).toBe(1000);
    const chat = tally(slack.posts.map((p) => p.text ?? ""));
    expect(chat.sent + chat.summarised).toBe(1000);
    expect(new Set(sns.published.map((m) => m.message)).size).toBe(sns.published.length);
  }, 120_000);

  it("delivers everything exactly once when Slack answers 429 for the first 30 s", async () => {
    slack.rateLimit(1_000_000, 0);
    const failed = await burst("2026-11-20T14:00:00Z", 5000, (elapsed) => elapsed >= 30_000 && slack.heal());
    expect(failed.length).toBeGreaterThan(0);
    const mail = tally(sns.published.map((m) => m.message));
    const chat = tally(slack.posts.map((p) => p.text ?? ""));
    expect(mail.sent + mail.summarised).toBe(1000);
    expect(chat.sent + chat.summarised).toBe(1000);
    expect(chat.sent).toBe(mail.sent);
    const slackMessages = slack.posts.map((p) => JSON.stringify(p.blocks));
    expect(new Set(slackMessages).size).toBe(slackMessages.length);
  }, 120_000);
});
