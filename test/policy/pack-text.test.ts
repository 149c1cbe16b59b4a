import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAlert } from "../../src/alert/build.js";
import { emailBody, emailSubject, messageAttributes } from "../../src/alert/render/email.js";
import { slackMessage } from "../../src/alert/render/slack.js";
import { alertBlock } from "../../src/alert/render/terminal.js";
import { recordOf } from "../../src/input/formats.js";
import { hardWrappedLines } from "../../src/lint/checks/hygiene.js";
import { loadPolicies } from "../../src/policy/load.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { slackTexts } from "../hostile/support/checks.js";
import { repoRoot } from "../support/shared.js";

/**
 * The shipped pack's two texts: `description` is the on-call's runbook (every alert shows it,
 * line breaks included), `notes` is for policy authors and never reaches an alert.
 */
const { policies } = loadPolicies(path.join(repoRoot, "rules"));
const described = policies.filter((p) => p.description !== undefined).map((p) => [p.id, p] as const);

/** Letters and digits only: escaping (entities, code spans, line joins) cannot hide a match. */
const words = (text: string) => text.replace(/[^A-Za-z0-9]+/g, " ").trim();

function everythingAnAlertShows(policy: (typeof policies)[number], record: CloudTrailRecord): string {
  const alert = buildAlert(policy, record);
  const attributes = Object.values(messageAttributes(alert)).map((a) => a.StringValue);
  return words([emailSubject(alert), emailBody(alert), ...attributes, ...slackTexts(slackMessage(alert)), alertBlock(alert)].join("\n"));
}

describe("shipped runbooks read right on a phone", () => {
  it("the pack has runbooks and notes to check", () => {
    expect(described.length).toBeGreaterThanOrEqual(40);
    expect(policies.filter((p) => p.notes !== undefined).length).toBeGreaterThanOrEqual(35);
  });

  it.each(described)("%s: no line of the runbook continues the line before (no hard wraps)", (_id, policy) => {
    expect(hardWrappedLines(policy.description ?? "")).toEqual([]);
  });

  it.each(described)("%s: author remarks (severity rationale, matching and tuning) are in notes, not the runbook", (_id, policy) => {
    const runbook = policy.description ?? "";
    expect(runbook).not.toMatch(/^Severity \w+/m);
    expect(runbook).not.toMatch(/"readOnly"|tune file|this policy|is not alerted|are excluded|embedded tests/);
  });
});

describe("notes never reach an alert", () => {
  const withNotes = policies.filter((p) => p.notes !== undefined && p.tests.some((t) => t.alert)).map((p) => [p.id, p] as const);

  it.each(withNotes)("%s: e-mail, SNS attributes, Slack and the terminal carry no paragraph of its notes", (_id, policy) => {
    const paragraphs = (policy.notes ?? "").split(/\n\s*\n/).map(words).filter((p) => p !== "");
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const test of policy.tests.filter((t) => t.alert)) {
      const shown = everythingAnAlertShows(policy, recordOf(test.event) as CloudTrailRecord);
      expect(shown).toContain(words(policy.description ?? policy.title).slice(0, 60));
      for (const paragraph of paragraphs) expect(shown, test.name).not.toContain(paragraph.slice(0, 60));
    }
  });
});
