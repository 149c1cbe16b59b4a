import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/alert/render/escape.js";
import { byteLength, TRUNCATED, truncateBytes, truncateText } from "../../src/text/truncate.js";

describe("truncateText", () => {
  it.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["0123456789abcdefghij", 15, `012${TRUNCATED}`],
    ["ab &amp; cd efghijklmnop", 16, `ab ${TRUNCATED}`],
    ["ab😀cdefghijklmnopq", 15, `ab${TRUNCATED}`],
  ])("%j to %i", (input, max, expected) => {
    expect(truncateText(input, max)).toBe(expected);
  });

  it("stays within the limit, keeps a prefix and never splits an entity (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 13, max: 200 }), (raw, max) => {
        const escaped = escapeMrkdwn(raw);
        const out = truncateText(escaped, max);
        expect(out.length).toBeLessThanOrEqual(max);
        const kept = out.endsWith(TRUNCATED) && out !== escaped ? out.slice(0, -TRUNCATED.length) : out;
        expect(escaped.startsWith(kept)).toBe(true);
        expect(kept).not.toMatch(/&[a-z]{0,3}$/);
      }),
    );
  });
});

describe("truncateBytes", () => {
  it("leaves text that fits alone", () => {
    expect(truncateBytes("héllo", 6)).toBe("héllo");
  });

  it("marks how many bytes were cut and fits the budget", () => {
    const out = truncateBytes("x".repeat(1000), 100);
    expect(byteLength(out)).toBeLessThanOrEqual(100);
    const dropped = Number(/\[truncated (\d+) bytes\]$/.exec(out)?.[1]);
    expect(byteLength(out.slice(0, out.lastIndexOf("\n"))) + dropped).toBe(1000);
  });

  it("never cuts inside a UTF-8 sequence (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), fc.integer({ min: 40, max: 400 }), (s, max) => {
        const out = truncateBytes(s, max);
        expect(byteLength(out)).toBeLessThanOrEqual(max);
        const kept = out === s ? s : out.slice(0, out.lastIndexOf("\n[truncated "));
        expect(s.startsWith(kept)).toBe(true);
      }),
    );
  });
});
