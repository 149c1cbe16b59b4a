import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parseTemplate, renderTemplate, TOO_DEEP, type Template } from "../../src/alert/template.js";
import { parseInputText } from "../../src/input/read.js";
import { loadPolicySources } from "../../src/policy/load.js";
import { matchWildcard, parseWildcard, type WildcardPattern } from "../../src/pattern/wildcard.js";
import { expectNoPollution, expectSafeStderr, expectSafeTerminal } from "./support/checks.js";
import { MEGABYTE, nested, OVERFLOW_DEPTH } from "./support/generators.js";
import { runEval } from "./support/harness.js";
import { hostileRecordText, loadManifest, validRecordText, VALID_ALERTS } from "./support/manifest.js";

/** Focused tests for the generated big inputs: what the table runs once, here taken to its limits. */
const dir = mkdtempSync(path.join(tmpdir(), "trailwatch-hostile-big-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function wildcard(source: string): WildcardPattern {
  const parsed = parseWildcard(source);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

describe("wildcard: 50 stars against a 1 MB string stays correct (and linear by construction)", () => {
  const text = "a".repeat(MEGABYTE);
  it.each([
    ["*a ×50 then * against 1 MB of a", "*a".repeat(50) + "*", text, true],
    ["*a ×49 then *b against 1 MB of a (no b)", "*a".repeat(49) + "*b", text, false],
    ["a* ×50 against 1 MB of a", "a*".repeat(50), text, true],
    ["* then a* ×49 then a against 1 MB of a", "*" + "a*".repeat(49) + "a", text, true],
    ["*aa ×50 against 99 a: one short", "*" + "aa*".repeat(50), "a".repeat(99), false],
    ["*aa ×50 against 100 a: exactly enough", "*" + "aa*".repeat(50), "a".repeat(100), true],
    ["*b then *a ×49 with 48 a after the b", "*b" + "*a".repeat(49), `${"a".repeat(MEGABYTE / 2)}b${"a".repeat(48)}`, false],
    ["*b then *a ×49 with 49 a after the b", "*b" + "*a".repeat(49), `${"a".repeat(MEGABYTE / 2)}b${"a".repeat(49)}`, true],
  ])("%s", (_name, pattern, subject, expected) => {
    expect(matchWildcard(wildcard(pattern), subject)).toBe(expected);
  });

  it("counts pieces exactly: 50 needles in 1 MB with 49 of them does not match, with 50 it does", () => {
    const hay = (n: number) => `${"needle".padEnd(20_000, "-").repeat(n)}-`;
    expect(matchWildcard(wildcard(`${"*needle".repeat(50)}*`), hay(49))).toBe(false);
    expect(matchWildcard(wildcard(`${"*needle".repeat(50)}*`), hay(50))).toBe(true);
  });
});

describe("10 MB policy text", () => {
  it("is refused before parsing on the bundled (handler) path too, with a clear error", () => {
    const text = `title: Big\nseverity: low\nmatch: { eventName: [x] }\ndescription: "${"x".repeat(10 * MEGABYTE)}"\n`;
    const { policies, diagnostics } = loadPolicySources([{ relative: "ssm-contacts/big.yml", display: "rules/ssm-contacts/big.yml", text }]);
    expect(policies).toEqual([]);
    // Position not asserted: YamlSource reports this one at 0:0 (see the hostile-corpus report).
    expect(diagnostics).toEqual([expect.objectContaining({ level: "error", file: "rules/ssm-contacts/big.yml", message: expect.stringMatching(/larger than 1024 KiB/) })]);
  });
});

describe("templates over hostile values (src/alert/template.ts)", () => {
  const render = (source: string, record: unknown): string => renderTemplate(parseTemplate(source) as Template, record);

  it("shows a 10k-deep value as a marker instead of overflowing the stack", () => {
    const record = JSON.parse(`{"a":${nested(OVERFLOW_DEPTH, "object", '"x"')},"b":${nested(OVERFLOW_DEPTH, "array", "1")}}`) as unknown;
    expect(render("{{a}} / {{b}} / {{a.a.a}}", record)).toBe(`${TOO_DEEP} / ${TOO_DEEP} / ${TOO_DEEP}`);
  });

  it("shows numbers as numbers, even the ones JSON.stringify cannot", () => {
    const record = JSON.parse('{"inf":1e400,"ninf":-1e400,"zero":-0,"tiny":5e-324,"big":123456789012345678901234567890}') as unknown;
    expect(render("{{inf}} {{ninf}} {{zero}} {{tiny}} {{big}}", record)).toBe("Infinity -Infinity 0 5e-324 1.2345678901234568e+29");
  });

  it("cuts a 1 MB value to 1000 characters", () => {
    expect(render("{{a}}", { a: "<".repeat(MEGABYTE) })).toBe(`${"<".repeat(1000)}…[truncated]`);
  });
});

describe("10k-deep input documents (src/input/read.ts)", () => {
  it.each([
    ["a 10k-deep array as the whole input", nested(OVERFLOW_DEPTH, "array", "1"), /must be a JSON object, not an array/],
    ["a 10k-deep array inside Records", `{"Records":[${nested(OVERFLOW_DEPTH, "array", "1")}]}`, /must be a JSON object, not an array/],
    ["a 10k-deep object as the record", nested(OVERFLOW_DEPTH, "object", "1"), /missing "eventSource"/],
  ])("%s is a problem, not a crash", (_name, text, message) => {
    const batch = parseInputText(text, "deep.json");
    expect(batch.records).toEqual([]);
    expect(batch.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(message) })]);
  });
});

describe("`eval` over big batches", () => {
  const manifest = loadManifest();
  // Cases whose record crashes `eval` (bugs.eval) would take the whole batch down: that is the bug.
  const cases = manifest.events.filter((c) => c.input === undefined && c.envelope !== false && c.bugs?.eval === undefined);

  it("reads the whole record corpus as one log file: every alert and every problem, none lost", async () => {
    const records = [validRecordText("valid-first"), ...cases.map(hostileRecordText), validRecordText("valid-last")];
    const run = await runEval(dir, "corpus.json", `{"Records":[${records.join(",")}]}`);
    expect(run.json.code).toBe(0);
    const alerts = cases.reduce((n, c) => n + (c.expect.alerts ?? 0), 0);
    expect(run.alerts.filter((a) => a.eventId === "valid-first" || a.eventId === "valid-last")).toHaveLength(2 * VALID_ALERTS);
    expect(run.alerts).toHaveLength(alerts + 2 * VALID_ALERTS);
    const problems = run.json.stderr.split("\n").filter((l) => l !== "");
    expect(problems).toHaveLength(cases.reduce((n, c) => n + (c.expect.problems?.length ?? 0), 0));
    expectSafeStderr(run.json.stderr);
    expectSafeTerminal(run.text.stdout, run.alerts.length);
    expectNoPollution();
  });

  it("reads 20 MB of whitespace between two records inside a 20 KB gzip", async () => {
    const text = `{"Records":[${validRecordText("valid-first")},${" ".repeat(20 * MEGABYTE)}${validRecordText("valid-last")}]}`;
    const run = await runEval(dir, "padded.json.gz", gzipSync(text));
    expect(run.json.code).toBe(0);
    expect(run.alerts).toHaveLength(2 * VALID_ALERTS);
  });
});
