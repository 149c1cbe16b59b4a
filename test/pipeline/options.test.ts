import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { parseDuration } from "../../src/policy/noise-options.js";
import { summaryAlert } from "../../src/pipeline/throttle-summary.js";

const head = "title: t\nseverity: critical\nmatch: { eventName: [DeleteContact] }\n";

describe("noise options", () => {
  it.each([["30s", 30], ["5m", 300], ["1h", 3600], ["1d", 86400]])("parses %s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["5 minutes", "0s", "8d", 5, "m"])("rejects duration %j", (text) => {
    expect(typeof parseDuration(text)).toBe("string");
  });

  it("refuses to throttle a critical policy below one alert per minute per key", () => {
    const { diagnostics } = loadPolicyText(`${head}throttle: { limit: 1, window: 5m }\n`, "p.yml", "x.p");
    expect(diagnostics.map(formatDiagnostic)).toEqual(["p.yml:4:1 error throttle: a critical policy may not be throttled below 1 alert per minute per key (this allows 0.20)"]);
  });

  it("reports bad dedupe and throttle settings where they are", () => {
    const { diagnostics } = loadPolicyText(`${head}dedupe: { key: "{{a", window: soon }\nthrottle: { limit: 0, window: 1m, burst: 3 }\n`, "p.yml", "x.p");
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.path}`).sort()).toEqual(["4:11 dedupe.key", "4:23 dedupe.window", "5:13 throttle.limit", "5:35 throttle.burst"]);
  });

  it("summarises a window with the exact count, first/last time and sample eventIDs", () => {
    const { policy } = loadPolicyText(`${head}throttle: { limit: 10, window: 1m }\n`, "p.yml", "x.p");
    if (!policy) throw new Error("policy did not load");
    const alert = summaryAlert(policy, {
      pk: "throttle#x.p#*", sk: "2026-11-20T10:00:00.000Z", policy: "x.p", group: "*", windowStart: "2026-11-20T10:00:00.000Z", windowEnd: "2026-11-20T10:01:00.000Z",
      limit: 10, count: 25, firstSuppressed: "2026-11-20T10:00:05Z", lastSuppressed: "2026-11-20T10:00:55Z", samples: ["e1", "e2"],
    });
    expect(alert.title).toBe("[SUMMARY] t: 15 more");
    expect(alert.summary).toContain("15 more alert(s) of x.p were counted, not sent, between 2026-11-20T10:00:05Z and 2026-11-20T10:00:55Z");
    expect(alert.summary).toContain("Sample eventIDs: e1, e2.");
    expect(alert.severity).toBe("critical");
  });
});
