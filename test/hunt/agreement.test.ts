import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { cleanTemp, tempTree } from "../replay/fixtures.js";

/**
 * The contract of `hunt --engine duckdb`: for any corpus and policy set it reports exactly what
 * `replay` reports. Corpora mix S3 log files (some gzipped), JSON lines, EventBridge envelopes,
 * values that are not records, list-valued fields, and mixed-case duplicate keys (`ARN`/`arn`,
 * `eventName`/`EventName`) that break DuckDB's schema detection.
 */

const SOURCES = ["ssm-contacts.amazonaws.com", "ssm-incidents.amazonaws.com", "kms.amazonaws.com"];
const NAMES = ["DeleteContact", "AcceptPage", "TagResource", "GetContact"];
const ERRORS = ["AccessDenied", "ThrottlingException"];
const REGIONS = ["us-east-1", "eu-west-1"];
const TYPES = ["Root", "IAMUser", "AssumedRole"];
const CODES = ["IGNORE", "ENFORCE"];

const oneOrList = <T>(values: readonly T[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.subarray([...values], { minLength: 1 }) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const record = fc.record({
  eventSource: fc.constantFrom(...SOURCES),
  eventName: fc.constantFrom(...NAMES),
  day: fc.integer({ min: 1, max: 9 }),
  hour: fc.integer({ min: 0, max: 23 }),
  errorCode: maybe(fc.oneof(oneOrList(ERRORS), fc.constant(null))),
  awsRegion: maybe(oneOrList(REGIONS)),
  identity: fc.oneof(
    fc.record({ type: oneOrList(TYPES), ARN: fc.constant("arn:aws:iam::111122223333:root"), arn: fc.constant("arn:aws:iam::111122223333:user/x") }),
    fc.constant([{ type: "Root" }]),
    fc.constant(undefined),
  ),
  code: maybe(fc.oneof(oneOrList(CODES), fc.constant(7))),
  shadow: maybe(fc.constantFrom(...NAMES)),
  envelope: fc.boolean(),
});

type RecordSpec = typeof record extends fc.Arbitrary<infer T> ? T : never;

function build(spec: RecordSpec, id: number): unknown {
  const r: Record<string, unknown> = {
    eventVersion: "1.09",
    eventTime: `2026-11-0${spec.day}T${String(spec.hour).padStart(2, "0")}:15:00Z`,
    eventSource: spec.eventSource,
    eventName: spec.eventName,
    eventID: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    recipientAccountId: "111122223333",
  };
  if (spec.errorCode !== undefined) r.errorCode = spec.errorCode;
  if (spec.awsRegion !== undefined) r.awsRegion = spec.awsRegion;
  if (spec.identity !== undefined) r.userIdentity = spec.identity;
  if (spec.code !== undefined) r.requestParameters = { acceptCodeValidation: spec.code, ARN: "x", arn: "y" };
  // Same name but for case: EventBridge (and replay) tell them apart; so must the query.
  if (spec.shadow !== undefined) Object.assign(r, { EventName: spec.shadow, eventname: spec.shadow, AWSRegion: "eu-west-1", ErrorCode: "AccessDenied" });
  return spec.envelope ? { version: "0", "detail-type": "AWS API Call via CloudTrail", source: "aws.ssm", detail: r } : r;
}

/** Policies pin a few fields each, so some match: a pattern pinning all seven rarely would. */
const pin = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const field = fc.record({
  eventSource: pin(fc.subarray(SOURCES, { minLength: 1 })),
  eventName: pin(fc.oneof(fc.subarray(NAMES, { minLength: 1 }), fc.constant([{ prefix: "Delete" }]), fc.constant([{ "anything-but": ["GetContact"] }]))),
  errorCode: pin(fc.oneof(fc.constant([{ exists: true }]), fc.constant([{ exists: false }]), fc.subarray(ERRORS, { minLength: 1 }))),
  awsRegion: pin(fc.subarray(REGIONS, { minLength: 1 })),
  userIdentity: pin(fc.record({ type: fc.subarray(TYPES, { minLength: 1 }) })),
  requestParameters: pin(fc.record({ acceptCodeValidation: fc.subarray(CODES, { minLength: 1 }) })),
  $or: pin(fc.constant([{ awsRegion: ["eu-west-1"] }, { errorCode: [{ exists: true }] }])),
});

function pattern(spec: Record<string, unknown>): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
  return Object.keys(out).length === 0 ? { eventName: [{ prefix: "" }] } : out;
}

const corpus = fc.record({
  records: fc.array(fc.oneof({ weight: 12, arbitrary: record }, { weight: 1, arbitrary: fc.constantFrom(5, "text", {}) }), { minLength: 1, maxLength: 40 }),
  files: fc.integer({ min: 1, max: 4 }),
  formats: fc.array(fc.constantFrom("log", "log.gz", "lines"), { minLength: 4, maxLength: 4 }),
  policies: fc.array(field, { minLength: 1, maxLength: 4 }),
  window: fc.constantFrom([], ["--since", "2026-11-03"], ["--since", "2026-11-02T12:00:00Z", "--until", "2026-11-06"]),
});

type Corpus = typeof corpus extends fc.Arbitrary<infer T> ? T : never;

function layout(c: Corpus): { logs: string; rules: string } {
  const values = c.records.map((v, i) => (typeof v === "object" && v !== null && "eventSource" in v ? build(v as RecordSpec, i) : v));
  const files: Record<string, string | Buffer> = {};
  for (let f = 0; f < c.files; f++) {
    const share = values.filter((_, i) => i % c.files === f);
    const format = c.formats[f] ?? "log";
    const dir = `logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/0${f + 1}`;
    if (format === "lines") files[`${dir}/part-${f}.jsonl`] = share.map((v) => JSON.stringify(v)).join("\n") + "\n";
    else {
      const text = JSON.stringify({ Records: share });
      files[`${dir}/part-${f}.${format === "log" ? "json" : "json.gz"}`] = format === "log" ? text : gzipSync(text);
    }
  }
  c.policies.forEach((p, i) => {
    files[`rules/gen/p${i}.yml`] = stringify({ id: `gen.p${i}`, title: `generated ${i}`, severity: "high", match: pattern(p) });
  });
  const root = tempTree(files);
  return { logs: `${root}/logs`, rules: `${root}/rules` };
}

afterEach(cleanTemp);

describe("hunt --engine duckdb agrees with replay", () => {
  it("reports the same alerts, in the same order, for generated corpora and policies", async () => {
    let alerts = 0;
    let narrowed = 0;
    await fc.assert(
      fc.asyncProperty(corpus, async (c) => {
        const { logs, rules } = layout(c);
        const replayed = await runCli(["replay", logs, "--rules", rules, "--json", "--workers", "0", ...c.window]);
        const hunted = await runCli(["hunt", logs, "--rules", rules, "--json", ...c.window]);
        expect(hunted.code, hunted.stderr).toBe(replayed.code);
        expect(hunted.stdout).toBe(replayed.stdout);
        alerts += hunted.stdout.split("\n").length - 1;
        const [, scanned = "0", returned = "0"] = /scanned +([\d,]+) records[\s\S]*returned +([\d,]+)/.exec(hunted.stderr) ?? [];
        if (Number(returned.replaceAll(",", "")) < Number(scanned.replaceAll(",", ""))) narrowed++;
      }),
      { numRuns: 30 },
    );
    // The property means something only if alerts happened and the query did leave records out.
    expect(alerts).toBeGreaterThan(10);
    expect(narrowed).toBeGreaterThan(5);
  }, 120_000);
});
