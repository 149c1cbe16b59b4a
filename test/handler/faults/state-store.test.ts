import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CloudTrailEvent, InvocationResult } from "../../../src/handler/lambda.js";
import { THROTTLED } from "../../support/dynamo-faults.js";
import { lambdaContext } from "../../support/lambda-context.js";
import { captureOutput, type Captured, criticalPolicy, event, handlerIn, resetWorld, startWorld, sweepEvent, throttledPolicy, timed, type World } from "./harness.js";

// The state-store rows of docs/reliability.md, through the real handler: dynalite behind the
// fault proxy, fake SNS and Slack, an injected clock. Settle times are printed, never asserted.

let world: World;
const settled: string[] = [];
const ctx = (timeoutMs = 30_000) => lambdaContext({ clock: world.clock, timeoutMs });
const summaryCount = (text: string) => Number(/(\d+) more alert\(s\) of/.exec(text)?.[1] ?? 0);

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  console.info(`settle times (state store faults):\n${settled.join("\n")}`);
  await world.close();
});
let out: Captured;
beforeEach(() => {
  resetWorld(world);
  out = captureOutput();
});
afterEach(() => out.restore());

describe("DynamoDB faults fail open", () => {
  it("throttling on every request: alerts still go out, the message and the log say noise control was unavailable, a metric counts it", async () => {
    world.proxy.add({ fault: THROTTLED });
    out.clear();
    const run = await timed(() => handlerIn(world, [criticalPolicy])(event("t1"), ctx()));
    settled.push(`  DynamoDB throttles everything: ${run.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ alerts: 1, delivered: 2, degraded: [expect.stringMatching(/noise control unavailable .*ProvisionedThroughputExceededException/)] });
    expect(world.proxy.passed).toEqual([]);
    expect(world.sns.published[0]?.message).toMatch(/^NOTE: Trailwatch noise control \(its DynamoDB state\) was unavailable/m);
    expect(JSON.stringify(world.slack.posts[0]?.blocks)).toContain("noise control (its DynamoDB state) was unavailable");
    expect(out.logs("ERROR").map((l) => l["message"])).toContain("noise control unavailable: alerts are delivered without dedupe or throttling");
    const emf = out.metrics();
    expect(emf.find((m) => m["destination"] === undefined)).toMatchObject({ AlertsDegraded: 2, AlertsDelivered: 2, AlertsFailed: 0 });
    expect(emf.filter((m) => m["AlertsDegraded"] !== undefined && m["destination"] !== undefined).map((m) => m["destination"]).sort()).toEqual(["email", "slack"]);
  });

  it("a table that accepts the connection and never answers: each call has a deadline, then fail open", async () => {
    world.proxy.add({ fault: "hold" });
    const run = await timed(() => handlerIn(world, [criticalPolicy])(event("h1"), ctx()));
    settled.push(`  DynamoDB never answers: ${run.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ delivered: 2, degraded: [expect.stringMatching(/noise control unavailable \(deciding dedupe\/throttle: no answer in time/)] });
    // The silences read (one Query, its own deadline, fails open: nothing held) and the first
    // decision call, whose deadline switched the store off for the invocation: no call after it.
    expect(new Set(world.proxy.faulted)).toEqual(new Set(["Query", "PutItem"]));
    expect([world.sns.published.length, world.slack.posts.length]).toEqual([1, 1]);
  });
});

describe("leases and markers", () => {
  it("attempt 1 killed mid-delivery: its lease ends with the function's timeout, so the first retry (60 s later) takes over", async () => {
    const handler = handlerIn(world, [criticalPolicy]);
    world.slack.hang();
    const attempt1 = handler(event("k1"), ctx(30_000));
    attempt1.catch(() => undefined);
    // Attempt 1 is mid-delivery to Slack when Lambda's timeout kills it: it never settles.
    await vi.waitFor(() => expect(world.slack.http.held.filter((r) => r.body.includes("evt-k1"))).toHaveLength(1));
    world.slack.heal();
    world.clock.advance(60_000);
    const retry = await timed(() => handler(event("k1"), ctx(30_000)));
    settled.push(`  retry after a killed attempt: ${retry.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(retry.error).toBeUndefined();
    expect(retry.result).toMatchObject({ delivered: 1 });
    expect([world.sns.published.length, world.slack.posts.length]).toEqual([1, 1]);
  });

  it("one throttled PutItem of the pending-summary marker: the window's summary still arrives after it closes", async () => {
    const handler = handlerIn(world, [throttledPolicy(2)], { store: "fast" });
    world.clock.set("2026-11-20T11:00:00Z");
    // Lambda retries a failed invocation; a second failure would park it in the failure queue.
    const lambda = (e: CloudTrailEvent) => handler(e, ctx()).catch(() => handler(e, ctx()).catch(() => undefined));
    await lambda(event("m1", "same"));
    await lambda(event("m2", "same"));
    // Every attempt of one PutItem of the marker (the store's client makes two) is throttled.
    world.proxy.add({ operation: "PutItem", when: (r) => r.body.includes('"summaries"'), fault: THROTTLED, times: 2 });
    await lambda(event("m3", "same"));
    await lambda(event("m4", "same"));
    world.clock.set("2026-11-20T11:01:30Z");
    const sweep = await timed(() => handler(sweepEvent, ctx()));
    settled.push(`  throttled summary marker, then the sweep: ${sweep.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(world.proxy.faulted).toEqual(["PutItem", "PutItem"]);
    const summaries = world.sns.published.filter((m) => summaryCount(m.message) > 0);
    expect(summaries).toHaveLength(1);
    // Nothing vanished: each of the 4 events was sent, or counted in the summary (m3 went out
    // undecided while the store failed, and is also counted: seen twice, never lost).
    const sent = world.sns.published.length - summaries.length;
    expect(sent + summaryCount(summaries[0]?.message ?? "")).toBeGreaterThanOrEqual(4);
    expect(world.slack.posts.filter((p) => summaryCount(p.text ?? "") > 0)).toHaveLength(1);
  });
});

describe("at-least-once delivery of events", () => {
  it("the same event twice at once: one send, and the duplicate stands down without a function error", async () => {
    const handler = handlerIn(world, [criticalPolicy]);
    world.slack.hang();
    const first = handler(event("d1"), ctx());
    await vi.waitFor(() => expect(world.slack.http.held.filter((r) => r.body.includes("evt-d1"))).toHaveLength(1));
    world.slack.heal();
    const duplicate = await timed(() => handler(event("d1"), ctx()));
    settled.push(`  duplicate while the first is in flight: ${duplicate.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length} (first still in flight)`);
    expect(duplicate.error).toBeUndefined();
    expect(duplicate.result).toMatchObject({ delivered: 0, skipped: [expect.stringMatching(/another invocation is delivering to slack now/)] });
    await world.slack.http.releaseHeld((r) => r.body.includes("evt-d1"));
    expect((await first) as InvocationResult).toMatchObject({ delivered: 2 });
    expect([world.sns.published.length, world.slack.posts.length]).toEqual([1, 1]);
  });

  it("a duplicate while the first is still deciding stands down too; the first fails open and sends once", async () => {
    const handler = handlerIn(world, [criticalPolicy]);
    // The first invocation's write of its decision hangs (both attempts): it is mid-decision.
    world.proxy.add({ operation: "UpdateItem", when: (r) => r.body.includes("evt#evt-d2#") && r.body.includes('"decision"'), fault: "hold", times: 2 });
    const first = handler(event("d2"), ctx());
    await vi.waitFor(() => expect(world.proxy.faulted).toContain("UpdateItem"));
    const duplicate = await timed(() => handler(event("d2"), ctx()));
    settled.push(`  duplicate while the first is deciding: ${duplicate.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(duplicate.error).toBeUndefined();
    expect(duplicate.result).toMatchObject({ delivered: 0, skipped: [expect.stringMatching(/another invocation is handling eventID evt-d2 now/)] });
    expect(await first).toMatchObject({ delivered: 2, degraded: [expect.stringMatching(/no answer in time/)] });
    expect([world.sns.published.length, world.slack.posts.length]).toEqual([1, 1]);
  });
});
