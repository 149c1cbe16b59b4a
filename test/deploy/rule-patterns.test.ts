import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileRulePatterns, envelopeFor, MAX_PATTERN_CHARS } from "../../src/deploy/rule-patterns.js";
import { recordOf } from "../../src/input/unwrap.js";
import { compilePattern } from "../../src/pattern/index.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { repoRoot } from "../support/shared.js";

const ruleDirs = [path.join(repoRoot, "rules"), path.join(repoRoot, "test/fixtures/rules")];

function alertingTests(policies: readonly Policy[]) {
  const set = createPolicySet(policies);
  return policies.flatMap((policy) =>
    policy.tests
      .map((t) => ({ policy, name: t.name, record: recordOf(t.event) as CloudTrailRecord }))
      .filter((t) => set.verdict(t.policy, t.record) === "alert"),
  );
}

describe.each(ruleDirs)("compiled EventBridge patterns for %s", (dir) => {
  const { policies } = loadPolicies(dir);
  const compiled = compileRulePatterns(policies).patterns.map((p) => compilePattern(p));

  it("are valid EventBridge patterns within the size quota", () => {
    for (const p of compileRulePatterns(policies).patterns) expect(JSON.stringify(p).length).toBeLessThanOrEqual(MAX_PATTERN_CHARS);
  });

  it("have no false negatives: every alerting test event's envelope matches some rule", () => {
    const cases = alertingTests(policies);
    const missed = cases.filter((c) => !compiled.some((p) => p.matches(envelopeFor(c.record))));
    expect(missed.map((c) => `${c.policy.id} › ${c.name}`)).toEqual([]);
  });
});

describe("compileRulePatterns", () => {
  it("splits long eventName lists to respect the 2048-character quota, losing none", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const base = policies.find((p) => p.id === "ssm-contacts.channel-deleted") as Policy;
    const names = Array.from({ length: 300 }, (_, i) => `SomeVeryLongOperationName${i}`);
    const many: Policy = { ...base, matchSource: { ...base.matchSource, eventName: names } };
    const { patterns } = compileRulePatterns([many]);
    expect(patterns.length).toBeGreaterThan(1);
    for (const p of patterns) expect(JSON.stringify(p).length).toBeLessThanOrEqual(MAX_PATTERN_CHARS);
    expect(patterns.flatMap((p) => p.detail?.eventName ?? []).sort()).toEqual([...names].sort());
  });

  it("maps the pre-release gamma- endpoint to the same EventBridge source", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const base = policies[0] as Policy;
    const gamma: Policy = { ...base, matchSource: { eventSource: ["gamma-ssm-incidents.amazonaws.com"], eventName: ["DeleteResponsePlan"] } };
    expect(compileRulePatterns([gamma]).patterns[0]?.source).toEqual(["aws.ssm-incidents"]);
  });

  it("falls back to a rule that sees every API call when a policy names no eventSource, and says so", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const base = policies[0] as Policy;
    const loose: Policy = { ...base, id: "x.loose", matchSource: { eventName: ["DeleteThing"] } };
    const result = compileRulePatterns([loose]);
    expect(result.unscoped).toEqual(["x.loose"]);
    expect(compilePattern(result.patterns[0]).matches(envelopeFor({ eventSource: "iam.amazonaws.com", eventName: "DeleteThing" }))).toBe(true);
  });
});

describe("top-level $or", () => {
  it("keeps the rule scoped by the eventSource and eventName written beside it", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
    const base = policies[0] as Policy;
    const withOr: Policy = { ...base, matchSource: { eventSource: ["ssm-contacts.amazonaws.com"], eventName: ["UpdateContact"], $or: [{ a: ["1"] }, { b: ["2"] }] } };
    const result = compileRulePatterns([withOr]);
    expect(result.unscoped).toEqual([]);
    expect(result.patterns).toEqual([{ source: ["aws.ssm-contacts"], "detail-type": ["AWS API Call via CloudTrail"], detail: { eventSource: ["ssm-contacts.amazonaws.com"], eventName: ["UpdateContact"] } }]);
  });
});
