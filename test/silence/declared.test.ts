import { describe, expect, it } from "vitest";
import { buildAlert } from "../../src/alert/build.js";
import { loadPolicyText } from "../../src/policy/load.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { whyNotHeld } from "../../src/silence/holds.js";
import { loadSilencesText } from "../../src/silence/declared.js";

const NOW = new Date("2026-11-20T12:00:00Z");

const entry = (lines: string) => `silences:\n  - id: rework\n    match: { policy: [ssm-contacts.contact-deleted] }\n${lines}`;
const full = "    start: 2026-11-20T10:00:00Z\n    end: 2026-11-20T16:00:00Z\n    reason: response-plan rework\n    by: alice\n";

function diagnostics(text: string): string[] {
  return loadSilencesText(text, "rules/local/silences.yml", NOW).diagnostics.map(formatDiagnostic);
}

describe("rules/local/silences.yml", () => {
  it("loads a complete silence", () => {
    const { silences, diagnostics: d } = loadSilencesText(entry(full), "silences.yml", NOW);
    expect(d).toEqual([]);
    expect(silences).toMatchObject([{ id: "rework", start: "2026-11-20T10:00:00.000Z", end: "2026-11-20T16:00:00.000Z", reason: "response-plan rework", creator: "alice", holdCritical: false, origin: "code" }]);
  });

  it.each([
    ["no end is an error, at the entry", full.replace("    end: 2026-11-20T16:00:00Z\n", ""), 'rules/local/silences.yml:2:5 error silences[0]: missing required key "end": a silence without an end would hold alerts forever'],
    ["an ended silence is a warning, at its end", full.replace("16:00", "11:00"), 'rules/local/silences.yml:5:5 warning silences[0].end: silence "rework" ended at 2026-11-20T11:00:00.000Z: it holds nothing; remove it'],
    ["more than 7 days is an error", full.replace("2026-11-20T16", "2026-11-29T16"), "rules/local/silences.yml:5:5 error silences[0].end: lasts 9.3d, longer than 7d: shorten it, or allow more with max: 14d"],
    ["a time without a zone is an error", full.replace("16:00:00Z", "16:00:00"), 'rules/local/silences.yml:5:5 error silences[0].end: end must be an ISO-8601 time with a zone, like 2026-11-20T16:00:00Z, not "2026-11-20T16:00:00"'],
    ["an unknown key, with a suggestion", `${full}    reson: x\n`, 'rules/local/silences.yml:8:5 error silences[0].reson: unknown key "reson" (did you mean "reason"?); allowed: id, match, start, end, reason, by, holdCritical, max'],
  ])("%s", (_name, lines, expected) => {
    expect(diagnostics(entry(lines))).toContain(expected);
  });

  it("max allows a longer silence", () => {
    expect(diagnostics(entry(`${full.replace("2026-11-20T16", "2026-11-29T16")}    max: 14d\n`))).toEqual([]);
  });

  it("match keys are the route view's, positioned", () => {
    const text = `silences:\n  - id: x\n    match: { polcy: [a] }\n${full}`;
    expect(diagnostics(text)).toContain('rules/local/silences.yml:3:14 error silences[0].match.polcy: silences match on policy, severity, service, tags, eventName, eventSource, account, region, actor; not "polcy" (did you mean "policy"?)');
  });

  it("one broken silence voids the file (nothing half-held)", () => {
    const text = `${entry(full)}  - id: other\n    match: { severity: [low] }\n    start: 2026-11-20T10:00:00Z\n    reason: r\n    by: bob\n`;
    const loaded = loadSilencesText(text, "silences.yml", NOW);
    expect(loaded.silences).toEqual([]);
    expect(loaded.diagnostics.some((d) => d.level === "error")).toBe(true);
  });
});

describe("what a silence holds", () => {
  const policy = (severity: string, tags = "[paging]", id = "ssm-contacts.contact-deleted") => {
    const yaml = `title: T\nseverity: ${severity}\ntags: ${tags}\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n`;
    const loaded = loadPolicyText(yaml, "x.yml", id, { tests: false }).policy;
    if (!loaded) throw new Error("policy");
    return loaded;
  };
  const record = { eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContact", eventID: "e1", userIdentity: { type: "IAMUser", arn: "arn:aws:iam::111122223333:user/alice", userName: "alice", accountId: "111122223333" } };
  const silence = (match: Record<string, unknown>, holdCritical = false) => {
    const yaml = `silences:\n  - id: s\n    match: ${JSON.stringify(match)}\n${full}${holdCritical ? "    holdCritical: true\n" : ""}`;
    const s = loadSilencesText(yaml, "s.yml", NOW).silences[0];
    if (!s) throw new Error("silence");
    return s;
  };

  it.each([
    ["its policy", { policy: ["ssm-contacts.contact-deleted"] }, "high", "[paging]", undefined],
    ["another policy", { policy: ["other"] }, "high", "[paging]", "its match does not cover this alert"],
    ["the actor", { actor: { name: ["alice"] } }, "high", "[paging]", undefined],
    ["critical, not said", { service: ["ssm-contacts"] }, "critical", "[paging]", "the alert is critical or self-protection, and the silence does not say holdCritical"],
    ["self-protection tag, not said", { service: ["ssm-contacts"] }, "high", "[self-protection]", "the alert is critical or self-protection, and the silence does not say holdCritical"],
  ])("%s", (_name, match, severity, tags, expected) => {
    const p = policy(severity, tags);
    expect(whyNotHeld(silence(match), buildAlert(p, record), p.tags, NOW)).toBe(expected);
  });

  it("holds critical and self-protection only when it says holdCritical", () => {
    const p = policy("critical", "[self-protection]");
    expect(whyNotHeld(silence({ service: ["ssm-contacts"] }, true), buildAlert(p, record), p.tags, NOW)).toBeUndefined();
  });

  it("a policy in the pack's folder is protected without the tag", () => {
    const p = policy("low", "[x]", "self-protection.trail-stopped");
    expect(whyNotHeld(silence({ severity: ["low"] }), buildAlert(p, record), p.tags, NOW)).toMatch(/critical or self-protection/);
  });

  it("holds nothing before its start or from its end", () => {
    const p = policy("high");
    const s = silence({ policy: ["ssm-contacts.contact-deleted"] });
    expect(whyNotHeld(s, buildAlert(p, record), p.tags, new Date("2026-11-20T09:59:59Z"))).toBe("it has not started");
    expect(whyNotHeld(s, buildAlert(p, record), p.tags, new Date("2026-11-20T16:00:00Z"))).toBe("it has ended");
  });
});
