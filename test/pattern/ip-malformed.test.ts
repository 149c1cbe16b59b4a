import { describe, expect, it } from "vitest";
import { compilePattern, InvalidPatternError } from "../../src/pattern/index.js";
import { IP_MEMO_LIMIT, IP_MEMO_MAX_CHARS, ipMemoSize, ipToHex, parseCidr } from "../../src/pattern/ip.js";

// Malformed addresses at the edges of the IPv6 grammar, and the memo's bound. Each text is
// asked twice: the second answer comes from the memo and must be the same.
const twice = (text: string) => [ipToHex(text), ipToHex(text)];

describe("malformed IPv6 is not an address", () => {
  it.each([
    "1:2:3:4:5:6:7:8:", // eight groups and a trailing colon
    "1:2:3:4:5:6:7:", // seven groups and a trailing colon
    "1:2:3:4:5:6:7:8::", // eight groups and a gap
    "::1:2:3:4:5:6:7:8",
    "1::2:3:4:5:6:7:8",
    "1:2:3:4::5:6:7:8",
    "1:2:3:4:5:6:7:8:9::", // nine groups and a gap
    "1:2:3:4:5:6:7:8:9:0",
    ":::",
    "1:::2",
    "1:2",
    "10000::1",
    "1:2:3:4:5:6:7:8x",
    "x1:2:3:4:5:6:7:8",
  ])("%j", (text) => {
    expect(twice(text)).toEqual([undefined, undefined]);
  });

  it("is never matched by a cidr pattern, even the whole address space", () => {
    const everything = compilePattern({ sourceIPAddress: [{ cidr: "::/0" }] });
    expect(everything.matches({ sourceIPAddress: "1:2:3:4:5:6:7:8:" })).toBe(false);
    expect(everything.matches({ sourceIPAddress: "1:2:3:4:5:6:7:8:9::" })).toBe(false);
    expect(everything.matches({ sourceIPAddress: "1:2:3:4:5:6:7:8" })).toBe(true);
  });
});

describe("well-formed edges are addresses", () => {
  it.each([
    ["ffff::", `FFFF${"0".repeat(28)}`],
    ["FFFF:0:0:0:0:0:0:1", `FFFF${"0".repeat(27)}1`],
    ["1:2:3:4:5:6:7:8", "00010002000300040005000600070008"],
    ["1::", `0001${"0".repeat(28)}`],
    ["010.000.000.001", "0A000001"], // 15 characters: the longest IPv4 literal
    ["1.2.3.255", "010203FF"],
    ["0.0.0.0", "00000000"],
  ])("%j -> %s", (text, hex) => {
    expect(twice(text)).toEqual([hex, hex]);
  });

  it.each([
    ["::fffe:a00:1", `${"0".repeat(20)}FFFE0A000001`],
    ["::feff:a00:1", `${"0".repeat(20)}FEFF0A000001`],
    ["0:0:0:0:1:ffff:a00:1", `${"0".repeat(16)}0001FFFF0A000001`],
    ["1::ffff:a00:1", `0001${"0".repeat(16)}FFFF0A000001`],
  ])("%j is IPv4-mapped only with ten zero bytes then ffff, so stays IPv6", (text, hex) => {
    expect(twice(text)).toEqual([hex, hex]);
  });

  it.each(["1.2.3.4x", "x1.2.3.4", "1..2.3", "1.2.3.4.5", "1.2.3.-4"])("%j is not IPv4", (text) => {
    expect(twice(text)).toEqual([undefined, undefined]);
  });
});

describe("malformed CIDR masks", () => {
  it.each(["10.0.0.0/8x", "10.0.0.0/x8", "10.0.0.0/ 8", "10.0.0.0/8 ", "10.0.0.0/8.0", "10.0.0.0/+", "::/1e2"])("%j is rejected", (text) => {
    expect(parseCidr(text)).toBe(`malformed CIDR "${text}": mask bits must be an integer`);
  });

  it("10.0.0.0/8x fails to compile as a pattern", () => {
    expect(() => compilePattern({ sourceIPAddress: [{ cidr: "10.0.0.0/8x" }] })).toThrow(InvalidPatternError);
  });

  it.each([
    ["::/127", { bottom: "0".repeat(32), top: `${"0".repeat(31)}1` }],
    ["10.0.0.0/8//", { bottom: "0A000000", top: "0AFFFFFF" }],
    ["10.0.0.0/-0", { bottom: "00000000", top: "FFFFFFFF" }],
    ["10.0.0.0/30", { bottom: "0A000000", top: "0A000003" }],
    ["10.200.0.0/9", { bottom: "0A800000", top: "0AFFFFFF" }],
  ])("%j is a range", (text, range) => {
    expect(parseCidr(text)).toEqual(range);
  });

  it.each([
    ["/", /exactly one "\/"/],
    ["10.0.0.0/", /exactly one "\/"/],
    ["10.0.0.0/8/x", /exactly one "\/"/],
  ])("%j is rejected", (text, message) => {
    expect(parseCidr(text)).toMatch(message);
  });
});

describe("the IP memo", () => {
  it("never holds more than its limit, however many distinct texts a warm container sees", () => {
    for (let i = 0; i < IP_MEMO_LIMIT * 2 + 10; i++) {
      ipToHex(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      ipToHex(`not-an-ip-${i}`);
      expect(ipMemoSize()).toBeLessThanOrEqual(IP_MEMO_LIMIT);
    }
    expect(ipMemoSize()).toBeGreaterThan(0);
  });

  it("keeps texts up to its length limit and none longer", () => {
    const grows = (text: string) => {
      const before = ipMemoSize();
      ipToHex(text);
      return ipMemoSize() === (before >= IP_MEMO_LIMIT ? 1 : before + 1);
    };
    expect(grows("a".repeat(IP_MEMO_MAX_CHARS))).toBe(true);
    expect(grows("b".repeat(IP_MEMO_MAX_CHARS + 1))).toBe(false);
    expect(twice("b".repeat(IP_MEMO_MAX_CHARS + 1))).toEqual([undefined, undefined]);
  });
});
