/**
 * Cleaning of untrusted text before it reaches any sink (e-mail, Slack, terminal).
 * CloudTrail fields such as `userAgent`, `errorMessage` and free-text request members are
 * written by the caller, so they can carry terminal escapes, fake line breaks or Unicode
 * bidi overrides that make `gro.live` read as `evil.org`.
 */

/** Shown in place of a removed character, so a reader can see that something was there. */
export const REPLACEMENT = "\uFFFD";

// C0 controls except TAB/LF/CR (handled separately), DEL and the C1 block.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069) and the bidi marks
// (LRM, RLM, ALM): each can reorder what the reader sees without changing the bytes.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;

export interface CleanOptions {
  /** Keep line breaks (normalised to `\n`); otherwise each becomes one space. */
  readonly multiline?: boolean;
}

/** Replace control characters, bidi controls and lone surrogates; normalise line breaks. */
export function cleanText(value: string, options: CleanOptions = {}): string {
  return value
    .replace(LINE_BREAK, options.multiline ? "\n" : " ")
    .replace(/\t/g, " ")
    .replace(CONTROL, REPLACEMENT)
    .replace(BIDI, REPLACEMENT)
    .replace(LONE_SURROGATE, REPLACEMENT);
}

/** `cleanText` for a value that may be absent: `fallback` when missing or blank. */
export function cleanOr(value: string | undefined, fallback: string, options: CleanOptions = {}): string {
  return value === undefined || value.trim() === "" ? fallback : cleanText(value, options);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One value on one line: control characters (line breaks included) and bidi overrides
 * become U+FFFD, so a hostile field cannot forge lines or rewrite the terminal. Only
 * strings and numbers are shown; anything else from the record is described, never
 * converted (a `{"toString": 1}` object would throw).
 */
export function safeText(value: unknown): string {
  if (typeof value === "string") return value.replace(UNSAFE, "\uFFFD");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : "(not text)";
}
