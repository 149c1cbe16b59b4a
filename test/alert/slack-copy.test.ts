import { describe, expect, it } from "vitest";
import { slackMessage } from "../../src/alert/render/slack.js";
import { slackTexts } from "../hostile/support/checks.js";
import { loadIdentity } from "./identities.js";
import { sampleAlert } from "./sample-alert.js";

/**
 * What a reader sees, and copies, from a mrkdwn text: code blocks and spans lose their backticks,
 * the three entities decode. Bold/italic/strike would need their marks outside code (see below).
 */
const shown = (text: string) =>
  text.replace(/```\n?([\s\S]*?)\n?```/g, "$1").replace(/`([^`\n]*)`/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const outsideCode = (text: string) => text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");

const ARN = "arn:aws:ssm-incidents::111122223333:response-plan/*";
const record = { ...loadIdentity("assumed-role"), errorCode: "AccessDenied", errorMessage: `not authorized on ${ARN} (*bold* _it_ ~strike~)` };
const alert = sampleAlert({ summary: `UpdateResponsePlan of ${ARN} by *bold* on_call_admin` }, record);
const message = slackMessage(alert);
const texts = slackTexts(message);

describe("Slack text keeps `*`, `_`, `~` as themselves", () => {
  it("an ARN with * copied from the summary, the failure and the fallback equals the original", () => {
    const summary = message.blocks[1]?.type === "section" ? (message.blocks[1].text?.text ?? "") : "";
    expect(shown(summary)).toBe(alert.summary);
    expect(shown(message.text)).toContain(`UpdateResponsePlan of ${ARN} by *bold* on_call_admin`);
    const failed = texts.find((t) => t.startsWith("*Failed with*")) ?? "";
    expect(shown(failed)).toContain(record.errorMessage);
  });

  it("*bold* (and _it_, ~strike~) from a record value never formats: the marks sit only inside code", () => {
    for (const text of texts) {
      const plain = outsideCode(text).replace(/:[a-z_]+:/g, "").replace(/\*(Who|Account|Region|Time|Source IP|MFA|Console session|Call|Failed with|What to do|References|Request parameters|MITRE ATT&amp;CK:)\*/g, "");
      expect(plain, text).not.toMatch(/[*_~`]/);
    }
  });
});
