import { truncateMrkdwn, truncateText } from "../../text/truncate.js";

/**
 * The few Block Kit shapes Trailwatch sends (structurally compatible with `@slack/types`),
 * and the published limits Slack enforces on them: over-limit blocks are rejected with
 * `invalid_blocks`, not trimmed, so every renderer output passes through `fitBlocks`.
 */
export interface PlainText {
  readonly type: "plain_text";
  readonly text: string;
  readonly emoji?: boolean;
}
export interface Mrkdwn {
  readonly type: "mrkdwn";
  readonly text: string;
  /** `true`: Slack does not auto-link channel names, URLs or mentions in this text. */
  readonly verbatim?: boolean;
}
export interface HeaderBlock {
  readonly type: "header";
  readonly text: PlainText;
}
export interface SectionBlock {
  readonly type: "section";
  readonly text?: Mrkdwn;
  readonly fields?: readonly Mrkdwn[];
}
export interface ButtonElement {
  readonly type: "button";
  readonly text: PlainText;
  /** A link button; the others post a block_actions payload to the interactivity URL. */
  readonly url?: string;
  readonly action_id: string;
  /** Up to 2000 characters, handed back in the click's payload. */
  readonly value?: string;
  readonly style?: "primary" | "danger";
}
export interface ActionsBlock {
  readonly type: "actions";
  readonly elements: readonly ButtonElement[];
}
export interface ContextBlock {
  readonly type: "context";
  readonly elements: readonly Mrkdwn[];
}
export type SlackBlock = HeaderBlock | SectionBlock | ActionsBlock | ContextBlock;

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

export const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text, verbatim: true });

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
