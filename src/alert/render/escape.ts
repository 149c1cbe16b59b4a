import { truncateText } from "../../text/truncate.js";
import { cleanText, type CleanOptions } from "../../text/sanitise.js";

/**
 * Slack mrkdwn escaping.
 *
 * Slack decodes exactly three entities, so `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`
 * (`&` first): `<!channel>`, `<@U123>` and `<https://evil|click>` then show as text.
 *
 * `*`, `_`, `~` have no escape in mrkdwn, and a swap for a look-alike (fullwidth `＊`) or a
 * zero-width space changes what a reader copies: an ARN with `*` pasted into a CLI is wrong.
 * So a word (whitespace-delimited) that holds one of them goes in a code span, where Slack
 * formats nothing and the character stays itself. Backticks are the one character a code
 * span cannot hold (mrkdwn has no escape for them either), so they alone become `｀`.
 * Truncation keeps spans whole (`truncateMrkdwn`).
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const FULLWIDTH_BACKTICK = "\uFF40";
/** A word Slack could format: it holds `*`, `_` or `~` (backticks are already swapped). */
const FORMATTING = /[*_~]/;

/** Only the three Slack control characters: for trusted text whose formatting is intended. */
export function escapeEntities(value: string, options: CleanOptions = {}): string {
  return cleanText(value, options).replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** Untrusted text for a mrkdwn field: shows exactly as written, never formats or mentions. */
export function escapeMrkdwn(value: string, options: CleanOptions = {}): string {
  return escapeCode(value, options)
    .split(/(\s+)/)
    .map((word) => (FORMATTING.test(word) ? `\`${word}\`` : word))
    .join("");
}

/** Untrusted text inside a code span or block, where only backticks could break out. */
export function escapeCode(value: string, options: CleanOptions = {}): string {
  return escapeEntities(value, options).replace(/`/g, FULLWIDTH_BACKTICK);
}

/** Identifiers (ARNs, ids, IPs) are far shorter; a longer value is cut inside its span. */
export const MAX_CODE_SPAN = 500;

/**
 * An inline code span for an identifier; `fallback` (plain) when the value is missing. The
 * value is cut before it is wrapped, so the span always closes and no later field limit can
 * cut it open (which would let `*`, `_`, `~` from the record format in Slack).
 */
export function codeSpan(value: string | undefined, fallback = "unknown"): string {
  const escaped = value === undefined ? "" : truncateText(escapeCode(value).trim(), MAX_CODE_SPAN);
  return escaped === "" ? fallback : `\`${escaped}\``;
}
