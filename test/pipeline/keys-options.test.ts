import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderKey, shortHash } from "../../src/pipeline/noise-keys.js";
import { summaryAlert } from "../../src/pipeline/throttle-summary.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { CRITICAL_MIN_PER_MINUTE, DEFAULT_THROTTLE, parseDuration, ratePerMinute } from "../../src/policy/noise-options.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { repoRoot } from "../support/shared.js";

const record = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/records/delete-channel-root.json"), "utf8")) as CloudTrailRecord;
const withChannel = (id: string): CloudTrailRecord => ({ ...record, requestParameters: { contactChannelId: id } });

describe("dedupe and group keys", () => {
  it("render the template against the record and its views", () => {
    expect(renderKey("{{userIdentity.arn}}", record)).toBe("arn:aws:iam::111122223333:root");
    expect(renderKey("{{actor.arn}}|{{eventName}}", record)).toBe("arn:aws:iam::111122223333:root|DeleteContactChannel");
  });

  it("use text without holes, or a template that does not parse, as written", () => {
    expect(renderKey("everyone", record)).toBe("everyone");
    expect(renderKey("{{broken", record)).toBe("{{broken");
  });

  it("keep a key of 200 characters and hash a longer one, so different long keys stay different", () => {
    const at200 = "c".repeat(200);
    expect(renderKey("{{requestParameters.contactChannelId}}", withChannel(at200))).toBe(at200);
    const a = renderKey("{{requestParameters.contactChannelId}}", withChannel(`${at200}a`));
    const b = renderKey("{{requestParameters.contactChannelId}}", withChannel(`${at200}b`));
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(renderKey("{{requestParameters.contactChannelId}}", withChannel(`${at200}a`))).toBe(a);
  });

  it("short hashes are 16 hex digits, stable and distinct", () => {
    expect(shortHash("throttle#p#*|2026")).toMatch(/^[0-9a-f]{16}$/);
    expect(shortHash("x")).toBe(shortHash("x"));
    expect(shortHash("x")).not.toBe(shortHash("y"));
  });
});

describe("durations", () => {
  it.each([["1s", 1], ["7d", 604_800], ["604800s", 604_800], ["10080m", 604_800], [" 5m ", 300], ["2h", 7200], ["90s", 90]])("%j is %i seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["604801s", "8d", "0s", "0d"])("%j is out of range", (text) => {
    expect(parseDuration(text)).toBe(`duration must be between 1s and 7d, not ${text}`);
  });

  it.each(["5M", "1.5m", "-1s", "5mm", "x5m", "5", "", "5 m", "m"])("%j is not a duration", (text) => {
    expect(parseDuration(text)).toBe(`expected a duration like 30s, 5m, 1h or 1d, not ${JSON.stringify(text)}`);
  });

  it("is read from text only", () => {
    expect(parseDuration(300)).toBe("expected a duration like 30s, 5m, 1h or 1d, not 300");
    expect(parseDuration(undefined)).toBe("expected a duration like 30s, 5m, 1h or 1d, not undefined");
  });
});

describe("default throttling", () => {
  it("is what docs/noise.md says, per caller, for every severity", () => {
    const docs = readFileSync(path.join(repoRoot, "docs/noise.md"), "utf8");
    const rows = [...docs.matchAll(/^\| (\w+) \| (\d+) per (\d+) min \|$/gm)].map((m) => [m[1], { limit: Number(m[2]), windowSeconds: Number(m[3]) * 60, groupBy: "{{actor.arn}}" }]);
    expect(Object.fromEntries(rows)).toEqual(DEFAULT_THROTTLE);
  });

  it("never throttles a critical policy below one alert per minute", () => {
    expect(ratePerMinute(DEFAULT_THROTTLE.critical)).toBeGreaterThanOrEqual(CRITICAL_MIN_PER_MINUTE);
    expect(ratePerMinute({ limit: 10, windowSeconds: 600, groupBy: undefined })).toBe(1);
    expect(ratePerMinute({ limit: 3, windowSeconds: 60, groupBy: undefined })).toBe(3);
  });
});

describe("a summary alert", () => {
  function policy(match: string): Policy {
    const { policy: loaded, diagnostics } = loadPolicyText(`title: Burst\nseverity: high\ndescription: Look at the caller.\nmatch:\n${match}throttle: { limit: 2, window: 1m }\n`, "p.yml", "x.burst", { tests: false });
    if (!loaded) throw new Error(diagnostics.map((d) => d.message).join("; "));
    return loaded;
  }
  const window = { pk: "throttle#x.burst#*", sk: "2026-11-20T10:00:00.000Z", policy: "x.burst", group: "*", windowStart: "2026-11-20T10:00:00.000Z", windowEnd: "2026-11-20T10:01:00.000Z", limit: 2, count: 3 };

  it("falls back to the window's bounds when no suppressed time was noted, and names no samples it lacks", () => {
    const alert = summaryAlert(policy("  eventSource: [ssm-contacts.amazonaws.com]\n"), { ...window, firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
    expect(alert.summary).toBe("1 more alert(s) of x.burst were counted, not sent, between 2026-11-20T10:00:00.000Z and 2026-11-20T10:01:00.000Z (throttle: 2 per window 2026-11-20T10:00:00.000Z – 2026-11-20T10:01:00.000Z).");
    expect(alert.eventTime).toBe(window.windowEnd);
  });

  it("carries the policy's source, severity and runbook, and is keyed by its window", () => {
    const alert = summaryAlert(policy("  eventSource: [ssm-incidents.amazonaws.com, ssm-contacts.amazonaws.com]\n"), { ...window, firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
    expect(alert).toMatchObject({ policy: "x.burst", severity: "high", eventSource: "ssm-incidents.amazonaws.com", eventName: "TrailwatchThrottleSummary", description: "Look at the caller." });
    expect(alert.record).toMatchObject({ eventSource: "ssm-incidents.amazonaws.com", eventName: "TrailwatchThrottleSummary", eventID: alert.eventId });
    expect(alert.eventId).toBe(`summary-${shortHash(`${window.pk}|${window.sk}`)}`);
    const other = summaryAlert(policy("  eventSource: [ssm-contacts.amazonaws.com]\n"), { ...window, sk: "2026-11-20T10:01:00.000Z", firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
    expect(other.eventId).not.toBe(alert.eventId);
  });

  it("says trailwatch for a policy that names no event source", () => {
    const alert = summaryAlert(policy("  eventName: [DeleteContactChannel]\n"), { ...window, firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
    expect(alert.eventSource).toBe("trailwatch");
  });

  it("says trailwatch for a policy whose first event source is a pattern, not a name", () => {
    const alert = summaryAlert(policy('  eventSource: [{ prefix: "ssm-" }]\n'), { ...window, firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
    expect([alert.eventSource, alert.record.eventSource]).toEqual(["trailwatch", "trailwatch"]);
  });
});
