import { truncateText } from "../../text/truncate.js";
import { cleanText, type CleanOptions } from "../../text/sanitise.js";

/**
 * Slack mrkdwn escaping.
 *
 * Slack decodes exactly three entities, so `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`
 * (`&` first): `<!channel>`, `<@U123>` and `<https://evil|click>` then show as text.
 *
 * `*`, `_`, `~` and backticks have no escape in mrkdwn. We swap them for their fullwidth
 * forms (＊ ＿ ～ ｀) rather than wrap them in zero-width spaces, because a zero-width space
 * is the well-known trick that *enables* mid-word bold/italic in Slack. The swap only
 * changes how the character looks; identifiers a reader may copy (ARNs, account ids, IPs,
 * event ids) are instead put in code spans (`codeSpan`), where Slack applies no formatting
 * and only backticks need replacing.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const FULLWIDTH: Readonly<Record<string, string>> = { "*": "\uFF0A", _: "\uFF3F", "~": "\uFF5E", "`": "\uFF40" };

/** Only the three Slack control characters: for trusted text whose formatting is intended. */
export function escapeEntities(value: string, options: CleanOptions = {}): string {
  return cleanText(value, options).replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** Untrusted text for a mrkdwn field: shows exactly as written, never formats or mentions. */
export function escapeMrkdwn(value: string, options: CleanOptions = {}): string {
  return escapeEntities(value, options).replace(/[*_~`]/g, (c) => FULLWIDTH[c] ?? c);
}

/** Untrusted text inside a code span or block, where only backticks could break out. */
export function escapeCode(value: string, options: CleanOptions = {}): string {
  return escapeEntities(value, options).replace(/`/g, FULLWIDTH["`"] ?? "'");
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
