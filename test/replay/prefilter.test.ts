import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";
import { loadPolicies } from "../../src/policy/load.js";
import type { Policy } from "../../src/policy/types.js";
import { createEngine } from "../../src/replay/engine.js";
import { replayFile, replayText, type FileResult } from "../../src/replay/file.js";
import { prefilterFor } from "../../src/replay/prefilter.js";
import { fieldPrefilterFor } from "../../src/replay/field-prefilter.js";
import { PROBE_RECORDS, scanLogFile } from "../../src/replay/scan.js";
import { scanLogBytes } from "../../src/replay/scan-bytes.js";
import { repoRoot } from "../support/shared.js";
import { cleanTemp, fixture, tempTree, type Json } from "./fixtures.js";

afterAll(cleanTemp);

const pack = loadPolicies(path.join(repoRoot, "rules"), { tests: false }).policies;

/** A policy with this match, for prefilter derivation. */
function policyMatching(match: Json): Policy {
  const base = pack[0] as Policy;
  return { ...base, id: "t.p", match: compilePattern(match), matchSource: match, unless: [] };
}

describe("prefilterFor", () => {
  it("derives one from the pack, whose policies all name their event sources", () => {
    const prefilter = prefilterFor(pack);
    expect(prefilter).toBeDefined();
    expect(prefilter?.needles.map((n) => n.text)).toContain("ssm-contacts.amazonaws.com");
  });

  it.each([
    ["no field bytes can show", { eventSource: [{ "anything-but": "s3.amazonaws.com" }] }],
    ["an IP address (other spellings match too)", { sourceIPAddress: ["10.0.0.1"] }],
    ["a number", { readOnly: [false] }],
    ["the derived actor view", { actor: { kind: ["root"] } }],
    ["a branch of $or without one", { $or: [{ eventSource: ["a.amazonaws.com"] }, { errorCode: [{ exists: true }] }] }],
  ])("gives none when some policy has %s", (_, match) => {
    expect(prefilterFor([...pack, policyMatching(match)])).toBeUndefined();
  });

  it("requires every field it can read, prefixes included", () => {
    const prefilter = prefilterFor([policyMatching({ eventSource: ["s3.amazonaws.com"], errorCode: [{ prefix: "AccessDenied" }] })]);
    expect(prefilter?.requirements).toHaveLength(1);
    expect(prefilter?.requirements[0]?.groups).toHaveLength(2);
    expect(prefilter?.needles.find((n) => n.text === "AccessDenied")?.prefix).toBe(true);
  });
});

describe("fieldPrefilterFor", () => {
  const s3 = policyMatching({ eventSource: ["s3.amazonaws.com"], errorCode: [{ prefix: "AccessDenied" }], userIdentity: { type: ["Root"] } });

  it("reads only top-level fields, and lets through what any branch may match", () => {
    const prefilter = fieldPrefilterFor([s3]);
    expect([...(prefilter?.keys ?? [])].sort()).toEqual(["errorCode", "eventSource"]);
    const record = (values: Record<string, string | 0 | undefined>) => (slot: number) => values[prefilter?.keys[slot] ?? ""];
    expect(prefilter?.mayMatch(record({ eventSource: "s3.amazonaws.com", errorCode: "AccessDeniedException" }))).toBe(true);
    expect(prefilter?.mayMatch(record({ eventSource: "s3.amazonaws.com", errorCode: "Throttling" }))).toBe(false);
    expect(prefilter?.mayMatch(record({ eventSource: "s3.amazonaws.com" }))).toBe(false);
    expect(prefilter?.mayMatch(record({ eventSource: "iam.amazonaws.com", errorCode: "AccessDenied" }))).toBe(false);
    // Not a plain string (an array, a number): it may still match, so the record is parsed.
    expect(prefilter?.mayMatch(record({ eventSource: "s3.amazonaws.com", errorCode: 0 }))).toBe(true);
  });

  it("gives none when some branch tests no top-level field with plain values", () => {
    expect(fieldPrefilterFor([s3, policyMatching({ userIdentity: { type: ["Root"] } })])).toBeUndefined();
    expect(fieldPrefilterFor([...pack, policyMatching({ $or: [{ eventSource: ["a.amazonaws.com"] }, { requestParameters: { name: ["x"] } }] })])).toBeUndefined();
  });
});

// Random corpora: records that alert, Incident Manager reads, records of other services, and
// records whose bytes hide values behind escapes, junk, envelopes, duplicate keys.
const base = {
  alerting: fixture("delete-channel-root"),
  read: fixture("get-channel-root"),
  other: { ...fixture("get-channel-root"), eventSource: "s3.amazonaws.com", eventName: "GetObject", errorCode: "AccessDenied" },
};

type Twist = "none" | "escape-value" | "escape-key" | "escape-slash" | "dup-source" | "no-name" | "envelope" | "time-number" | "time-escaped" | "no-time" | "junk" | "nested-source" | "spaces" | "key-spaces" | "error-array" | "escape-quote" | "envelope-fields";

function recordText(kind: keyof typeof base, twist: Twist, id: number, hour: number): string {
  const record: Json = { ...base[kind], eventID: `e-${id}`, eventTime: `2026-11-20T${String(hour).padStart(2, "0")}:00:00Z` };
  if (twist === "no-name") delete record.eventName;
  if (twist === "no-time") delete record.eventTime;
  if (twist === "time-number") record.eventTime = 1795162542000;
  // An array holding the value matches as the value does (EventBridge's rule), so it must not be skipped.
  if (twist === "error-array") record.errorCode = ["AccessDenied"];
  // A value with an escaped quote before the policy value: the scanner must not read it as two strings.
  if (twist === "escape-quote") record.userAgent = `x","eventSource":"${String(record.eventSource)}`;
  if (twist === "nested-source") record.requestParameters = { eventSource: "ssm-contacts.amazonaws.com", path: "a/b" };
  // recordOf reads `detail`, not the record's own fields, when `detail-type` is there too.
  if (twist === "envelope-fields") Object.assign(record, { "detail-type": "AWS API Call via CloudTrail", detail: { eventSource: "x" } });
  let text = JSON.stringify(twist === "envelope" ? { "detail-type": "AWS API Call via CloudTrail", source: "aws.x", detail: record } : record);
  if (twist === "escape-value") text = text.replace(/"(gamma-)?ssm-contacts\./, '"$1ssm\\u002dcontacts.').replace('"s3.amazonaws', '"s\\u0033.amazonaws');
  if (twist === "escape-key") text = text.replace('"eventName"', '"event\\u004eame"');
  if (twist === "escape-slash") text = text.replace('"eventSource":"', '"eventSource":"\\/');
  if (twist === "time-escaped") text = text.replace(/"eventTime":"2026/, '"eventTime":"\\u0032026');
  if (twist === "dup-source") text = text.replace(/}$/, ',"eventSource":5}');
  if (twist === "spaces") text = text.replaceAll('":', '": ');
  if (twist === "key-spaces") text = text.replaceAll('":', '" :');
  if (twist === "junk") return ["1", '"text"', "null", "{}", "[1]"][id % 5] as string;
  return text;
}

const recordArb = fc.record({
  kind: fc.constantFrom<keyof typeof base>("alerting", "read", "other", "other", "other"),
  twist: fc.constantFrom<Twist>("none", "none", "none", "escape-value", "escape-key", "escape-slash", "dup-source", "no-name", "envelope", "time-number", "time-escaped", "no-time", "junk", "nested-source", "spaces", "key-spaces", "error-array", "escape-quote", "envelope-fields"),
  hour: fc.integer({ min: 0, max: 23 }),
});

/**
 * The pack, and the pack plus a policy that the "other" records (s3, AccessDenied) can match,
 * so escapes, arrays and keys in those records decide alerts the prefilter must not skip.
 */
const policySets = {
  pack,
  "pack and s3": [...pack, policyMatching({ eventSource: ["s3.amazonaws.com"], errorCode: [{ prefix: "AccessDenied" }] })],
};

const corpusArb = fc.record({
  records: fc.array(recordArb, { minLength: 0, maxLength: 12 }),
  shape: fc.constantFrom("log file", "log file, pretty", "JSON lines", "log files one after another", "one record"),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
  window: fc.constantFrom(undefined, { since: Date.parse("2026-11-20T06:00Z"), until: Date.parse("2026-11-20T18:00Z") }),
  json: fc.boolean(),
  bom: fc.boolean(),
  policies: fc.constantFrom<keyof typeof policySets>("pack", "pack and s3"),
});

function corpusText(c: { readonly records: readonly { kind: keyof typeof base; twist: Twist; hour: number }[]; readonly shape: string }): string {
  const texts = c.records.map((r, i) => recordText(r.kind, r.twist, i, r.hour));
  switch (c.shape) {
    case "log file, pretty":
      return `{\n  "Records": [\n    ${texts.join(",\n    ")}\n  ]\n}\n`;
    case "JSON lines":
      return texts.map((t) => `${t}\n`).join("");
    case "log files one after another":
      return `{"Records":[${texts.slice(0, 5).join(",")}]}{"Records":[${texts.slice(5).join(",")}]}`;
    case "one record":
      return texts[0] ?? "";
    default:
      return `{"Records":[${texts.join(",")}]}`;
  }
}

interface Run {
  readonly result: FileResult;
  readonly alerts: string;
  readonly problems: string[];
}

function collector(): { out: Parameters<typeof replayText>[4]; alerts: string[]; problems: string[] } {
  const alerts: string[] = [];
  const problems: string[] = [];
  return { alerts, problems, out: { alert: (t) => alerts.push(t), problem: (l) => problems.push(l), settle: () => undefined } };
}

async function* cut(text: string, cuts: readonly number[]): AsyncGenerator<string> {
  let from = 0;
  for (const at of [...cuts].map((c) => c % (text.length + 1)).sort((a, b) => a - b)) {
    yield text.slice(from, at);
    from = at;
  }
  yield text.slice(from);
}

async function run(text: string, cuts: readonly number[], settings: { json: boolean; window: { since: number | undefined; until: number | undefined } }, prefilter: boolean, file?: string, policies: readonly Policy[] = pack): Promise<Run> {
  const engine = createEngine(policies, { ...settings, prefilter });
  const { out, alerts, problems } = collector();
  const result = file === undefined ? await replayText(cut(text, cuts), "in", 0, engine, out) : await replayFile(file, "in", text.length, engine, out);
  return { result, alerts: alerts.join(""), problems };
}

describe("replay with the prefilter", () => {
  it("prints and counts exactly what the unfiltered replay does, whatever the corpus and the chunk boundaries", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, async (c) => {
        const text = corpusText(c);
        const settings = { json: c.json, window: c.window ?? { since: undefined, until: undefined } };
        const policies = policySets[c.policies];
        const expected = await run(text, [], settings, false, undefined, policies);
        expect(await run(text, c.cuts, settings, true, undefined, policies)).toEqual(expected);
        const dir = tempTree();
        const file = path.join(dir, "log.json.gz");
        // Files may start with a byte order mark, which every file reader drops.
        writeFileSync(file, gzipSync(c.bom ? `\ufeff${text}` : text));
        const whole = await run(text, [], settings, true, file, policies);
        expect(whole).toEqual(await run(text, [], settings, false, file, policies));
        expect({ ...whole, result: { ...whole.result, bytes: 0 } }).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("parses whole a log file whose first records are mostly candidates, with the same results", async () => {
    const texts = Array.from({ length: PROBE_RECORDS + 50 }, (_, i) => recordText(i % 2 === 0 ? "alerting" : i % 97 === 0 ? "other" : "read", "none", i, 3));
    const text = `{"Records":[${texts.join(",")}]}`;
    const engine = createEngine(pack, { json: true, window: { since: undefined, until: undefined } });
    expect(engine.scanner === undefined ? undefined : scanLogFile(text, engine.scanner)).toBe("dense");
    expect(engine.bytesScanner === undefined ? undefined : scanLogBytes(Buffer.from(text), engine.bytesScanner)).toBe("dense");
    const file = path.join(tempTree(), "dense.json");
    writeFileSync(file, text);
    const settings = { json: true, window: { since: undefined, until: undefined } };
    const filtered = await run(text, [], settings, true, file);
    expect(filtered).toEqual(await run(text, [], settings, false, file));
    expect(filtered.result.records).toBe(texts.length);
  });

  it("scans a log file's bytes alike wherever they sit in memory (four-byte words, any alignment)", () => {
    const text = `{"Records":[${[1, 2, 3, 4, 5].map((i) => recordText(i % 2 === 0 ? "alerting" : "other", i === 3 ? "escape-quote" : "none", i, 3)).join(",")}]}`;
    const engine = createEngine(pack, { json: true, window: { since: Date.parse("2026-11-20T00:00Z"), until: undefined } });
    const scanner = engine.bytesScanner;
    if (scanner === undefined) throw new Error("the pack has a byte prefilter");
    const at = (offset: number) => {
      const room = Buffer.alloc(text.length + 8, 0x22);
      room.write(text, offset, "latin1");
      return scanLogBytes(room.subarray(offset, offset + text.length), scanner);
    };
    const expected = at(0);
    expect(expected).toMatchObject({ count: 5, parse: [{ index: 1 }, { index: 3 }] });
    for (const offset of [1, 2, 3, 5]) expect(at(offset)).toEqual(expected);
  });

  it("skips the records no policy can match, and parses the rest", async () => {
    const text = `{"Records":[${recordText("other", "none", 1, 3)},${recordText("alerting", "none", 2, 3)},${recordText("other", "escape-value", 3, 3)}]}`;
    const engine = createEngine(pack, { json: true, window: { since: undefined, until: undefined } });
    const seen: string[] = [];
    const { out } = collector();
    const { ValueReader } = await import("../../src/input/values.js");
    const { scanShortcut } = await import("../../src/replay/shortcut.js");
    const shortcut = engine.scanner === undefined ? undefined : scanShortcut(engine.scanner);
    const reader = new ValueReader({ value: (_v, i) => seen.push(`value ${i}`), skipped: (i) => seen.push(`skipped ${i}`), problem: () => undefined }, undefined, shortcut);
    reader.feed(text);
    reader.end();
    expect(seen).toEqual(["skipped 1", "value 2", "value 3"]);
    expect((await replayText(cut(text, []), "in", 0, engine, out)).records).toBe(3);
  });
});
