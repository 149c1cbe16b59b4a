import { describe, expect, it } from "vitest";
import { cleanText, escapeUnsafe, REPLACEMENT, safeText } from "../../src/text/sanitise.js";

// Each range's first and last character, and its neighbours just outside, so a range that is
// one character too short or too long shows.
const R = REPLACEMENT;
const at = (code: number) => String.fromCharCode(code);
const hex = (codes: number[]) => codes.map((code) => [code.toString(16).toUpperCase().padStart(4, "0"), code] as const);

describe("cleanText replaces exactly the control and bidi ranges", () => {
  it.each(hex([0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x202a, 0x202e, 0x2066, 0x2069, 0x200e, 0x200f, 0x061c]))("U+%s", (_hex, code) => {
    expect(cleanText(`a${at(code)}b`)).toBe(`a${R}b`);
  });

  it.each(hex([0x20, 0x7e, 0xa0, 0x2027, 0x202f, 0x2065, 0x206a, 0x061b, 0x061d, 0x2010]))("keeps U+%s", (_hex, code) => {
    expect(cleanText(`a${at(code)}b`)).toBe(`a${at(code)}b`);
  });

  it("makes a tab one space", () => {
    expect(cleanText("a\tb\t\tc")).toBe("a b  c");
  });
});

describe("cleanText line breaks", () => {
  it.each([["\r\n", 1], ["\r", 1], ["\n", 1], ["\u2028", 1], ["\u2029", 1], ["\u0085", 1], ["\n\r", 2], ["\r\n\r\n", 2]])("%j is %i break(s)", (brk, count) => {
    expect(cleanText(`a${brk}b`)).toBe(`a${" ".repeat(count)}b`);
    expect(cleanText(`a${brk}b`, { multiline: true })).toBe(`a${"\n".repeat(count)}b`);
  });
});

describe("cleanText lone surrogates", () => {
  it.each([
    ["a high one at the end", "a\uD800", `a${R}`],
    ["U+DBFF before a letter", "\uDBFFx", `${R}x`],
    ["a low one at the start", "\uDC00a", `${R}a`],
    ["U+DFFF after a letter", "x\uDFFF", `x${R}`],
    ["two highs then a low: only the first is lone", "\uD800\uD800\uDC00", `${R}\uD800\uDC00`],
    ["a low then a high", "\uDC00\uD800", `${R}${R}`],
  ])("replaces %s", (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each(["\uD800\uDC00", "\uDBFF\uDFFF", "😀", "a😀b"])("keeps the pair in %j", (pair) => {
    expect(cleanText(pair)).toBe(pair);
  });
});

describe("safeText", () => {
  it("puts one value on one line", () => {
    expect(safeText("a\nb\u001b[2J\u202Ec\u0085d\u009f")).toBe(`a b${R}[2J${R}c d${R}`);
    expect(safeText("\u0000 \u001f \u007f \u202a \u2066 \u2069")).toBe(`${R} ${R} ${R} ${R} ${R} ${R}`);
    expect(safeText("plain ~ \u00a0 \u2065 \u206a")).toBe("plain ~ \u00a0 \u2065 \u206a");
  });

  it.each([[5, "5"], [false, "false"], [null, ""], [undefined, ""], [{ toString: 1 }, "(not text)"], [[1], "(not text)"]])("shows %j as %j", (value, expected) => {
    expect(safeText(value)).toBe(expected);
  });
});

describe("escapeUnsafe", () => {
  it("shows every character cleanText would replace as its \\u escape, and leaves the rest", () => {
    expect(escapeUnsafe("a\tb\r\nc\u2028\u2029\u0085d")).toBe("a\\u0009b\\u000d\\u000ac\\u2028\\u2029\\u0085d");
    expect(escapeUnsafe("x\u0000\u001b\u202e\u200b\ufeff y")).toBe("x\\u0000\\u001b\\u202e\\u200b\\ufeff y");
  });

  it("escapes both halves of a tag character, and a lone surrogate", () => {
    expect(escapeUnsafe("a\udb40\udc01b\ud83dc")).toBe("a\\udb40\\udc01b\\ud83dc");
  });

  it("keeps plain text, a whole emoji and non-Latin letters as written", () => {
    expect(escapeUnsafe("Zoë 日本 \ud83d\ude00 {x}")).toBe("Zoë 日本 \ud83d\ude00 {x}");
  });
});
