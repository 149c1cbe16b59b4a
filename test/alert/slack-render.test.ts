import { describe, expect, it } from "vitest";
import type { SectionBlock } from "../../src/alert/render/slack-blocks.js";
import { SLACK_LIMITS } from "../../src/alert/render/slack-limits.js";
import { slackMessage } from "../../src/alert/render/slack.js";
import { TRUNCATED } from "../../src/text/truncate.js";
import type { Severity } from "../../src/record/severity.js";
import { loadIdentity } from "./identities.js";
import { hostileAlert, sampleAlert } from "./sample-alert.js";

const sectionTexts = (alert = sampleAlert()): string[] =>
  slackMessage(alert).blocks.flatMap((b) => (b.type === "section" && b.text ? [b.text.text] : []));

describe("slackMessage", () => {
  it("matches the golden message", async () => {
    const message = slackMessage(sampleAlert({}, loadIdentity("assumed-role")));
    await expect(JSON.stringify(message, null, 2) + "\n").toMatchFileSnapshot("golden/slack-message.json");
  });

  it("matches the golden message for a hostile record", async () => {
    await expect(JSON.stringify(slackMessage(hostileAlert()), null, 2) + "\n").toMatchFileSnapshot("golden/slack-hostile.json");
  });

  it.each<[Severity, string]>([
    ["info", ":information_source: INFO"],
    ["low", ":large_blue_circle: LOW"],
    ["medium", ":large_yellow_circle: MEDIUM"],
    ["high", ":large_orange_circle: HIGH"],
    ["critical", ":rotating_light: CRITICAL"],
  ])("header for %s starts with %s", (severity, start) => {
    const [header] = slackMessage(sampleAlert({ severity })).blocks;
    expect(header).toMatchObject({ type: "header", text: { type: "plain_text", emoji: true } });
    expect(header?.type === "header" && header.text.text.startsWith(start)).toBe(true);
  });

  it.each([
    ["header", { title: "T".repeat(500) }, (m: ReturnType<typeof slackMessage>) => m.blocks[0]?.type === "header" && m.blocks[0].text.text, SLACK_LIMITS.headerText],
    ["summary", { summary: "<".repeat(2000) }, (m: ReturnType<typeof slackMessage>) => (m.blocks[1] as SectionBlock).text?.text, SLACK_LIMITS.sectionText],
    ["fallback", { summary: "s".repeat(10_000) }, (m: ReturnType<typeof slackMessage>) => m.text, SLACK_LIMITS.fallbackText],
  ])("cuts an oversized %s with a visible marker", (_part, overrides, pick, limit) => {
    const text = String(pick(slackMessage(sampleAlert(overrides))));
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text.endsWith(TRUNCATED)).toBe(true);
  });

  it("cuts huge request parameters inside the code fence, which still closes", () => {
    const record = { ...sampleAlert().record, requestParameters: { blob: "<&>".repeat(5000) } };
    const params = sectionTexts(sampleAlert({ record })).find((t) => t.startsWith("*Request parameters*")) ?? "";
    expect(params.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(params.startsWith("*Request parameters*\n```\n")).toBe(true);
    expect(params.endsWith(`${TRUNCATED}\n\`\`\``)).toBe(true);
    expect(params).not.toMatch(/&(a|am|l|g|lt|gt|amp)?\u2026/);
  });

  it("keeps within Slack's block and field counts", () => {
    const { blocks } = slackMessage(hostileAlert());
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const fields = blocks.flatMap((b) => (b.type === "section" ? (b.fields ?? []) : []));
    expect(fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    expect(fields.map((f) => f.text.split("\n")[0])).toEqual([
      "*Who*", "*Account*", "*Region*", "*Time*", "*Source IP*", "*MFA*", "*Console session*", "*Call*", "*Failed with*",
    ]);
  });

  it("only links references that cannot break out of <...>", () => {
    const texts = sectionTexts(sampleAlert({ references: ["https://ok.example/a", "https://x.example/|<!channel>", "javascript:alert(1)"] }));
    const refs = texts.find((t) => t.startsWith("*References*")) ?? "";
    expect(refs).toBe("*References*\n• <https://ok.example/a>\n• https://x.example/|&lt;!channel&gt;\n• javascript:alert(1)\n*MITRE ATT&amp;CK:* T1562.001, T1485");
  });

  it("marks every mrkdwn object verbatim (no auto-linking of channels or mentions)", () => {
    const { blocks } = slackMessage(sampleAlert());
    const objects = blocks.flatMap((b) =>
      b.type === "section" ? [...(b.text ? [b.text] : []), ...(b.fields ?? [])] : b.type === "context" ? [...b.elements] : [],
    );
    expect(objects.length).toBeGreaterThan(5);
    expect(objects.every((o) => o.verbatim === true)).toBe(true);
  });
});
