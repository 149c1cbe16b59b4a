import path from "node:path";
import { describe, expect, it } from "vitest";
import operations from "../../data/operations.json" with { type: "json" };
import { compileRulePatterns, DRILL_SOURCE, envelopeFor, MAX_PATTERN_CHARS } from "../../src/deploy/rule-patterns.js";
import { recordOf } from "../../src/input/formats.js";
import { compilePattern } from "../../src/pattern/index.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { readFixtureJson, repoRoot } from "../support/shared.js";

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

describe("selective rules (issue 18)", () => {
  const { policies } = loadPolicies(path.join(repoRoot, "rules"));
  const { patterns } = compileRulePatterns(policies);
  const deployed = patterns.map((p) => compilePattern(p));
  const passes = (record: Record<string, unknown>) => deployed.some((p) => p.matches(envelopeFor(record)));
  const reads = (readFixtureJson<{ Records: CloudTrailRecord[] }>("records/read-heavy.json")).Records;
  const catalog = (name: string) => (operations.services as Record<string, { eventSources: string[]; operations: { name: string; access: string }[] }>)[name];

  it("passes no successful read in an expected Region (read-heavy sample: every read of both services, both spellings, three callers)", () => {
    expect(reads.length).toBeGreaterThan(300);
    expect(reads.filter(passes).map((r) => `${r.eventSource} ${r.eventName} ${r.awsRegion}`)).toEqual([]);
  });

  it("still passes the same reads when denied, or called in an unexpected Region", () => {
    const denied = reads.map((r) => ({ ...r, errorCode: "AccessDeniedException", errorMessage: "not authorized" }));
    const elsewhere = reads.map((r) => ({ ...r, awsRegion: "ap-southeast-2" }));
    expect([...denied, ...elsewhere].filter((r) => !passes(r))).toEqual([]);
  });

  it("fails without the compiled conditions: name-only rules pass every read", () => {
    const nameOnly = compileRulePatterns(policies, { conditions: false }).patterns.map((p) => compilePattern(p));
    expect(reads.every((r) => nameOnly.some((p) => p.matches(envelopeFor(r))))).toBe(true);
  });

  it("names in each service's rule only that service's operations", () => {
    for (const service of ["ssm-contacts", "ssm-incidents"]) {
      const own = new Set(catalog(service)?.operations.map((o) => o.name));
      const other = catalog(service === "ssm-contacts" ? "ssm-incidents" : "ssm-contacts")?.operations.map((o) => o.name).filter((n) => !own.has(n)) ?? [];
      const text = JSON.stringify(patterns.filter((p) => p.source[0] === `aws.${service}`));
      expect(text.length).toBeGreaterThan(100);
      expect(other.filter((n) => text.includes(`"${n}"`))).toEqual([]);
    }
  });

  it("never compiles readOnly, and deploys no rule for a source CloudTrail cannot send", () => {
    expect(JSON.stringify(patterns)).not.toContain("readOnly");
    expect(patterns.map((p) => p.source[0])).not.toContain("aws.trailwatch.fire-drill");
    const base = policies[0] as Policy;
    const custom: Policy = { ...base, id: "x.custom", matchSource: { eventSource: ["my.app"], eventName: ["Thing"] } };
    const result = compileRulePatterns([custom]);
    expect(result).toMatchObject({ patterns: [], unreachable: ["x.custom"] });
  });

  it("takes the drill from its own custom source, which PutEvents accepts (not aws.*)", () => {
    const drill = patterns.filter((p) => p["detail-type"][0] === DRILL_SOURCE.detailType);
    expect(drill).toEqual([{ source: [DRILL_SOURCE.source], "detail-type": [DRILL_SOURCE.detailType], detail: { eventSource: [DRILL_SOURCE.eventSource] } }]);
    expect(DRILL_SOURCE.source.startsWith("aws.")).toBe(false);
  });

  it("puts $or branches that event-ruler would merge (same fields, a shared value in each) into separate rules", () => {
    const base = policies[0] as Policy;
    const at = (id: string, matchSource: Record<string, unknown>): Policy => ({ ...base, id, matchSource });
    const a = at("x.a", { eventSource: ["lambda.amazonaws.com"], eventName: ["DeleteFunction20150331"], errorCode: [{ exists: false }] });
    const b = at("x.b", { eventSource: ["lambda.amazonaws.com"], eventName: ["DeleteFunction20150331", "UpdateFunctionCode20150331v2"], errorCode: [{ exists: false }, "ResourceConflictException"] });
    const result = compileRulePatterns([a, b]).patterns;
    expect(result).toHaveLength(2);
    const c = at("x.c", { eventSource: ["lambda.amazonaws.com"], eventName: ["DeleteFunction20150331"], awsRegion: ["eu-west-1"] });
    expect(compileRulePatterns([a, c]).patterns).toHaveLength(1);
  });

  it("drops a name from a stricter branch when a looser one passes it already", () => {
    const base = policies[0] as Policy;
    const loose: Policy = { ...base, id: "x.loose", matchSource: { eventSource: ["sns.amazonaws.com"], eventName: ["DeleteTopic"] } };
    const strict: Policy = { ...base, id: "x.strict", matchSource: { eventSource: ["sns.amazonaws.com"], eventName: ["DeleteTopic", "Unsubscribe"], errorCode: [{ exists: false }] } };
    expect(compileRulePatterns([strict, loose]).patterns[0]?.detail).toEqual({
      eventSource: ["sns.amazonaws.com"],
      $or: [{ eventName: ["Unsubscribe"], errorCode: [{ exists: false }] }, { eventName: ["DeleteTopic"] }],
    });
  });
});
