import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { burstPolicy, event, type HandlerStandIns, handlerWith, policy, startHandlerStandIns, sweepEvent } from "../support/alert-handler.js";
import type { LocalDynamo } from "../support/dynamo.js";
import { lambdaContext } from "../support/lambda-context.js";
import type { SlackServer } from "../support/slack-server.js";
import type { SnsServer } from "../support/sns-server.js";

let sns: SnsServer;
let slack: SlackServer;
let dynamo: LocalDynamo;
let standIns: HandlerStandIns;
let clock: Date;

const wiring = () => ({ slackApiUrl: slack.apiUrl, table: dynamo.table, now: () => clock });

beforeAll(async () => {
  standIns = await startHandlerStandIns();
  ({ sns, slack, dynamo } = standIns);
});

afterAll(async () => standIns.close());

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  slack.updates.length = 0;
});

describe("one Slack thread per burst", () => {
  it("a 100-event burst under a throttle: one parent, thread replies, a live count; e-mail keeps its summary", async () => {
    const handler = handlerWith(wiring(), [burstPolicy(10)]);
    const start = Date.parse("2026-11-20T10:41:00Z");
    for (let i = 0; i < 100; i++) {
      clock = new Date(start + i * 100);
      await handler(event(i), lambdaContext());
    }
    clock = new Date(start + 120_000);
    await handler(sweepEvent, lambdaContext());

    const parents = slack.posts.filter((p) => p.threadTs === undefined);
    expect(parents).toHaveLength(1);
    const parent = parents[0];
    const replies = slack.posts.filter((p) => p.threadTs === parent?.ts);
    // Alerts 2..10 of the budget, then the window's summary: all inside the thread.
    expect(replies).toHaveLength(10);
    expect(replies.at(-1)?.text).toMatch(/90 more alert\(s\) of ssm-contacts\.burst/);
    // Edits at +1, 2, 4, 8, 16, 32, 50, 64 and the final one with the summary: not one per alert.
    expect(slack.updates).toHaveLength(9);
    expect(slack.updates.every((u) => u.ts === parent?.ts && u.channel === "C0SECOPS")).toBe(true);
    const last = slack.updates.at(-1);
    expect(last?.text).toContain("+99 more in thread, last 10:15 UTC");
    expect(JSON.stringify(last?.blocks)).toContain("+99 more in thread");
    // The parent keeps its own content: the edit adds the count, it does not replace the alert.
    expect(JSON.stringify(last?.blocks)).toContain(JSON.stringify(parent?.blocks?.[0]));
    // E-mail is unchanged: 10 alerts and one summary message.
    expect(sns.published).toHaveLength(11);
    expect(sns.published.filter((m) => /90 more alert\(s\)/.test(m.message))).toHaveLength(1);
  }, 120_000);

  it("a reply Slack refuses falls back to a plain post, never to silence", async () => {
    const handler = handlerWith(wiring(), [burstPolicy(10)]);
    clock = new Date("2026-11-21T09:00:00Z");
    await handler(event(1001), lambdaContext());
    slack.failWith("not_in_channel", 1);
    clock = new Date("2026-11-21T09:00:01Z");
    await handler(event(1002), lambdaContext());
    expect(slack.posts.map((p) => p.threadTs === undefined)).toEqual([true, true]);
    expect(slack.posts[1]?.text).toContain("Channel deleted");
  }, 30_000);

  it("counts a retried held event once, and broadcasts a critical reply to the channel", async () => {
    const critical = policy(`title: Critical burst\nseverity: critical\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\nthrottle: { limit: 2, window: 1m }\n`, "ssm-contacts.critical-burst");
    const handler = handlerWith(wiring(), [critical]);
    clock = new Date("2026-11-23T09:00:10Z");
    for (const i of [3001, 3002, 3003, 3003, 3003]) await handler(event(i), lambdaContext());
    const [parent, reply] = slack.posts;
    expect(reply).toMatchObject({ threadTs: parent?.ts, raw: expect.objectContaining({ reply_broadcast: "true" }) });
    // 3002 replied (+1), 3003 held (+2); its two retries add nothing.
    expect(slack.updates.map((u) => /\+(\d+) more/.exec(u.text ?? "")?.[1])).toEqual(["1", "2"]);
  }, 30_000);

  it("a new window starts a new thread", async () => {
    const handler = handlerWith(wiring(), [burstPolicy(10)]);
    clock = new Date("2026-11-22T09:00:10Z");
    await handler(event(2001), lambdaContext());
    await handler(event(2002), lambdaContext());
    clock = new Date("2026-11-22T09:01:10Z");
    await handler(event(2003), lambdaContext());
    expect(slack.posts.map((p) => (p.threadTs === undefined ? "parent" : "reply"))).toEqual(["parent", "reply", "parent"]);
    expect(slack.posts[1]?.threadTs).toBe(slack.posts[0]?.ts);
  }, 30_000);
});
