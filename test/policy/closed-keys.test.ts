import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";

// One check for every closed mapping (src/policy/closed-keys.ts): before it, dedupe/throttle
// and `interact:` had copies that named no close key.
const head = "title: t\nseverity: high\nmatch: { eventName: [DeleteContact] }\n";

describe("closed mappings suggest the key that was meant, everywhere", () => {
  it.each([
    ["dedupe", `${head}dedupe: { key: "{{eventName}}", windw: 1h }\n`, 'p.yml:4:33 error dedupe.windw: unknown dedupe key "windw" (did you mean "window"?); allowed: key, window'],
    ["throttle", `${head}throttle: { limit: 5, window: 1h, groupby: "{{eventName}}" }\n`, 'p.yml:4:35 error throttle.groupby: unknown throttle key "groupby" (did you mean "groupBy"?); allowed: limit, window, groupBy'],
  ])("%s", (_name, text, diagnostic) => {
    const { diagnostics } = loadPolicyText(text, "p.yml", "x.p");
    expect(diagnostics.map(formatDiagnostic)).toContain(diagnostic);
  });

  it("interact", () => {
    const text = "destinations:\n  out: { type: console }\ndefault: [out]\ninteract:\n  alowedUsers: [U0123ABCD]\n";
    const { diagnostics } = loadRoutingConfigText(text, "trailwatch.yml", {});
    expect(diagnostics.map(formatDiagnostic)).toContain('trailwatch.yml:5:3 error interact.alowedUsers: unknown key "alowedUsers" (did you mean "allowedUsers"?); allowed: allowedUsers, allowedGroups');
  });
});
