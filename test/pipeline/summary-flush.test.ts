import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Deadline, systemClock } from "../../src/deadline.js";
import { shortHash } from "../../src/pipeline/noise-keys.js";
import { processRecord, startInvocation, type Invocation, type Pipeline } from "../../src/pipeline/process.js";
import { createPipeline } from "../../src/pipeline/setup.js";
import { flushSummaries, MAX_SUMMARIES_PER_FLUSH, SUMMARY_MIN_BUDGET_MS, type FlushReport } from "../../src/pipeline/summary-flush.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";
import { LEASE_SECONDS, StateStore } from "../../src/state/store.js";
import { INTERNAL_ERROR, startDynamoFaultProxy, type DynamoFaultProxy } from "../support/dynamo-faults.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import type { RecordedRequest } from "../support/http-server.js";
import { repoRoot } from "../support/shared.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

// The summary flush step by step: dynalite behind the fault proxy (one store call fails while
// the others pass), SNS over HTTP, a clock the test sets. Each test uses its own hour.
const TOPIC = "arn:aws:sns:us-east-1:111122223333:trailwatch-alerts";
const base = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.json"), "utf8")) as CloudTrailRecord;
const user = (n: number) => `arn:aws:iam::111122223333:user/u${String(n).padStart(2, "0")}`;

let sns: SnsServer;
let dynamo: LocalDynamo;
let proxy: DynamoFaultProxy;
let store: StateStore;
let clock: Date;
const logged: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
const logger = {
  info: () => undefined,
  warn: (message: string, extra: Record<string, unknown> = {}) => void logged.push({ level: "warn", message, extra }),
  error: (message: string, extra: Record<string, unknown> = {}) => void logged.push({ level: "error", message, extra }),
};
const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000);

function policy(id: string): Policy {
  const yaml = `title: Channel deleted\nseverity: high\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContactChannel]\nthrottle: { limit: 1, window: 1m, groupBy: "{{userIdentity.arn}}" }\n`;
  const { policy: loaded, diagnostics } = loadPolicyText(yaml, `${id}.yml`, id, { tests: false });
  if (!loaded) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return loaded;
}

function pipelineFor(p: Policy, withState = true): Pipeline {
  const { config } = loadRoutingConfigText(`destinations:\n  mail: { type: sns, topicArn: ${TOPIC} }\ndefault: [mail]\n`, "trailwatch.yml", {});
  if (!config) throw new Error("no routing");
  const deps = { env: {}, sns: { retryStrategy: new ConfiguredRetryStrategy(1, 0) } };
  return createPipeline({ policySet: createPolicySet([p]), routing: config, logger, deps, ...(withState ? { noise: { store, now: () => clock } } : {}) });
}

/** An invocation on the test's clock with `budgetMs` left; its claims lapse with it. */
function invocationAt(pipeline: Pipeline, time: Date, budgetMs = 30_000): Invocation {
  clock = time;
  const deadline = new Deadline(time.getTime() + budgetMs, { now: () => clock.getTime(), sleep: systemClock.sleep });
  return startInvocation(pipeline, deadline, new Date(deadline.endsAt));
}

/** Users 1..n each send two records in the hour's first minute: n windows, each owing a summary. */
async function burst(pipeline: Pipeline, start: string, users: number): Promise<void> {
  for (let n = 1; n <= users; n++) {
    for (const i of [1, 2]) {
      const time = at(start, n + i);
      const record = { ...base, eventID: `${start}-${n}-${i}`, eventTime: time.toISOString(), userIdentity: { ...(base.userIdentity as object), type: "IAMUser", arn: user(n) } };
      await processRecord(pipeline, record, invocationAt(pipeline, time));
    }
  }
}

async function flush(pipeline: Pipeline, time: Date, budgetMs?: number): Promise<{ report: FlushReport; unavailable: string | undefined }> {
  const invocation = invocationAt(pipeline, time, budgetMs);
  const report = await flushSummaries(pipeline, invocation);
  return { report, unavailable: invocation.noise?.unavailable };
}

const summaries = () => sns.published.filter((m) => m.message.includes("more alert(s) of"));
const mentions = (text: string) => (request: RecordedRequest) => request.body.includes(text);

beforeAll(async () => {
  [sns, dynamo] = await Promise.all([startSnsServer(), startDynamo()]);
  proxy = await startDynamoFaultProxy(dynamo.url);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_SNS: sns.url, AWS_ENDPOINT_URL_DYNAMODB: proxy.url });
  store = new StateStore(dynamo.table, { retryStrategy: new ConfiguredRetryStrategy(2, 0) });
});

afterAll(async () => {
  store.destroy();
  await Promise.all([sns.close(), proxy.close()]);
  await dynamo.close();
});

beforeEach(() => {
  sns.published.length = 0;
  sns.heal();
  proxy.heal();
  logged.length = 0;
});

// Whatever a test left owed is not the next test's business: every flush lists all of it.
afterEach(async () => {
  proxy.heal();
  for (const owed of await store.dueSummaries(new Date("2027-01-01T00:00:00Z"))) await store.removePendingSummary(owed.sk);
});

describe("a flush", () => {
  it("without a state table owes nothing", async () => {
    expect((await flush(pipelineFor(policy("flush.stateless"), false), new Date("2026-11-23T00:00:00Z"))).report).toEqual({ owed: 0, outcomes: [], deferred: 0 });
  });

  it(`sends at most ${MAX_SUMMARIES_PER_FLUSH} summaries; the rest wait for the next flush`, async () => {
    const start = "2026-11-23T01:00:00Z";
    const pipeline = pipelineFor(policy("flush.many"));
    await burst(pipeline, start, MAX_SUMMARIES_PER_FLUSH + 1);
    const first = (await flush(pipeline, at(start, 61))).report;
    expect([first.owed, first.outcomes.length, first.deferred]).toEqual([MAX_SUMMARIES_PER_FLUSH + 1, MAX_SUMMARIES_PER_FLUSH, 1]);
    const second = (await flush(pipeline, at(start, 62))).report;
    expect([second.owed, second.outcomes.length, second.deferred]).toEqual([1, 1, 0]);
    expect((await flush(pipeline, at(start, 63))).report).toEqual({ owed: 0, outcomes: [], deferred: 0 });
    expect(summaries()).toHaveLength(MAX_SUMMARIES_PER_FLUSH + 1);
  });

  it("removes a sent summary's marker: the next flush owes nothing", async () => {
    const start = "2026-11-23T02:00:00Z";
    const pipeline = pipelineFor(policy("flush.marker"));
    await burst(pipeline, start, 1);
    expect((await flush(pipeline, at(start, 61))).report).toMatchObject({ owed: 1, deferred: 0 });
    expect((await flush(pipeline, at(start, 62))).report).toEqual({ owed: 0, outcomes: [], deferred: 0 });
    expect((await store.dueSummaries(at(start, 62))).filter((p) => p.windowPk.startsWith("throttle#flush.marker#"))).toEqual([]);
  });

  it("goes past a summary another container holds to the next one in line", async () => {
    const start = "2026-11-23T03:00:00Z";
    const pipeline = pipelineFor(policy("flush.in-line"));
    await burst(pipeline, start, 2);
    expect(await store.claimSummary(`throttle#flush.in-line#${user(1)}`, at(start, 0).toISOString(), at(start, 61))).toBe(true);
    const { report } = await flush(pipeline, at(start, 62));
    expect(report.outcomes.map((o) => o.alert.record.throttle)).toEqual([expect.objectContaining({ group: user(2) })]);
  });

  it("keeps a summary whose delivery is in flight elsewhere owed, and sends it once that lease lapses", async () => {
    const start = "2026-11-23T04:00:00Z";
    const pipeline = pipelineFor(policy("flush.in-flight"));
    await burst(pipeline, start, 1);
    const summaryId = `summary-${shortHash(`throttle#flush.in-flight#${user(1)}|${at(start, 0).toISOString()}`)}`;
    expect(await store.claimDelivery(summaryId, "flush.in-flight", "mail", at(start, 61))).toBe("go");
    const held = (await flush(pipeline, at(start, 62))).report;
    expect([held.outcomes[0]?.inFlight, summaries().length]).toEqual([["mail"], 0]);
    const later = (await flush(pipeline, at(start, 62 + LEASE_SECONDS))).report;
    expect([later.owed, later.outcomes[0]?.delivered, summaries().length]).toEqual([1, ["mail"], 1]);
  });
});

describe("a flush with too little budget left", () => {
  it("leaves what is owed for the scheduled sweep, and says so", async () => {
    const start = "2026-11-23T05:00:00Z";
    const pipeline = pipelineFor(policy("flush.budget"));
    await burst(pipeline, start, 1);
    expect((await flush(pipeline, at(start, 61), SUMMARY_MIN_BUDGET_MS - 1)).report).toEqual({ owed: 1, outcomes: [], deferred: 1 });
    expect(logged.map((l) => [l.level, l.message, l.extra["deferred"]])).toEqual([["warn", "throttle summaries left for the scheduled sweep: the invocation's budget is spent", 1]]);
    expect((await flush(pipeline, at(start, 62))).report).toMatchObject({ owed: 1, deferred: 0, outcomes: [expect.objectContaining({ delivered: ["mail"] })] });
  });

  it("says nothing when nothing is owed", async () => {
    const { report } = await flush(pipelineFor(policy("flush.nothing")), new Date("2026-11-23T06:00:00Z"), SUMMARY_MIN_BUDGET_MS - 1);
    expect([report, logged]).toEqual([{ owed: 0, outcomes: [], deferred: 0 }, []]);
  });
});

describe("a store call that fails during a flush", () => {
  // Each failure switches noise control off for the invocation; the reason names the step.
  async function failing(start: string, id: string, rule: { operation: string; when: (r: RecordedRequest) => boolean }, policyGone = false) {
    const pipeline = pipelineFor(policy(id));
    await burst(pipeline, start, 1);
    proxy.add({ ...rule, fault: INTERNAL_ERROR });
    const flushed = await flush(policyGone ? pipelineFor(policy(`${id}-other`)) : pipeline, at(start, 61));
    proxy.heal();
    expect(logged.filter((l) => l.level === "error")).toEqual([{ level: "error", message: "noise control unavailable: alerts are delivered without dedupe or throttling", extra: { reason: flushed.unavailable } }]);
    return { ...flushed, pipeline };
  }

  it("listing what is owed: nothing is sent, the flush does not throw", async () => {
    const { report, unavailable } = await failing("2026-11-23T07:00:00Z", "flush.list", { operation: "Query", when: mentions('"summaries"') });
    expect([report, unavailable]).toEqual([{ owed: 0, outcomes: [], deferred: 0 }, expect.stringMatching(/^listing owed summaries: InternalServerError/)]);
  });

  it("claiming a summary: it stays owed and the next flush sends it", async () => {
    const start = "2026-11-23T08:00:00Z";
    const { report, unavailable, pipeline } = await failing(start, "flush.claim", { operation: "UpdateItem", when: mentions("summaryClaimedUntil = :lease") });
    expect([report.outcomes, unavailable]).toEqual([[], expect.stringMatching(/^claiming a summary: InternalServerError/)]);
    expect((await flush(pipeline, at(start, 62))).report.outcomes.map((o) => o.delivered)).toEqual([["mail"]]);
  });

  it("reading the window", async () => {
    const { report, unavailable } = await failing("2026-11-23T09:00:00Z", "flush.read", { operation: "GetItem", when: mentions("throttle#flush.read#") });
    expect([report.outcomes, unavailable]).toEqual([[], expect.stringMatching(/^reading a throttle window: InternalServerError/)]);
  });

  it("removing the marker of a policy that is gone", async () => {
    const { unavailable } = await failing("2026-11-23T10:00:00Z", "flush.stale", { operation: "DeleteItem", when: mentions('"summaries"') }, true);
    expect(unavailable).toMatch(/^removing a stale summary marker: InternalServerError/);
  });

  it("settling a sent summary: it was delivered all the same", async () => {
    const { report, unavailable } = await failing("2026-11-23T11:00:00Z", "flush.settle", { operation: "UpdateItem", when: mentions("SET summarySentAt") });
    expect([report.outcomes.map((o) => o.delivered), unavailable]).toEqual([[["mail"]], expect.stringMatching(/^settling a summary: InternalServerError/)]);
  });

  it("removing a sent summary's marker: it was delivered all the same", async () => {
    const { report, unavailable } = await failing("2026-11-23T12:00:00Z", "flush.remove", { operation: "DeleteItem", when: mentions('"summaries"') });
    expect([report.outcomes.map((o) => o.delivered), unavailable]).toEqual([[["mail"]], expect.stringMatching(/^removing a sent summary's marker: InternalServerError/)]);
  });
});
