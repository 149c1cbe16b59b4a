import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicies, loadPolicyText } from "../../src/policy/load.js";
import { OVERFLOW_DEPTH } from "../hostile/support/generators.js";
import { repoRoot } from "../support/shared.js";

const fixtures = path.join(repoRoot, "test", "fixtures");

describe("loadPolicies", () => {
  it("reports every diagnostic across all files, as the golden file says", () => {
    const { diagnostics, policies } = loadPolicies("test/fixtures/broken-rules");
    const text = diagnostics.map(formatDiagnostic).join("\n") + "\n";
    const golden = path.join(fixtures, "broken-rules.golden.txt");
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, "utf8"));
    expect(policies).toEqual([]);
  });

  it("loads valid policies with ids derived from their paths and applies tune files", () => {
    const { policies, diagnostics } = loadPolicies(path.join(fixtures, "rules"));
    expect(diagnostics.filter((d) => d.level === "error")).toEqual([]);
    expect(policies.map((p) => p.id).sort()).toEqual([
      "ssm-contacts.any-write-by-root",
      "ssm-contacts.channel-deleted",
      "ssm-contacts.channel-deleted-by-root",
    ]);
    const tuned = policies.find((p) => p.id === "ssm-contacts.any-write-by-root");
    expect(tuned?.severity).toBe("high");
    expect(tuned?.unless).toHaveLength(1);
  });

  it("turns outcome into an errorCode condition", () => {
    const { policies } = loadPolicies(path.join(fixtures, "rules"));
    const policy = policies.find((p) => p.id === "ssm-contacts.channel-deleted");
    expect(policy?.matchSource.errorCode).toEqual([{ exists: false }]);
    expect(policy?.match.matches({ eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContactChannel", errorCode: "AccessDenied" })).toBe(false);
    expect(policy?.match.matches({ eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContactChannel" })).toBe(true);
  });
});

describe("hostile policy files", () => {
  const base = "title: t\nseverity: low\nmatch: { eventName: [x] }\n";

  it("refuses a 10 MB file before parsing it", () => {
    const { diagnostics } = loadPolicyText(base + "description: " + "x".repeat(10 * 1024 * 1024), "big.yml", "big");
    expect(diagnostics.map((d) => d.message).join()).toMatch(/larger than 1024 KiB/);
  });

  it("reports deep nesting instead of crashing", () => {
    const deep = "[".repeat(OVERFLOW_DEPTH) + "]".repeat(OVERFLOW_DEPTH);
    const { diagnostics, policy } = loadPolicyText(base + `tags: ${deep}\n`, "deep.yml", "deep");
    expect(policy).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
  });

  it("does not let __proto__ keys pollute objects", () => {
    const { diagnostics } = loadPolicyText(base + "__proto__: { polluted: true }\n", "proto.yml", "proto");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(diagnostics.some((d) => d.message.includes("unknown key"))).toBe(true);
  });

  it("points a bad operator at its line and column", () => {
    const text = "title: t\nseverity: low\nmatch:\n  eventName:\n    - { startswith: Delete }\n";
    const [d] = loadPolicyText(text, "rules/x/y.yml", "x.y").diagnostics;
    expect(d && formatDiagnostic(d)).toBe('rules/x/y.yml:5:9 error match.eventName[0].startswith: unknown operator "startswith" (did you mean "prefix"?)');
  });
});
