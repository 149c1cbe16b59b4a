/** Marker appended where text was cut to fit a Slack limit. */
export const TRUNCATED = "…[truncated]";

const utf8 = new TextEncoder();

export function byteLength(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** Don't end on the first half of a surrogate pair. */
function safeCut(value: string, cut: number): number {
  const code = value.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
}

/** Don't end inside an `&amp;`-style entity produced by escaping (the longest is 5 chars). */
function outsideEntity(value: string, cut: number): number {
  const amp = value.lastIndexOf("&", cut - 1);
  if (amp === -1 || cut - amp > 5) return cut;
  const semi = value.indexOf(";", amp);
  return semi !== -1 && semi < cut ? cut : amp;
}

/**
 * Fit `value` into `max` UTF-16 code units (Slack counts characters; code units are never
 * fewer, so this errs on the safe side), ending with `marker` when cut.
 */
export function truncateText(value: string, max: number, marker: string = TRUNCATED): string {
  if (value.length <= max) return value;
  if (max <= marker.length) return marker.slice(0, Math.max(0, max));
  const cut = outsideEntity(value, safeCut(value, max - marker.length));
  return value.slice(0, cut) + marker;
}

/**
 * Don't end inside a mrkdwn code span or fence, nor inside a run of backticks. In mrkdwn that
 * Trailwatch renders every backtick is a delimiter (a value's own become `｀`) and spans and
 * fences close, so an odd count before the cut means one is open: cut before its opening run,
 * or `*`, `_`, `~` from the record inside it would format.
 */
function outsideCode(value: string, cut: number): number {
  let end = cut;
  while (end > 0 && value[end - 1] === "`" && value[end] === "`") end -= 1;
  let ticks = 0;
  for (let i = 0; i < end; i++) if (value[i] === "`") ticks += 1;
  if (ticks % 2 === 0) return end;
  let open = value.lastIndexOf("`", end - 1);
  while (open > 0 && value[open - 1] === "`") open -= 1;
  return open;
}

/** `truncateText` for Slack mrkdwn: also never leaves a code span or fence open. */
export function truncateMrkdwn(value: string, max: number, marker: string = TRUNCATED): string {
  if (value.length <= max) return value;
  if (max <= marker.length) return marker.slice(0, Math.max(0, max));
  const cut = outsideCode(value, outsideEntity(value, safeCut(value, max - marker.length)));
  return value.slice(0, cut) + marker;
}

/** Longest prefix of `value` that fits in `maxBytes` UTF-8 bytes, cut on a code-point boundary. */
function prefixWithin(value: string, maxBytes: number): string {
  const bytes = utf8.encode(value);
  if (bytes.length <= maxBytes) return value;
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return Buffer.from(bytes.subarray(0, end)).toString("utf8");
}

/**
 * Fit `value` into `maxBytes` UTF-8 bytes; when cut, it ends with
 * `\n[truncated N bytes]`, where N is how many bytes of `value` were dropped.
 */
export function truncateBytes(value: string, maxBytes: number): string {
  const total = byteLength(value);
  if (total <= maxBytes) return value;
  // The marker's own size depends on N; size it for the largest N it could carry.
  const reserve = byteLength(`\n[truncated ${total} bytes]`);
  const kept = prefixWithin(value, maxBytes - reserve);
  return `${kept}\n[truncated ${total - byteLength(kept)} bytes]`;
}
