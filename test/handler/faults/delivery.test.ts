import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliveryFailedError } from "../../../src/pipeline/process.js";
import { lambdaContext } from "../../support/lambda-context.js";
import { captureOutput, type Captured, criticalPolicy, event, handlerIn, resetWorld, startWorld, sweepEvent, throttledPolicy, timed, type World } from "./harness.js";

// The destination rows of docs/reliability.md, through the real handler. A 4 s function
// timeout leaves a 1 s budget after the 3 s safety margin: a hang ends there, whatever the
// per-attempt timeouts. Settle times are printed, never asserted.

let world: World;
const settled: string[] = [];
const ctx = (timeoutMs = 30_000) => lambdaContext({ clock: world.clock, timeoutMs });
const isSummary = (text: string | undefined) => /more alert\(s\) of/.test(text ?? "");
const failuresOf = (error: unknown) => (error as DeliveryFailedError).failures.map((f) => [f.destination, f.policy, f.eventId]);

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  console.info(`settle times (destination faults):\n${settled.join("\n")}`);
  await world.close();
});
let out: Captured;
beforeEach(() => {
  resetWorld(world);
  out = captureOutput();
});
afterEach(() => out.restore());

describe("a destination that hangs or rate-limits costs at most the budget", () => {
  it("SNS never answers: it is failed in time and reported, Slack is delivered, and the retry re-sends only SNS", async () => {
    const handler = handlerIn(world, [criticalPolicy]);
    world.sns.hang();
    out.clear();
    const run = await timed(() => handler(event("s1"), ctx(4000)));
    settled.push(`  SNS never answers: ${run.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(run.error).toBeInstanceOf(DeliveryFailedError);
    expect(failuresOf(run.error)).toEqual([["email", "ssm-contacts.root", "evt-s1"]]);
    expect((run.error as DeliveryFailedError).failures[0]?.reason).toMatch(/^no answer in time/);
    expect(world.slack.posts).toHaveLength(1);
    const failed = out.logs().find((l) => l["message"] === "alert delivery failed");
    expect(failed).toMatchObject({ policy: "ssm-contacts.root", eventID: "evt-s1", destination: "email" });
    const emf = out.metrics();
    expect(emf.find((m) => m["destination"] === undefined)).toMatchObject({ AlertsDelivered: 1, AlertsFailed: 1 });
    expect(emf.find((m) => m["destination"] === "email")).toMatchObject({ AlertsFailed: 1 });

    world.sns.heal();
    const retry = await timed(() => handler(event("s1"), ctx()));
    settled.push(`  ...Lambda's retry: ${retry.ms} ms; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(retry.result).toMatchObject({ delivered: 1 });
    expect([world.sns.published.length, world.slack.posts.length]).toEqual([1, 1]);
  }, 15_000);

  it("Slack answers 429 with Retry-After: 20 forever: a wait past the budget is not taken, Slack fails now, SNS is unaffected", async () => {
    const handler = handlerIn(world, [criticalPolicy]);
    world.slack.rateLimit(Number.POSITIVE_INFINITY, 20);
    const sleepsBefore = world.clock.sleeps.length;
    const run = await timed(() => handler(event("r1"), ctx(30_000)));
    settled.push(`  Slack 429 Retry-After 20 forever: ${run.ms} ms real, ${world.clock.sleeps.slice(sleepsBefore).join("+")} ms on the clock; SNS ${world.sns.published.length}, Slack ${world.slack.posts.length}`);
    expect(run.error).toBeInstanceOf(DeliveryFailedError);
    expect(failuresOf(run.error)).toEqual([["slack", "ssm-contacts.root", "evt-r1"]]);
    expect((run.error as DeliveryFailedError).failures[0]?.reason).toMatch(/^ratelimited \(Retry-After 20 s is longer than the \d+ ms left in the budget/);
    // One 20 s wait fitted the 27 s budget (on the injected clock); the second would not.
    expect(world.clock.sleeps.slice(sleepsBefore)).toEqual([20_000]);
    expect(world.sns.published).toHaveLength(1);
  }, 15_000);
});

describe("owed summaries never delay the incoming event", () => {
  it("Slack down, six summaries owed, then a new critical event: it is e-mailed first; summaries follow per destination", async () => {
    const burst = throttledPolicy(1);
    world.clock.set("2026-11-20T12:00:00Z");
    const setup = handlerIn(world, [burst]);
    for (let channel = 1; channel <= 6; channel++) {
      for (const n of [1, 2]) await setup(event(`o${channel}-${n}`, `owed-${channel}`), ctx());
    }
    resetWorld(world);
    world.clock.set("2026-11-20T12:01:30Z");
    world.slack.hang();
    const handler = handlerIn(world, [burst, criticalPolicy]);
    out.clear();
    const run = await timed(() => handler(event("new", "fresh"), ctx(4000)));
    settled.push(`  Slack hung, 6 summaries owed, new event: ${run.ms} ms; SNS ${world.sns.published.length} (summaries ${world.sns.published.filter((m) => isSummary(m.message)).length}), Slack ${world.slack.posts.length}`);
    expect(run.error).toBeInstanceOf(DeliveryFailedError);
    // Both policies fired on the one event: one message per destination (#14).
    expect(failuresOf(run.error).map(([d]) => d)).toEqual(["slack"]);
    expect(world.sns.published.map((m) => isSummary(m.message))).toEqual([false]);
    expect(out.logs().find((l) => String(l["message"]).startsWith("throttle summaries left for the scheduled sweep"))).toMatchObject({ deferred: 6 });

    // The sweep, Slack still hung: every summary is e-mailed at once; Slack's wait for each is the same budget.
    out.clear();
    const sweep = await timed(() => handler(sweepEvent, ctx(5000)));
    settled.push(`  ...sweep, Slack still hung: ${sweep.ms} ms; SNS summaries ${world.sns.published.filter((m) => isSummary(m.message)).length}, Slack ${world.slack.posts.length}`);
    expect(sweep.result).toMatchObject({ summaries: 6 });
    expect(world.sns.published.filter((m) => isSummary(m.message))).toHaveLength(6);
    expect(out.metrics().find((m) => m["destination"] === undefined)).toMatchObject({ SummariesOwed: 6, SummariesSent: 0 });

    // Slack back: the next sweep sends the six to Slack only (the ledger skips the e-mails).
    world.slack.heal();
    const recovered = await timed(() => handler(sweepEvent, ctx()));
    settled.push(`  ...sweep, Slack back: ${recovered.ms} ms; SNS summaries ${world.sns.published.filter((m) => isSummary(m.message)).length}, Slack summaries ${world.slack.posts.filter((p) => isSummary(p.text)).length}`);
    expect(world.slack.posts.filter((p) => isSummary(p.text))).toHaveLength(6);
    expect(world.sns.published.filter((m) => isSummary(m.message))).toHaveLength(6);
  }, 20_000);
});
