import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeSpan, escapeCode, escapeEntities, escapeMrkdwn } from "../../src/alert/render/escape.js";
import { cleanText } from "../../src/text/sanitise.js";

describe("escapeMrkdwn", () => {
  it.each([
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here>", "&lt;!here&gt;"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["<https://evil|click>", "&lt;https://evil|click&gt;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    ["&lt; stays literal", "&amp;lt; stays literal"],
    ["*bold* _it_ ~del~ `code`", "`*bold*` `_it_` `~del~` \uFF40code\uFF40"],
    ["arn:aws:iam::111122223333:policy/* on a_b", "`arn:aws:iam::111122223333:policy/*` on `a_b`"],
    ["x`*y", "`x\uFF40*y`"],
    ["plain words stay plain", "plain words stay plain"],
    ["a\u202Eb\u2066c\u2069d\u200Fe", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe"],
    ["bell\u0007 esc\u001b[31m c1\u009b", "bell\uFFFD esc\uFFFD[31m c1\uFFFD"],
    ["one\r\ntwo", "one two"],
    ["lone \uD800 surrogate", "lone \uFFFD surrogate"],
    ["emoji 🚨 kept", "emoji 🚨 kept"],
  ])("%j -> %j", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("keeps line breaks when multiline, normalised to \\n", () => {
    expect(escapeMrkdwn("a\r\nb\rc\u2028d", { multiline: true })).toBe("a\nb\nc\nd");
  });

  it("never leaves a Slack control character, nor a formatting mark outside a code span (property)", () => {
    const marked = fc.array(fc.oneof(fc.constantFrom("*", "_", "~", "`", " ", "\n", "<", "&"), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), marked), (s) => {
        const out = escapeMrkdwn(s);
        expect(out.replace(/&(amp|lt|gt);/g, "")).not.toMatch(/[<>&\r\n\u202A-\u202E\u2066-\u2069]/);
        expect(out.replace(/`[^`\s]+`/g, "")).not.toMatch(/[*_~`]/);
      }),
    );
  });

  it("keeps every character but the backtick: what Slack shows is the value (property)", () => {
    const marked = fc.array(fc.oneof(fc.constantFrom("*", "_", "~", "`", " ", "<", "&"), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(marked, (s) => {
        const shown = escapeMrkdwn(s).replace(/`([^`\s]+)`/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
        expect(shown).toBe(cleanText(s).replace(/`/g, "\uFF40"));
      }),
    );
  });
});

describe("escapeEntities / escapeCode / codeSpan", () => {
  it.each([
    [escapeEntities, "*keep* <x> & y", "*keep* &lt;x&gt; &amp; y"],
    [escapeCode, "```x``` <y>", "\uFF40\uFF40\uFF40x\uFF40\uFF40\uFF40 &lt;y&gt;"],
    [escapeCode, "*not formatted in code*", "*not formatted in code*"],
  ])("%o(%j) -> %j", (fn, input, expected) => {
    expect(fn(input)).toBe(expected);
  });

  it.each([
    ["arn:aws:iam::1:user/a_b", "`arn:aws:iam::1:user/a_b`"],
    ["x`y", "`x\uFF40y`"],
    [undefined, "unknown"],
    ["   ", "unknown"],
  ])("codeSpan(%j) -> %j", (input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});

describe("cleanText", () => {
  it("is idempotent (property)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => cleanText(cleanText(s)) === cleanText(s)));
  });
});
