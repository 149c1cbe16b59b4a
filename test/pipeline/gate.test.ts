import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Deadline, systemClock } from "../../src/deadline.js";
import { flushSummaries } from "../../src/pipeline/summary-flush.js";
import { processRecord, startInvocation, type AlertOutcome, type Invocation, type Pipeline } from "../../src/pipeline/process.js";
import { createPipeline } from "../../src/pipeline/setup.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { LEASE_SECONDS, StateStore } from "../../src/state/store.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import { repoRoot } from "../support/shared.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

// The noise gate end to end: real policies, the state store on dynalite, SNS over HTTP, and a
// clock the test sets. Each test uses its own hour, so windows never meet across tests.
const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const USER_A = "arn:aws:iam::111122223333:user/alice";
const USER_B = "arn:aws:iam::111122223333:user/bob";
const base = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.json"), "utf8")) as CloudTrailRecord;

let sns: SnsServer;
let dynamo: LocalDynamo;
let store: StateStore;
let clock: Date;

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000);

function policy(id: string, throttle: string, more = ""): Policy {
  const yaml = `title: Channel deleted\nseverity: high\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContactChannel]\nthrottle: ${throttle}\n${more}`;
  const { policy: loaded, diagnostics } = loadPolicyText(yaml, `${id}.yml`, id, { tests: false });
  if (!loaded) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return loaded;
}

function pipelineFor(p: Policy): Pipeline {
  const { config } = loadRoutingConfigText(`destinations:\n  mail: { type: sns, topicArn: ${TOPIC} }\ndefault: [mail]\n`, "trailwatch.yml", {});
  if (!config) throw new Error("no routing");
  const deps = { env: {}, sns: { retryStrategy: new ConfiguredRetryStrategy(1, 0) } };
  return createPipeline({ policySet: createPolicySet([p]), routing: config, logger: silent, deps, noise: { store, now: () => clock } });
}

/** An invocation on the test's clock: a 30 s budget, claims that lapse with it. */
function invocationAt(pipeline: Pipeline, time: Date): Invocation {
  const deadline = new Deadline(time.getTime() + 30_000, { now: () => clock.getTime(), sleep: systemClock.sleep });
  return startInvocation(pipeline, deadline, new Date(deadline.endsAt));
}

/** One CloudTrail record by `arn`, at `time` (or `eventTime`; none when null), processed with the clock at `time`. */
async function send(pipeline: Pipeline, eventID: string, time: Date, arn = USER_A, eventTime: Date | null = time): Promise<AlertOutcome> {
  clock = time;
  const record: CloudTrailRecord = { ...base, eventID, eventTime: eventTime?.toISOString(), userIdentity: { ...(base.userIdentity as object), type: "IAMUser", arn } };
  if (eventTime === null) delete record.eventTime;
  const [outcome, ...more] = await processRecord(pipeline, record, invocationAt(pipeline, time));
  expect(more).toEqual([]);
  return outcome as AlertOutcome;
}

async function flushAt(pipeline: Pipeline, time: Date): Promise<readonly AlertOutcome[]> {
  clock = time;
  return (await flushSummaries(pipeline, invocationAt(pipeline, time))).outcomes;
}

beforeAll(async () => {
  [sns, dynamo] = await Promise.all([startSnsServer(), startDynamo()]);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_SNS: sns.url, AWS_ENDPOINT_URL_DYNAMODB: dynamo.url });
  store = new StateStore(dynamo.table);
});

afterAll(async () => {
  store.destroy();
  await Promise.all([sns.close(), dynamo.close()]);
});

beforeEach(() => {
  sns.published.length = 0;
  sns.heal();
});

describe("a throttle window", () => {
  it("with exactly limit alerts throttles none and owes no summary", async () => {
    const start = "2026-11-22T01:00:00Z";
    const pipeline = pipelineFor(policy("noise.at-limit", "{ limit: 2, window: 1m }"));
    const decisions = [await send(pipeline, "a1", at(start, 1)), await send(pipeline, "a2", at(start, 2))].map((o) => o.decision);
    expect(decisions).toEqual(["send", "send"]);
    expect(await flushAt(pipeline, at(start, 120))).toEqual([]);
    expect(sns.published).toHaveLength(2);
  });

  it("with limit+1 alerts throttles the last one and sends its summary once, after the window closes", async () => {
    const start = "2026-11-22T02:00:00Z";
    const pipeline = pipelineFor(policy("noise.limit-plus-one", "{ limit: 2, window: 1m }"));
    const outcomes = [await send(pipeline, "b1", at(start, 1)), await send(pipeline, "b2", at(start, 2)), await send(pipeline, "b3", at(start, 3))];
    expect(outcomes.map((o) => o.decision)).toEqual(["send", "send", "throttle"]);
    expect(outcomes.map((o) => o.delivered)).toEqual([["mail"], ["mail"], []]);
    expect(await flushAt(pipeline, at(start, 59))).toEqual([]);
    const [summary, ...more] = await flushAt(pipeline, at(start, 61));
    expect(more).toEqual([]);
    expect(summary?.delivered).toEqual(["mail"]);
    expect(summary?.alert.title).toBe("[SUMMARY] Channel deleted: 1 more");
    expect(summary?.alert.record.throttle).toEqual({
      policy: "noise.limit-plus-one", group: "*", suppressed: 1, limit: 2, windowStart: at(start, 0).toISOString(), windowEnd: at(start, 60).toISOString(),
      firstSuppressed: at(start, 3).toISOString(), lastSuppressed: at(start, 3).toISOString(), sampleEventIds: ["b3"],
    });
    expect(await flushAt(pipeline, at(start, 62))).toEqual([]);
    expect(sns.published).toHaveLength(3);
  });

  it("summarises who, from when to when, and exactly five sample eventIDs", async () => {
    const start = "2026-11-22T03:00:00Z";
    const pipeline = pipelineFor(policy("noise.summary", '{ limit: 1, window: 1m, groupBy: "{{userIdentity.arn}}" }'));
    for (let i = 1; i <= 8; i++) await send(pipeline, `c${i}`, at(start, i));
    const [summary] = await flushAt(pipeline, at(start, 61));
    const first = at(start, 2).toISOString();
    const last = at(start, 8).toISOString();
    expect(summary?.alert.record.throttle).toMatchObject({ group: USER_A, suppressed: 7, firstSuppressed: first, lastSuppressed: last, sampleEventIds: ["c2", "c3", "c4", "c5", "c6"] });
    expect(summary?.alert.summary).toBe(
      `7 more alert(s) of noise.summary for ${USER_A} were counted, not sent, between ${first} and ${last} ` +
      `(throttle: 1 per window ${at(start, 0).toISOString()} – ${at(start, 60).toISOString()}). Sample eventIDs: c2, c3, c4, c5, c6.`,
    );
    expect(summary?.alert.eventTime).toBe(last);
    expect(summary?.alert.eventId).toMatch(/^summary-[0-9a-f]{16}$/);
  });
});

describe("the suppressed times in a summary", () => {
  it("are the events' own times, not the clock's when they were handled", async () => {
    const start = "2026-11-22T12:00:00Z";
    const pipeline = pipelineFor(policy("noise.event-time", "{ limit: 1, window: 1m }"));
    await send(pipeline, "m1", at(start, 40), USER_A, at(start, 10));
    await send(pipeline, "m2", at(start, 41), USER_A, at(start, 11));
    const [summary] = await flushAt(pipeline, at(start, 61));
    expect(summary?.alert.record.throttle).toMatchObject({ firstSuppressed: at(start, 11).toISOString(), lastSuppressed: at(start, 11).toISOString() });
  });

  it("are the clock's for a record without an eventTime", async () => {
    const start = "2026-11-22T13:00:00Z";
    const pipeline = pipelineFor(policy("noise.no-event-time", "{ limit: 1, window: 1m }"));
    await send(pipeline, "n1", at(start, 10), USER_A, null);
    await send(pipeline, "n2", at(start, 20), USER_A, null);
    const [summary] = await flushAt(pipeline, at(start, 61));
    expect(summary?.alert.record.throttle).toMatchObject({ firstSuppressed: at(start, 20).toISOString(), lastSuppressed: at(start, 20).toISOString() });
  });
});

describe("dedupe", () => {
  it("decides dedupe for a second event with the same key, and again when that event is retried", async () => {
    const start = "2026-11-22T14:00:00Z";
    const pipeline = pipelineFor(policy("noise.dedupe", "{ limit: 5, window: 1m }", 'dedupe: { key: "{{requestParameters.contactChannelId}}", window: 1h }\n'));
    const outcomes = [await send(pipeline, "o1", at(start, 1)), await send(pipeline, "o2", at(start, 2)), await send(pipeline, "o2", at(start, 3))];
    expect(outcomes.map((o) => [o.decision, o.delivered])).toEqual([["send", ["mail"]], ["dedupe", []], ["dedupe", []]]);
    expect(sns.published).toHaveLength(1);
  });
});

describe("groupBy", () => {
  it("gives each group its own budget and its own summary", async () => {
    const start = "2026-11-22T04:00:00Z";
    const pipeline = pipelineFor(policy("noise.grouped", '{ limit: 1, window: 1m, groupBy: "{{userIdentity.arn}}" }'));
    const decisions = [await send(pipeline, "d1", at(start, 1), USER_A), await send(pipeline, "d2", at(start, 2), USER_A), await send(pipeline, "d3", at(start, 3), USER_B)];
    expect(decisions.map((o) => o.decision)).toEqual(["send", "throttle", "send"]);
    const summaries = await flushAt(pipeline, at(start, 61));
    expect(summaries.map((s) => s.alert.record.throttle)).toEqual([expect.objectContaining({ group: USER_A, sampleEventIds: ["d2"] })]);
  });

  it("absent, one budget covers every caller of the policy", async () => {
    const start = "2026-11-22T05:00:00Z";
    const pipeline = pipelineFor(policy("noise.ungrouped", "{ limit: 1, window: 1m }"));
    const decisions = [await send(pipeline, "e1", at(start, 1), USER_A), await send(pipeline, "e2", at(start, 2), USER_B)];
    expect(decisions.map((o) => o.decision)).toEqual(["send", "throttle"]);
    const [summary] = await flushAt(pipeline, at(start, 61));
    expect(summary?.alert.summary).toMatch(/^1 more alert\(s\) of noise\.ungrouped were counted/);
  });
});

describe("a retried event", () => {
  it("reuses its recorded decision: a send stays a send in a full window, and nothing is counted twice", async () => {
    const start = "2026-11-22T06:00:00Z";
    const pipeline = pipelineFor(policy("noise.retry", "{ limit: 1, window: 1m }"));
    sns.down();
    const failed = await send(pipeline, "f1", at(start, 1));
    expect([failed.decision, failed.failures.length]).toEqual(["send", 1]);
    sns.heal();
    expect((await send(pipeline, "f2", at(start, 2))).decision).toBe("throttle");
    const retried = await send(pipeline, "f1", at(start, 3));
    expect([retried.decision, retried.delivered]).toEqual(["send", ["mail"]]);
    expect((await send(pipeline, "f2", at(start, 4))).decision).toBe("throttle");
    const [summary] = await flushAt(pipeline, at(start, 61));
    expect(summary?.alert.record.throttle).toMatchObject({ suppressed: 1, sampleEventIds: ["f2"], lastSuppressed: at(start, 2).toISOString() });
    expect(sns.published.map((m) => m.message).filter((m) => m.includes("f1"))).toHaveLength(1);
  });
});

describe("another container's live lease", () => {
  it("on the decision: this invocation stands down (the holder owns the alert and its retries), then takes over once the lease lapses", async () => {
    const start = "2026-11-22T07:00:00Z";
    const pipeline = pipelineFor(policy("noise.decision-lease", "{ limit: 5, window: 1m }"));
    expect(await store.claimDecision("g1", "noise.decision-lease", at(start, 0))).toBe("claimed");
    const busy = await send(pipeline, "g1", at(start, 1));
    expect([busy.decision, busy.delivered, busy.failures]).toEqual(["busy", [], []]);
    expect(sns.published).toHaveLength(0);
    const taken = await send(pipeline, "g1", at(start, LEASE_SECONDS + 1));
    expect([taken.decision, taken.delivered]).toEqual(["send", ["mail"]]);
  });

  it("on a delivery: that destination is in flight elsewhere, neither a delivery nor a failure", async () => {
    const start = "2026-11-22T08:00:00Z";
    const pipeline = pipelineFor(policy("noise.delivery-lease", "{ limit: 5, window: 1m }"));
    expect(await store.claimDelivery("h1", "noise.delivery-lease", "mail", at(start, 0))).toBe("go");
    const busy = await send(pipeline, "h1", at(start, 1));
    expect([busy.delivered, busy.skipped, busy.inFlight, busy.failures]).toEqual([[], [], ["mail"], []]);
    expect(sns.published).toHaveLength(0);
    const taken = await send(pipeline, "h1", at(start, LEASE_SECONDS + 1));
    expect([taken.delivered, taken.failures]).toEqual([["mail"], []]);
    expect(sns.published).toHaveLength(1);
  });
});

describe("flushing summaries", () => {
  it("retries a summary that failed to send at the next flush, and sends it once", async () => {
    const start = "2026-11-22T09:00:00Z";
    const pipeline = pipelineFor(policy("noise.flush-retry", "{ limit: 1, window: 1m }"));
    await send(pipeline, "i1", at(start, 1));
    await send(pipeline, "i2", at(start, 2));
    sns.down();
    const [failed] = await flushAt(pipeline, at(start, 61));
    expect(failed?.failures).toHaveLength(1);
    sns.heal();
    const [sent, ...more] = await flushAt(pipeline, at(start, 62));
    expect([sent?.delivered, more]).toEqual([["mail"], []]);
    expect(await flushAt(pipeline, at(start, 63 + LEASE_SECONDS))).toEqual([]);
    expect(sns.published.map((m) => m.message).filter((m) => m.includes("1 more alert(s) of noise.flush-retry"))).toHaveLength(1);
  });

  it("leaves a summary another container is sending to it, and takes over once its lease expires", async () => {
    const start = "2026-11-22T10:00:00Z";
    const pipeline = pipelineFor(policy("noise.flush-lease", "{ limit: 1, window: 1m }"));
    await send(pipeline, "j1", at(start, 1));
    await send(pipeline, "j2", at(start, 2));
    expect(await store.claimSummary("throttle#noise.flush-lease#*", at(start, 0).toISOString(), at(start, 61))).toBe(true);
    expect(await flushAt(pipeline, at(start, 62))).toEqual([]);
    const [taken] = await flushAt(pipeline, at(start, 62 + LEASE_SECONDS));
    expect(taken?.delivered).toEqual(["mail"]);
  });

  it("drops the summary of a policy that is no longer loaded, once, instead of failing every flush", async () => {
    const start = "2026-11-22T11:00:00Z";
    const old = pipelineFor(policy("noise.flush-gone", "{ limit: 1, window: 1m }"));
    await send(old, "k1", at(start, 1));
    await send(old, "k2", at(start, 2));
    expect(await flushAt(pipelineFor(policy("noise.flush-other", "{ limit: 1, window: 1m }")), at(start, 61))).toEqual([]);
    expect(await flushAt(old, at(start, 62 + LEASE_SECONDS))).toEqual([]);
    expect(sns.published).toHaveLength(1);
  });
});
