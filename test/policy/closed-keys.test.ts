import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { loadRoutingConfigText } from "../../src/routing/config.js";

// One check for every closed mapping (src/policy/closed-keys.ts): before it, dedupe/throttle
// and `interact:` had copies that named no close key; embedded tests named none either.
const head = "title: t\nseverity: high\nmatch: { eventName: [DeleteContact] }\n";

describe("closed mappings suggest the key that was meant, everywhere", () => {
  it.each([
    ["dedupe", `${head}dedupe: { key: "{{eventName}}", windw: 1h }\n`, 'p.yml:4:33 error dedupe.windw: unknown dedupe key "windw" (did you mean "window"?); allowed: key, window'],
    ["throttle", `${head}throttle: { limit: 5, window: 1h, groupby: "{{eventName}}" }\n`, 'p.yml:4:35 error throttle.groupby: unknown throttle key "groupby" (did you mean "groupBy"?); allowed: limit, window, groupBy'],
    ["an embedded test", `${head}tests:\n  - { name: n, alret: true, event: {} }\n`, 'p.yml:5:16 error tests[0].alret: unknown test key "alret" (did you mean "alert"?); allowed: name, alert, event, file'],
    ["an embedded test's alert", `${head}tests:\n  - { name: n, alert: yes please, event: {} }\n`, 'p.yml:5:16 error tests[0].alert: must be true or false, not string "yes please"'],
    ["an embedded test's event", `${head}tests:\n  - { name: n, alert: true, event: 5 }\n`, 'p.yml:5:29 error tests[0].event: must be a CloudTrail record or an EventBridge envelope (a mapping), not number 5'],
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
