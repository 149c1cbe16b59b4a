/**
 * IP addresses as aws/event-ruler compares them: the address bytes as upper-case hex
 * digits, and a CIDR block as the inclusive range [bottom, top] of such strings.
 * Parsing follows Java's InetAddress literal rules, which event-ruler relies on:
 * IPv4-mapped IPv6 addresses become IPv4; an IPv4 literal has at most 15 characters and
 * decimal parts (leading zeros allowed, still decimal); an IPv6 group may have more than
 * four hex digits when its value fits in 16 bits ("00001::").
 */
const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(text: string): number[] | undefined {
  // Java rejects longer literals ("0010.0000.0000.1") before reading any part.
  if (text.length > 15) return undefined;
  const bytes = text.split(".").map((part) => Number.parseInt(part, 10));
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** A port of Java's IPAddressUtil.textToNumericFormatV6 for text of hex digits and colons. */
function parseIpv6(text: string): number[] | undefined {
  if (text.length < 2 || (text[0] === ":" && text[1] !== ":")) return undefined;
  const bytes: number[] = [];
  let gap = -1;
  let value = 0;
  let digits = false;
  for (let i = text[0] === ":" ? 1 : 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch !== ":") {
      value = value * 16 + Number.parseInt(ch, 16);
      if (value > 0xffff) return undefined;
      digits = true;
    } else if (!digits) {
      if (gap !== -1) return undefined;
      gap = bytes.length;
    } else {
      if (i === text.length - 1 || bytes.length === 16) return undefined;
      bytes.push(value >> 8, value & 0xff);
      digits = false;
      value = 0;
    }
  }
  if (digits) {
    if (bytes.length === 16) return undefined;
    bytes.push(value >> 8, value & 0xff);
  }
  if (gap !== -1) {
    if (bytes.length === 16) return undefined;
    bytes.splice(gap, 0, ...new Array<number>(16 - bytes.length).fill(0));
  }
  if (bytes.length !== 16) return undefined;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

export function ipToBytes(text: string): number[] | undefined {
  if (IPV4.test(text)) return parseIpv4(text);
  if (IPV6.test(text)) return parseIpv6(text);
  return undefined;
}

/** "00".."FF": building hex digits per byte with toString/padStart was most of converting an address. */
const HEX_BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).toUpperCase().padStart(2, "0"));

function toHex(bytes: readonly number[]): string {
  let hex = "";
  for (const b of bytes) hex += HEX_BYTES[b] as string;
  return hex;
}

/**
 * Source IPs repeat across CloudTrail records, and every cidr test (and exact test of an IP)
 * converts the event's value: parsing dominated evaluation with 1000 policies. A bounded
 * memo of short strings keeps the conversion to one Map lookup; it is cleared when full.
 */
const memo = new Map<string, string | null>();
export const IP_MEMO_LIMIT = 4096;
/** Longer texts are parsed each time: no address is this long, and keys must stay small. */
export const IP_MEMO_MAX_CHARS = 64;

/** How many texts the memo holds now (never more than IP_MEMO_LIMIT): a warm container's memory stays flat. */
export function ipMemoSize(): number {
  return memo.size;
}

/** The last text converted: the policies tried on one record test the same sourceIPAddress in turn. */
let lastText: string | undefined;
let lastHex: string | undefined;

export function ipToHex(text: string): string | undefined {
  if (text === lastText) return lastHex;
  const hex = convert(text);
  lastText = text;
  lastHex = hex;
  return hex;
}

function convert(text: string): string | undefined {
  const known = memo.get(text);
  if (known !== undefined) return known ?? undefined;
  const bytes = ipToBytes(text);
  const hex = bytes === undefined ? undefined : toHex(bytes);
  if (text.length <= IP_MEMO_MAX_CHARS) {
    if (memo.size >= IP_MEMO_LIMIT) memo.clear();
    memo.set(text, hex ?? null);
  }
  return hex;
}

export interface HexRange {
  readonly bottom: string;
  readonly top: string;
}

/**
 * Whether an address (as hex digits) is in a range, the way event-ruler's byte trie decides it:
 * digit by digit, matching as soon as the digits read so far are strictly inside the range.
 * So an address longer than the range (IPv6 against an IPv4 block) is judged by its first
 * digits, and a shorter one (IPv4 against an IPv6 block) matches only if its digits already
 * fall strictly between the range's bounds. For same-length addresses this is the usual
 * `bottom <= hex <= top`.
 */
export function hexInRange(hex: string, range: HexRange): boolean {
  const { bottom, top } = range;
  if (hex.length >= bottom.length) {
    const head = hex.slice(0, bottom.length);
    return head >= bottom && head <= top;
  }
  return hex > bottom.slice(0, hex.length) && hex < top.slice(0, hex.length);
}

/** An IP address text against a range; false when the text is not an address. */
export function ipInRange(text: string, range: HexRange): boolean {
  const hex = ipToHex(text);
  return hex !== undefined && hexInRange(hex, range);
}

export function parseCidr(text: string): HexRange | string {
  const parts = text.split("/");
  while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length !== 2) return `malformed CIDR "${text}": exactly one "/" is required, as in "10.0.0.0/8"`;
  const [address = "", maskText = ""] = parts;
  if (!/^[+-]?[0-9]+$/.test(maskText)) return `malformed CIDR "${text}": mask bits must be an integer`;
  const mask = Number.parseInt(maskText, 10);
  if (mask < 0) return `malformed CIDR "${text}": mask bits must not be negative`;
  const bytes = ipToBytes(address);
  if (bytes === undefined) return `malformed CIDR "${text}": "${address}" is not an IPv4 or IPv6 address`;
  const limit = bytes.length === 4 ? 31 : 127;
  // aws/event-ruler rejects /32 and /128 (a single address): write the address itself instead.
  if (mask > limit) return `CIDR "${text}": ${bytes.length === 4 ? "IPv4" : "IPv6"} mask bits must be at most ${limit}`;
  const { bottom, top } = cidrBounds(bytes, mask);
  return { bottom: toHex(bottom), top: toHex(top) };
}

/**
 * The first and last address of a block as bytes: the one CIDR computation, used by
 * parseCidr and by the differential fuzzer (scripts/fuzz/) to put addresses at a block's edges.
 */
export function cidrBounds(bytes: readonly number[], mask: number): { bottom: number[]; top: number[] } {
  return {
    bottom: bytes.map((b, i) => b & byteMask(mask - i * 8)),
    top: bytes.map((b, i) => b | (~byteMask(mask - i * 8) & 0xff)),
  };
}

/** The mask for one byte when `bits` of the prefix remain at that byte. */
function byteMask(bits: number): number {
  if (bits >= 8) return 0xff;
  if (bits <= 0) return 0;
  return (0xff << (8 - bits)) & 0xff;
}
