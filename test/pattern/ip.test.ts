import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";
import { hexInRange, ipToHex, parseCidr, type HexRange } from "../../src/pattern/ip.js";

const ZEROS = "0".repeat(32);

describe("ipToHex reads addresses as Java's InetAddress does", () => {
  it.each<[string, string | undefined]>([
    ["10.0.0.1", "0A000001"],
    ["255.255.255.255", "FFFFFFFF"],
    ["010.0.0.1", "0A000001"], // leading zeros are decimal, not octal
    ["10.000.000.001", "0A000001"], // 14 characters
    ["0010.0000.0000.1", undefined], // more than 15 characters
    ["1.2.3.256", undefined],
    ["1.2.3", undefined],
    ["::", ZEROS],
    ["::1", `${"0".repeat(31)}1`],
    ["2001:db8::1", `20010DB8${"0".repeat(23)}1`],
    ["2001:DB8:0:0:0:0:0:1", `20010DB8${"0".repeat(23)}1`],
    ["::ffff:a00:1", "0A000001"], // IPv4-mapped becomes IPv4
    ["0:0:0:0:0:ffff:a00:1", "0A000001"],
    ["::a00:1", `${"0".repeat(24)}0A000001`], // IPv4-compatible stays IPv6
    ["00001::", `0001${"0".repeat(28)}`], // a group may have leading zeros beyond four digits
    ["10000::", undefined],
    ["1:2:3:4:5:6:7::", "00010002000300040005000600070000"],
    ["::1:2:3:4:5:6:7", "00000001000200030004000500060007"],
    ["1:2:3:4:5:6:7:8:9", undefined],
    ["1::2::3", undefined],
    [":1::", undefined],
    ["1:", undefined],
    [":", undefined],
    ["::ffff:10.0.0.1", undefined], // dotted tails are not read (event-ruler's IPv6 pattern has no dot)
    ["g::1", undefined],
    [" 10.0.0.1", undefined],
    ["example.com", undefined],
  ])("%j -> %s", (text, hex) => {
    expect(ipToHex(text)).toBe(hex);
  });
});

describe("parseCidr", () => {
  it.each<[string, HexRange]>([
    ["10.0.0.0/8", { bottom: "0A000000", top: "0AFFFFFF" }],
    ["10.1.2.3/8", { bottom: "0A000000", top: "0AFFFFFF" }],
    ["0.0.0.0/0", { bottom: "00000000", top: "FFFFFFFF" }],
    ["10.0.0.0/31", { bottom: "0A000000", top: "0A000001" }],
    ["10.0.0.0/+8", { bottom: "0A000000", top: "0AFFFFFF" }],
    ["10.0.0.0/8/", { bottom: "0A000000", top: "0AFFFFFF" }],
    ["2001:db8::/32", { bottom: `20010DB8${"0".repeat(24)}`, top: `20010DB8${"F".repeat(24)}` }],
    ["::ffff:a00:0/8", { bottom: "0A000000", top: "0AFFFFFF" }],
  ])("%s", (text, range) => {
    expect(parseCidr(text)).toEqual(range);
  });

  it.each<[string, RegExp]>([
    ["10.0.0.0/32", /IPv4 mask bits must be at most 31/],
    ["::/128", /IPv6 mask bits must be at most 127/],
    ["::ffff:a00:0/104", /IPv4 mask bits must be at most 31/],
    ["10.0.0.0", /exactly one "\/"/],
    ["10.0.0.0/8/8", /exactly one "\/"/],
    ["10.0.0.0/x", /must be an integer/],
    ["10.0.0.0/-1", /must not be negative/],
    ["1.2.3.256/8", /"1.2.3.256" is not an IPv4 or IPv6 address/],
    ["/8", /"" is not an IPv4 or IPv6 address/],
  ])("%s is rejected", (text, message) => {
    expect(parseCidr(text)).toMatch(message);
  });
});

describe("hexInRange decides digit by digit, as event-ruler's byte trie does", () => {
  const v4 = parseCidr("10.0.0.0/8") as HexRange;
  const v6all = parseCidr("::/0") as HexRange;
  it.each<[string, HexRange, boolean]>([
    ["0A123456", v4, true],
    ["0B000000", v4, false],
    ["09FFFFFF", v4, false],
    // IPv6 against an IPv4 block: its first eight digits decide.
    [`0A000001${ZEROS.slice(8)}`, v4, true],
    [`0AFFFFFF${"F".repeat(24)}`, v4, true],
    [`0B000000${ZEROS.slice(8)}`, v4, false],
    // IPv4 against an IPv6 block: only if the digits read already fall strictly inside.
    ["0A000001", v6all, true],
    ["00000000", v6all, false],
    ["FFFFFFFF", v6all, false],
  ])("%s", (hex, range, expected) => {
    expect(hexInRange(hex, range)).toBe(expected);
  });
});

describe("cidr operator", () => {
  const matches = (cidr: string, ip: unknown) => compilePattern({ ip: [{ cidr }] }).matches({ ip });
  it.each<[string, unknown, boolean]>([
    ["10.0.0.0/24", "10.0.0.0", true],
    ["10.0.0.0/24", "10.0.0.255", true],
    ["10.0.0.0/24", "10.0.1.0", false],
    ["10.0.0.0/24", "010.000.000.009", true],
    ["10.0.0.0/24", "::ffff:a00:9", true],
    ["10.0.0.0/8", "a00:1::", true],
    ["::/0", "10.0.0.1", true],
    ["::/0", "0.0.0.0", false],
    ["2600:1f14::/35", "2600:1F14:1FFF::1", true],
    ["2600:1f14::/35", "2600:1F14:2000::", false],
    ["10.0.0.0/8", "10.0.0.256", false],
    ["10.0.0.0/8", 167772161, false],
    ["10.0.0.0/8", null, false],
  ])("%s contains %j: %s", (cidr, ip, expected) => {
    expect(matches(cidr, ip)).toBe(expected);
  });
});
