import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isGzip } from "../../src/input/decode.js";
import { compilePattern } from "../../src/pattern/index.js";
import { runCli } from "../support/cli.js";
import { expectNoPollution, expectSafeBody, expectSafeSlackPost, expectSafeStderr, expectSafeSubject, expectSafeTerminal, slackTexts } from "./support/checks.js";
import { buildText } from "./support/generators.js";
import { fixturePolicies, runEval, startHarness, writeRules, type AlertHandler, type Harness, type Invocations, type Outcome } from "./support/harness.js";
import {
  envelopeText, hostileRecordText, inputBytes, loadManifest, policyText, validRecordText, VALID_ALERTS,
  type EventCase, type PolicyCase, type WildcardCase,
} from "./support/manifest.js";

/**
 * The hostile corpus (test/fixtures/hostile/cases.json), table-driven. Each event case runs
 * through `eval` (one `{"Records":[valid, hostile, valid]}` file) and through the handler
 * (one invocation per record); either way the valid records must still alert, and nothing
 * may crash, hang, inject or pollute.
 */
const manifest = loadManifest();
const VALID_BEFORE = "valid-before-0001";
const VALID_AFTER = "valid-after-0002";

let h: Harness;
let handler: AlertHandler;
let dir: string;

beforeAll(async () => {
  h = await startHarness();
  handler = h.handler();
  dir = h.tempDir("inputs");
});
afterAll(async () => h.close());

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 60);

function evalInput(c: EventCase): { bytes: Buffer; validIds: string[] } {
  if (c.input !== undefined) return inputBytes(c);
  const units = [validRecordText(VALID_BEFORE), hostileRecordText(c), validRecordText(VALID_AFTER)];
  return { bytes: Buffer.from(`{"Records":[${units.join(",")}]}`), validIds: [VALID_BEFORE, VALID_AFTER] };
}

/** What the Lambda gets: the record in an EventBridge event; a whole input arrives as its JSON value, or as a string. */
function handlerEvent(c: EventCase): unknown {
  if (c.input !== undefined) {
    const { bytes } = inputBytes(c);
    if (isGzip(bytes)) return bytes.toString("base64");
    const text = bytes.toString("utf8");
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const record = hostileRecordText(c);
  return JSON.parse(c.envelope === false ? record : envelopeText(record)) as unknown;
}

const validEvent = (id: string): unknown => JSON.parse(envelopeText(validRecordText(id))) as unknown;
const thrown = (error: unknown): string | undefined => (error === undefined ? undefined : error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The SNS messages and Slack posts of one eventID (its e-mail footer line, its Slack context code span). */
function deliveriesOf(run: Invocations, id: string): Pick<Invocations, "published" | "posts"> {
  return {
    published: run.published.filter((m) => m.message.includes(`\neventID: ${id}\n`)),
    posts: run.posts.filter((p) => slackTexts(p).some((t) => t.includes(`eventID \`${id}\``))),
  };
}

function expectDelivered(outcome: Outcome | undefined, deliveries: Pick<Invocations, "published" | "posts">, alerts: number): void {
  expect(thrown(outcome?.error)).toBeUndefined();
  expect(outcome?.result).toMatchObject({ alerts, delivered: 2 * alerts });
  // One event, one message per destination, whatever number of policies fired (#14).
  expect(deliveries.published).toHaveLength(Math.min(alerts, 1));
  expect(deliveries.posts).toHaveLength(Math.min(alerts, 1));
}

function expectSafeDeliveries(run: Invocations): void {
  for (const message of run.published) {
    expectSafeSubject(message.subject);
    expectSafeBody(message.message);
  }
  for (const post of run.posts) expectSafeSlackPost(post);
}

async function checkEval(c: EventCase): Promise<void> {
  const { bytes, validIds } = evalInput(c);
  const run = await runEval(dir, `${slug(c.name)}.json`, bytes);
  const exit = c.expect.exit ?? 0;
  expect([run.json.code, run.text.code]).toEqual([exit, exit]);
  const problems = run.json.stderr.split("\n").filter((l) => l !== "");
  expect(problems).toHaveLength(c.expect.problems?.length ?? 0);
  c.expect.problems?.forEach((p, i) => expect(problems[i]).toMatch(new RegExp(p)));
  expectSafeStderr(run.json.stderr);
  if (exit === 0) for (const id of validIds) expect(run.alerts.filter((a) => a.eventId === id), `alerts of valid record ${id}`).toHaveLength(VALID_ALERTS);
  const hostile = run.alerts.filter((a) => !validIds.includes(a.eventId));
  expect(hostile).toHaveLength(c.expect.alerts ?? 0);
  for (const [policy, summary] of Object.entries(c.expect.summaries ?? {})) {
    const chosen = hostile.filter((a) => policy === "*" || a.policy === policy);
    expect(chosen.length, `alerts of ${policy}`).toBeGreaterThan(0);
    for (const alert of chosen) expect(alert.summary).toMatch(new RegExp(summary));
  }
  expectSafeTerminal(run.text.stdout, run.alerts.length);
  expectNoPollution();
}

async function checkHandler(c: EventCase): Promise<void> {
  const run = await h.invoke(handler, [validEvent(VALID_BEFORE), handlerEvent(c), validEvent(VALID_AFTER)]);
  const [before, hostile, after] = run.outcomes;
  const valid = [deliveriesOf(run, VALID_BEFORE), deliveriesOf(run, VALID_AFTER)] as const;
  expectDelivered(before, valid[0], VALID_ALERTS);
  expectDelivered(after, valid[1], VALID_ALERTS);
  const rest = {
    published: run.published.filter((m) => !valid.some((v) => v.published.includes(m))),
    posts: run.posts.filter((p) => !valid.some((v) => v.posts.includes(p))),
  };
  const want = c.expect.handler ?? { alerts: c.expect.alerts, dropped: c.expect.dropped };
  if (want.dropped !== undefined) {
    expect(thrown(hostile?.error)).toBeUndefined();
    expect(hostile?.result).toEqual({ dropped: true, reason: expect.stringMatching(new RegExp(want.dropped)) });
    expect([rest.published, rest.posts]).toEqual([[], []]);
  } else {
    expectDelivered(hostile, rest, want.alerts ?? 0);
  }
  expectSafeDeliveries(run);
  expectNoPollution();
}

const title = (c: { category: string; name: string }): string => `${c.category}: ${c.name}`;
const byBug = (side: "eval" | "handler", known: boolean) => (c: EventCase) => (c.bugs?.[side] !== undefined) === known;
/** TRAILWATCH_HOSTILE_BUGS=1 runs the known-bug cases as plain tests, to see how each one fails. */
const knownBug = process.env.TRAILWATCH_HOSTILE_BUGS === "1" ? it : it.fails;

describe("hostile events through `eval`", () => {
  it.each(manifest.events.filter(byBug("eval", false)).map((c) => [title(c), c] as const))("%s", (_t, c) => checkEval(c));
  // Known bugs outside this suite's files (see each case's `bugs.eval`): these pass once fixed, then drop the mark.
  knownBug.each(manifest.events.filter(byBug("eval", true)).map((c) => [title(c), c] as const))("KNOWN BUG %s", (_t, c) => checkEval(c));
});

describe("hostile events through the handler (one invocation per record)", () => {
  it.each(manifest.events.filter(byBug("handler", false)).map((c) => [title(c), c] as const))("%s", (_t, c) => checkHandler(c));
  knownBug.each(manifest.events.filter(byBug("handler", true)).map((c) => [title(c), c] as const))("KNOWN BUG %s", (_t, c) => checkHandler(c));
});

describe("hostile policy files through `validate`", () => {
  it.each(manifest.policies.map((c) => [title(c), c] as const))("%s", async (_t, c: PolicyCase) => {
    const rules = writeRules(h.tempDir("rules"), { [c.path]: policyText(c) });
    const r = await runCli(["validate", "--rules", rules]);
    expect(r.code).toBe(c.expect.exit);
    for (const pattern of c.expect.output ?? []) expect(r.stdout).toMatch(new RegExp(pattern, "m"));
    if (c.expect.policies !== undefined) expect(r.stdout).toMatch(new RegExp(`^${c.expect.policies} policies, `, "m"));
    expect(r.stdout.length, "diagnostics quote values, never whole files").toBeLessThan(100_000);
    expectNoPollution();
  });
});

function wildcardPolicy(pattern: string): string {
  return `title: Wildcard probe\nseverity: high\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  requestParameters:\n    contactChannelId: [{ wildcard: ${JSON.stringify(pattern)} }]\n`;
}

describe("pathological wildcard patterns: matcher, `eval` and handler agree", () => {
  it.each(manifest.wildcards.map((c) => [title(c), c] as const))("%s", async (_t, c: WildcardCase) => {
    const [pattern, text] = [buildText(c.pattern), buildText(c.text)];
    const compiled = compilePattern({ requestParameters: { contactChannelId: [{ wildcard: pattern }] } });
    expect(compiled.matches({ requestParameters: { contactChannelId: text } })).toBe(c.expect.match);

    const rules = writeRules(h.tempDir("wild"), { "wild/probe.yml": wildcardPolicy(pattern) });
    const record = JSON.stringify({ ...JSON.parse(validRecordText("wild-0001")), requestParameters: { contactChannelId: text } });
    const alerts = c.expect.match ? 1 : 0;
    const run = await runEval(dir, `${slug(c.name)}.json`, `{"Records":[${record}]}`, rules);
    expect(run.json.code).toBe(0);
    expect(run.alerts).toHaveLength(alerts);
    const inv = await h.invoke(h.handler(fixturePolicies(rules)), [JSON.parse(envelopeText(record))]);
    expectDelivered(inv.outcomes[0], inv, alerts);
    expectSafeDeliveries(inv);
  });
});
