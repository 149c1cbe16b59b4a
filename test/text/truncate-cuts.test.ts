import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/alert/render/escape.js";
import { byteLength, TRUNCATED, truncateBytes, truncateText } from "../../src/text/truncate.js";

// Where the cut falls. "Within the budget" and "a prefix" hold for an empty result too, so these
// assert the longest prefix that fits; the property tests draw strings longer than the budget,
// so every run cuts.
const marker = (total: number) => `\n[truncated ${total} bytes]`;
const keptOf = (out: string) => out.slice(0, out.lastIndexOf("\n[truncated "));

describe("truncateBytes keeps the longest prefix that fits", () => {
  it.each([
    ["ASCII", "x".repeat(1000), 100, `${"x".repeat(77)}\n[truncated 923 bytes]`],
    ["the marker sized for the whole text", "x".repeat(99), 30, `${"x".repeat(9)}\n[truncated 90 bytes]`],
    ["2-byte é, cut between characters", "é".repeat(100), 50, `${"é".repeat(14)}\n[truncated 172 bytes]`],
    ["2-byte é, cut inside one", "é".repeat(100), 51, `${"é".repeat(14)}\n[truncated 172 bytes]`],
    ["3-byte €, cut after its first byte", `a${"€".repeat(100)}`, 22 + 1 + 3 * 3 + 1, `a${"€".repeat(3)}\n[truncated 291 bytes]`],
    ["3-byte €, cut after its second byte", `a${"€".repeat(100)}`, 22 + 1 + 3 * 3 + 2, `a${"€".repeat(3)}\n[truncated 291 bytes]`],
    ["3-byte €, cut just after it", `a${"€".repeat(100)}`, 22 + 1 + 3 * 4, `a${"€".repeat(4)}\n[truncated 288 bytes]`],
    ["4-byte 😀, cut after its third byte", "😀".repeat(50), 22 + 4 * 2 + 3, `${"😀".repeat(2)}\n[truncated 192 bytes]`],
  ])("%s", (_name, value, max, expected) => {
    const out = truncateBytes(value, max);
    expect(out).toBe(expected);
    expect(byteLength(out)).toBeLessThanOrEqual(max);
  });

  it("leaves text of exactly the budget alone", () => {
    expect(truncateBytes("é".repeat(50), 100)).toBe("é".repeat(50));
  });

  it("keeps none of the value when the budget is smaller than the marker, and still says how much was cut", () => {
    expect(truncateBytes("x".repeat(1000), 10)).toBe(marker(1000));
    expect(truncateBytes("x".repeat(1000), 0)).toBe(marker(1000));
  });

  it("keeps the longest whole-code-point prefix that leaves room for the marker (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 120, maxLength: 300 }), fc.integer({ min: 30, max: 119 }), (value, max) => {
        const out = truncateBytes(value, max);
        expect(byteLength(out)).toBeLessThanOrEqual(max);
        const total = byteLength(value);
        const kept = keptOf(out);
        expect(value.startsWith(kept)).toBe(true);
        expect(out).toBe(`${kept}${marker(total - byteLength(kept))}`);
        const next = [...value.slice(kept.length)][0] ?? "";
        expect(byteLength(kept + next)).toBeGreaterThan(max - byteLength(marker(total)));
      }),
    );
  });
});

describe("truncateText cuts on character and entity boundaries", () => {
  const tail = "z".repeat(40);

  it.each([
    ["a surrogate pair starting at U+D800", `ab\uD800\uDC00${tail}`, 3 + TRUNCATED.length, `ab${TRUNCATED}`],
    ["a surrogate pair starting at U+DBFF", `ab\uDBFF\uDFFF${tail}`, 3 + TRUNCATED.length, `ab${TRUNCATED}`],
    ["just after a surrogate pair", `ab\uD800\uDC00${tail}`, 4 + TRUNCATED.length, `ab\uD800\uDC00${TRUNCATED}`],
    ["after U+D7FF, which is no surrogate", `ab\uD7FF${tail}`, 3 + TRUNCATED.length, `ab\uD7FF${TRUNCATED}`],
    ["after a low surrogate", `ab\uDC00${tail}`, 3 + TRUNCATED.length, `ab\uDC00${TRUNCATED}`],
  ])("%s", (_name, value, max, expected) => {
    expect(truncateText(value, max)).toBe(expected);
  });

  it.each(["&amp;", "&lt;", "&gt;"])("never ends inside %s, and keeps it whole when it fits", (entity) => {
    const value = `ab${entity}${tail}`;
    for (let inside = 1; inside < entity.length; inside++) {
      expect(truncateText(value, 2 + inside + TRUNCATED.length)).toBe(`ab${TRUNCATED}`);
    }
    expect(truncateText(value, 2 + entity.length + TRUNCATED.length)).toBe(`ab${entity}${TRUNCATED}`);
    expect(truncateText(value, 3 + entity.length + TRUNCATED.length)).toBe(`ab${entity}z${TRUNCATED}`);
  });

  it("keeps an earlier entity whole when the cut falls just after it", () => {
    expect(truncateText(`a&lt;b${tail}`, 6 + TRUNCATED.length)).toBe(`a&lt;b${TRUNCATED}`);
    expect(truncateText(`a&lt;bc${tail}`, 7 + TRUNCATED.length)).toBe(`a&lt;bc${TRUNCATED}`);
  });

  it("treats a bare & within five characters of the cut as a possible entity, and one further back as text", () => {
    // Slack plain_text fields are not escaped, so a & there may have no ";" at all.
    expect(truncateText(`ab&cdefg${tail}`, 7 + TRUNCATED.length)).toBe(`ab${TRUNCATED}`);
    expect(truncateText(`ab&cd;efg${tail}`, 5 + TRUNCATED.length)).toBe(`ab${TRUNCATED}`);
    expect(truncateText(`a&b${tail}`, 8 + TRUNCATED.length)).toBe(`a&bzzzzz${TRUNCATED}`);
    expect(truncateText(`a&b;${tail}`, 9 + TRUNCATED.length)).toBe(`a&b;zzzzz${TRUNCATED}`);
  });

  it.each([
    [TRUNCATED.length, TRUNCATED],
    [5, TRUNCATED.slice(0, 5)],
    [0, ""],
    [-1, ""],
  ])("with room for no more than the marker (%i) shows what of it fits", (max, expected) => {
    expect(truncateText(`x${tail}`, max)).toBe(expected);
  });

  it("keeps the longest prefix that ends outside any entity and surrogate pair (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 201, maxLength: 400 }), fc.integer({ min: 13, max: 200 }), (raw, max) => {
        const escaped = escapeMrkdwn(raw);
        const out = truncateText(escaped, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.endsWith(TRUNCATED)).toBe(true);
        const kept = out.slice(0, -TRUNCATED.length);
        expect(escaped.startsWith(kept)).toBe(true);
        expect(kept).not.toMatch(/&[a-z]{0,3}$|[\uD800-\uDBFF]$/);
        // Cut back only as far as a pair or entity requires: never more than 5 code units.
        expect(kept.length).toBeGreaterThanOrEqual(max - TRUNCATED.length - 5);
        const natural = escaped.slice(0, max - TRUNCATED.length);
        if (!/&[a-z]{0,4}$|[\uD800-\uDBFF]$/.test(natural)) expect(kept).toBe(natural);
      }),
    );
  });
});
