/**
 * The one cleaning of untrusted text before it reaches a person: e-mail, Slack and the
 * terminal all call this file. CloudTrail fields such as `userAgent`, `errorMessage` and
 * free-text request members are written by the caller, so they can carry terminal escapes,
 * fake line breaks, Unicode bidi controls that make `gro.live` read as `evil.org`, or
 * invisible characters that make two different names look the same.
 */

/** Shown in place of a removed character, so a reader can see that something was there. */
export const REPLACEMENT = "\uFFFD";

// Each of these, anywhere in untrusted text, becomes REPLACEMENT:
// - C0 controls except TAB/LF/CR (handled as white space), DEL and the C1 block;
// - bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069) and the bidi marks
//   (LRM, RLM, ALM): each can reorder what the reader sees without changing the bytes;
// - invisible code points: zero-width space/joiners (U+200B-U+200D), word joiner (U+2060),
//   BOM/ZWNBSP (U+FEFF), soft hyphen (U+00AD), Mongolian vowel separator (U+180E), combining
//   grapheme joiner (U+034F), Hangul fillers (U+115F, U+3164, U+FFA0) and the tag characters
//   (U+E0000-U+E007F, a surrogate pair each): `admin` and `ad\u200Bmin` must not look alike;
// - lone surrogates, which no encoder can write.
const UNSAFE = new RegExp(
  // eslint-disable-next-line no-misleading-character-class -- U+034F is listed to be replaced, not to combine
  [
    "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]",
    "[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]",
    "[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD\\u180E\\u034F\\u115F\\u3164\\uFFA0]",
    "\\uDB40[\\uDC00-\\uDC7F]",
    "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  ].join("|"),
  "g",
);
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/g;

export interface CleanOptions {
  /** Keep line breaks (normalised to `\n`); otherwise each becomes one space. */
  readonly multiline?: boolean;
}

/** Replace control characters, bidi controls, invisible code points and lone surrogates; normalise line breaks. */
export function cleanText(value: string, options: CleanOptions = {}): string {
  return value
    .replace(LINE_BREAK, options.multiline ? "\n" : " ")
    .replace(/\t/g, " ")
    .replace(UNSAFE, REPLACEMENT);
}

/** `cleanText` for a value that may be absent: `fallback` when missing or blank. */
export function cleanOr(value: string | undefined, fallback: string, options: CleanOptions = {}): string {
  return value === undefined || value.trim() === "" ? fallback : cleanText(value, options);
}

/**
 * One record value on one line of a terminal. Only strings and numbers are shown; anything
 * else from the record is described, never converted (a `{"toString": 1}` object would throw).
 */
export function safeText(value: unknown): string {
  if (typeof value === "string") return cleanText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === undefined || value === null ? "" : "(not text)";
}

/**
 * Text we quote rather than clean (a parser's message quoting the input): every character
 * `cleanText` would replace, line breaks and tabs included, is shown as its `\uXXXX` escape.
 */
export function escapeUnsafe(text: string): string {
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  return text.replace(/[\t\r\n\u2028\u2029\u0085]/g, hex).replace(UNSAFE, (c) => c.split("").map(hex).join(""));
}
