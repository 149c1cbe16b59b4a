/**
 * IP addresses as aws/event-ruler compares them: the address bytes as upper-case hex
 * digits, and a CIDR block as the inclusive range [bottom, top] of such strings.
 * IPv4-mapped IPv6 addresses become IPv4, as Java's InetAddress does.
 */
const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function parseIpv4(text: string): number[] | undefined {
  const bytes = text.split(".").map((part) => (part.length > 10 ? NaN : Number.parseInt(part, 10)));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

function parseGroups(text: string): number[] | undefined {
  if (text === "") return [];
  const groups: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

export function ipToBytes(text: string): number[] | undefined {
  if (IPV4.test(text)) return parseIpv4(text);
  if (IPV6.test(text)) return parseIpv6(text);
  return undefined;
}

function toHex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("");
}

export function ipToHex(text: string): string | undefined {
  const bytes = ipToBytes(text);
  return bytes === undefined ? undefined : toHex(bytes);
}

export interface HexRange {
  readonly bottom: string;
  readonly top: string;
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
  const bottom = bytes.map((b, i) => b & byteMask(mask - i * 8));
  const top = bytes.map((b, i) => b | (~byteMask(mask - i * 8) & 0xff));
  return { bottom: toHex(bottom), top: toHex(top) };
}

/** The mask for one byte when `bits` of the prefix remain at that byte. */
function byteMask(bits: number): number {
  if (bits >= 8) return 0xff;
  if (bits <= 0) return 0;
  return (0xff << (8 - bits)) & 0xff;
}
