import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainPattern } from "../../src/explain/pattern.js";
import { explainPolicy } from "../../src/explain/policy.js";
import { parsePattern, type CompiledPattern } from "../../src/pattern/index.js";
import type { JsonValue } from "../../src/pattern/json.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { readFixtureJson } from "../support/shared.js";

const KEYS = ["a", "b", "c"] as const;
const key = fc.constantFrom(...KEYS);
/** A small vocabulary, so that random patterns and events often meet. */
const word = fc.constantFrom("x", "xy", "Dx", "10.0.0.1", "");
const primitive: fc.Arbitrary<JsonValue> = fc.oneof({ weight: 4, arbitrary: word }, fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constant(null));

/** One element of a value list: an exact value or an operator, over the same small vocabulary as events. */
const element: fc.Arbitrary<JsonValue> = fc.oneof(
  primitive,
  word.filter((w) => w !== "").map((w) => ({ prefix: w })),
  word.filter((w) => w !== "").map((w) => ({ suffix: w })),
  fc.boolean().map((b) => ({ exists: b })),
  fc.array(fc.constantFrom("x", "Dx"), { minLength: 1, maxLength: 2 }).map((v) => ({ "anything-but": v })),
  fc.integer({ min: 0, max: 2 }).map((n) => ({ numeric: [">=", n] })),
  word.map((w) => ({ "equals-ignore-case": w.toUpperCase() })),
  fc.constantFrom("*", "x*", "*y", "D*x").map((w) => ({ wildcard: w })),
  fc.constant({ cidr: "10.0.0.0/8" }),
);

const { pattern: patternArb } = fc.letrec<{ pattern: JsonValue; value: JsonValue }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 2 }),
    fc.record({ a: tie("value"), $or: fc.array(fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 2 }), { minLength: 2, maxLength: 3 }) }),
  ),
  value: fc.oneof({ depthSize: "small" }, fc.array(element, { minLength: 1, maxLength: 4 }), tie("pattern")),
}));

/** Events shaped like the patterns (same keys, arrays of objects), so that matches, array consistency and exists:false order all occur. */
const { node: eventArb } = fc.letrec<{ node: JsonValue; object: JsonValue }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    tie("object"),
    fc.array(fc.oneof(tie("object"), primitive), { minLength: 1, maxLength: 3 }),
  ),
  object: fc.record({ a: tie("node"), b: tie("node"), c: tie("node") }, { requiredKeys: [] }),
}));
const eventObject = fc.record({ a: eventArb, b: eventArb, c: eventArb }, { requiredKeys: [] });

/** Two fields under one array of objects: where array consistency and exists:false order decide. */
const absentOr = fc.array(fc.oneof(element, fc.constant<JsonValue>({ exists: false })), { minLength: 1, maxLength: 2 });
const inner = fc.record({ b: fc.array(element, { minLength: 1, maxLength: 2 }), c: absentOr });
const arrayPattern = fc.tuple(inner, fc.option(fc.array(element, { minLength: 1, maxLength: 2 }))).map(([a, c]): JsonValue => (c === null ? { a } : { a, c }));
const arrayEvent = fc.record({
  a: fc.array(fc.record({ b: primitive, c: primitive }, { requiredKeys: [] }), { minLength: 1, maxLength: 3 }),
  c: primitive,
}, { requiredKeys: ["a"] });

function compiled(source: JsonValue): CompiledPattern | undefined {
  return parsePattern(source).pattern;
}

/** The explanation's verdict is the matcher's; per-field ✓/✗ explains it unless a note says otherwise. */
function agrees(source: JsonValue, event: unknown): void {
  const pattern = compiled(source);
  fc.pre(pattern !== undefined);
  const exp = explainPattern(pattern as CompiledPattern, event);
  expect(exp.matched).toBe((pattern as CompiledPattern).matches(event));
  for (const branch of exp.branches) {
    const alone = branch.fields.every((f) => f.ok);
    expect(branch.note === undefined ? branch.matched : !branch.matched).toBe(alone);
    if (branch.matched && !alone) expect(branch.note).toMatch(/^exists:false order/);
    if (!branch.matched && alone) expect(branch.note).toMatch(/^array consistency/);
  }
}

describe("explainPattern agrees with the matcher", () => {
  it("on random patterns and events, for the verdict and for every branch", () => {
    fc.assert(fc.property(patternArb, eventObject, agrees), { numRuns: 3000 });
  });

  it("on fields under one array of objects", () => {
    fc.assert(fc.property(arrayPattern, arrayEvent, agrees), { numRuns: 2000 });
  });

  it("gives the policy set's verdict, unless patterns included", () => {
    fc.assert(
      fc.property(patternArb, fc.array(patternArb, { maxLength: 2 }), eventObject, (match, unless, event) => {
        const patterns = [match, ...unless].map(compiled);
        fc.pre(patterns.every((p) => p !== undefined));
        const [m, ...u] = patterns as CompiledPattern[];
        const policy = { id: "p", title: "t", severity: "low", outcome: "any", match: m, unless: u, matchSource: m?.source } as unknown as Policy;
        const record = event as CloudTrailRecord;
        expect(explainPolicy(policy, record).verdict).toBe(createPolicySet([policy]).verdict(policy, record));
      }),
      { numRuns: 1000 },
    );
  });
});

interface ConformanceCase {
  name: string;
  pattern: unknown;
  event?: unknown;
  matches?: boolean;
  valid?: false;
}

describe("explainPattern on the EventBridge conformance cases", () => {
  const { cases } = readFixtureJson<{ cases: ConformanceCase[] }>("conformance/event-patterns.json");
  const valid = cases.filter((c) => c.valid !== false).map((c, i) => ({ ...c, label: `#${i} ${c.name}` }));

  it.each(valid)("$label", (c) => {
    const pattern = compiled(c.pattern as JsonValue) as CompiledPattern;
    expect(explainPattern(pattern, c.event).matched).toBe(c.matches);
  });
});
