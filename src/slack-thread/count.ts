import type { PostedMessage } from "../outputs/output.js";

const hhmm = (iso: string | undefined) => (iso === undefined ? "?" : iso.slice(11, 16));

/** The parent as first posted, plus one context line: "+37 more in thread, last 10:41 UTC". */
export function withCount(parent: PostedMessage, more: number, last: string | undefined): PostedMessage {
  const line = `+${more} more in thread, last ${hhmm(last)} UTC`;
  const note = { type: "context", elements: [{ type: "mrkdwn", text: `*${line}*` }] };
  return { ...parent, text: `${parent.text} (${line})`, blocks: [...parent.blocks, note] };
}
