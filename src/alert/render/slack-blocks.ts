/**
 * The few Block Kit shapes Trailwatch sends (structurally compatible with `@slack/types`).
 * The limits Slack enforces on them are in slack-limits.ts: over-limit blocks are rejected
 * with `invalid_blocks`, not trimmed, so every renderer output passes through `fitBlocks`.
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

export const mrkdwn = (text: string): Mrkdwn => ({ type: "mrkdwn", text, verbatim: true });
