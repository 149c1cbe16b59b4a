import { describe, expect, it } from "vitest";
import { parsePattern } from "../../src/pattern/index.js";
import { readFixtureJson } from "../support/shared.js";

interface ConformanceCase {
  name: string;
  operator: string;
  pattern: unknown;
  event?: unknown;
  matches?: boolean;
  valid?: false;
}

const { cases } = readFixtureJson<{ cases: ConformanceCase[] }>("conformance/event-patterns.json");

describe("EventBridge conformance (aws/event-ruler + EventBridge guide)", () => {
  it("has all 368 cases", () => {
    expect(cases).toHaveLength(368);
  });

  const named = cases.map((c, i) => ({ ...c, label: `#${i} [${c.operator}] ${c.name}` }));

  it.each(named.filter((c) => c.valid === false))("$label is rejected", (c) => {
    const { pattern, issues } = parsePattern(c.pattern);
    expect(pattern).toBeUndefined();
    expect(issues.length).toBeGreaterThan(0);
  });

  it.each(named.filter((c) => c.valid !== false))("$label", (c) => {
    const { pattern, issues } = parsePattern(c.pattern);
    expect(issues).toEqual([]);
    expect(pattern?.matches(c.event)).toBe(c.matches);
  });
});
