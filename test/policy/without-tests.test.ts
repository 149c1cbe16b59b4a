import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicies, loadPolicyText, withoutTests } from "../../src/policy/load.js";
import { repoRoot } from "../support/shared.js";

describe("loading policies without their tests", () => {
  it("gives the pack's policies exactly as loading with tests does, tests aside", () => {
    const rules = path.join(repoRoot, "rules");
    const withTests = loadPolicies(rules, { tests: true });
    const without = loadPolicies(rules, { tests: false });
    expect(without.diagnostics).toEqual(withTests.diagnostics);
    // `written` (the policy as written) lacks its tests key when loaded without tests: left out here.
    const strip = (policies: typeof withTests.policies) => policies.map(({ tests: _tests, match, unless, ...rest }) => ({ ...rest, written: undefined, match: match.source, unless: unless.map((u) => u.source) }));
    expect(strip(without.policies)).toEqual(strip(withTests.policies));
    expect(withTests.policies.some((p) => p.tests.length > 0)).toBe(true);
  });

  it("blanks the top-level tests section line for line, so diagnostics keep their positions", () => {
    const text = "id: a.b\ntests:\n  - name: x\n    event: {eventName: X}\n# a comment\nseverity: nope\n";
    expect(withoutTests(text)).toBe("id: a.b\n\n\n\n\nseverity: nope\n");
    const { diagnostics } = loadPolicyText(text, "a/b.yml", "a.b", { tests: false });
    expect(diagnostics.find((d) => d.path === "severity")?.line).toBe(6);
  });

  it("blanks a tests sequence written in column 0, as YAML allows, up to the next key", () => {
    const text = "id: a.b\ntests:\n- name: x\n  event: {eventName: X}\n-\n  name: y\nseverity: high\n";
    expect(withoutTests(text)).toBe("id: a.b\n\n\n\n\n\nseverity: high\n");
  });

  it("leaves a text without a top-level tests key alone, even when a nested key is called tests", () => {
    const text = "id: a.b\nmatch:\n  tests: [1]\n";
    expect(withoutTests(text)).toBe(text);
  });
});
