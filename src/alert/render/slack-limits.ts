import { truncateMrkdwn, truncateText } from "../../text/truncate.js";
import type { PlainText, Mrkdwn, SlackBlock } from "./slack-blocks.js";

/**
 * Slack's limits on a message (Block Kit reference: blocks per message, characters per
 * header, section, field, context element and button; over-limit blocks are rejected with
 * `invalid_blocks`, not trimmed): the one place they are written, and `fitBlocks`, which
 * enforces every one of them on each renderer's output before it leaves.
 */
export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  /** `text` is only the notification fallback when blocks are sent; ~4,000 renders best. */
  fallbackText: 4000,
} as const;

const fitMrkdwn = (text: Mrkdwn, max: number): Mrkdwn => ({ ...text, text: truncateMrkdwn(text.text, max) });
const fitPlain = (text: PlainText, max: number): PlainText => ({ ...text, text: truncateText(text.text, max) });

function fitBlock(block: SlackBlock): SlackBlock {
  switch (block.type) {
    case "header":
      return { ...block, text: fitPlain(block.text, SLACK_LIMITS.headerText) };
    case "section":
      return {
        ...block,
        ...(block.text ? { text: fitMrkdwn(block.text, SLACK_LIMITS.sectionText) } : {}),
        ...(block.fields ? { fields: block.fields.slice(0, SLACK_LIMITS.fields).map((f) => fitMrkdwn(f, SLACK_LIMITS.fieldText)) } : {}),
      };
    case "context":
      return { ...block, elements: block.elements.slice(0, SLACK_LIMITS.contextElements).map((e) => fitMrkdwn(e, SLACK_LIMITS.sectionText)) };
    case "actions":
      return { ...block, elements: block.elements.map((b) => ({ ...b, text: fitPlain(b.text, SLACK_LIMITS.buttonText) })) };
  }
}

/** Enforce every per-block limit, cutting text with a visible `…[truncated]` marker. */
export function fitBlocks(blocks: readonly SlackBlock[]): SlackBlock[] {
  return blocks.slice(0, SLACK_LIMITS.blocks).map(fitBlock);
}
