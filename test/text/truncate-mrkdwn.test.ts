import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../src/alert/render/escape.js";
import { TRUNCATED, truncateMrkdwn, truncateText } from "../../src/text/truncate.js";

/** Text outside code blocks and spans, as the hostile checks see it. */
const outsideCode = (text: string) => text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");

describe("truncateMrkdwn never leaves a code span or fence open", () => {
  const tail = "z".repeat(40);

  it.each([
    ["inside a span: the whole span goes", `ab \`c*d*e\` ${tail}`, 6 + TRUNCATED.length, `ab ${TRUNCATED}`],
    ["just after the opening backtick", `ab \`c*d*e\` ${tail}`, 4 + TRUNCATED.length, `ab ${TRUNCATED}`],
    ["just after the closing backtick: the span stays", `ab \`c*d*e\` ${tail}`, 10 + TRUNCATED.length, `ab \`c*d*e\`${TRUNCATED}`],
    ["inside a fence", `x\n\`\`\`\nbody *b*\n\`\`\`${tail}`, 9 + TRUNCATED.length, `x\n${TRUNCATED}`],
    ["between two backticks of a fence", `x\n\`\`\`\nbody\n\`\`\`${tail}`, 4 + TRUNCATED.length, `x\n${TRUNCATED}`],
    ["after a closed fence", `x\n\`\`\`\nb\n\`\`\`${tail}`, 11 + TRUNCATED.length, `x\n\`\`\`\nb\n\`\`\`${TRUNCATED}`],
  ])("%s", (_name, value, max, expected) => {
    expect(truncateMrkdwn(value, max)).toBe(expected);
  });

  it("cuts where truncateText does when no span is open", () => {
    expect(truncateMrkdwn(`ab &amp; cd ${tail}`, 6 + TRUNCATED.length)).toBe(truncateText(`ab &amp; cd ${tail}`, 6 + TRUNCATED.length));
  });

  it("keeps the longest prefix that closes every span it opens (property)", () => {
    const marked = fc.array(fc.oneof(fc.constantFrom("*bold*", "_", "~", "`", " ", "&", "arn:aws:iam::1:policy/*"), fc.string({ maxLength: 8 })), { minLength: 30, maxLength: 60 }).map((p) => p.join(""));
    fc.assert(
      fc.property(marked, fc.integer({ min: 13, max: 200 }), (raw, max) => {
        const escaped = escapeMrkdwn(raw);
        const out = truncateMrkdwn(escaped, max);
        expect(out.length).toBeLessThanOrEqual(max);
        const kept = out.endsWith(TRUNCATED) && out !== escaped ? out.slice(0, -TRUNCATED.length) : out;
        expect(escaped.startsWith(kept)).toBe(true);
        expect(outsideCode(out)).not.toMatch(/[`*_~]/);
        // Cut back no further than the start of the span the cut fell in.
        const natural = truncateText(escaped, max).slice(0, -TRUNCATED.length);
        const open = natural.lastIndexOf("`");
        if (out !== escaped) expect(kept.length).toBeGreaterThanOrEqual(Math.min(natural.length, open === -1 ? natural.length : open));
      }),
    );
  });
});
