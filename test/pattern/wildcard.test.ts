import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";
import { matchWildcard, parseWildcard, type WildcardPattern } from "../../src/pattern/wildcard.js";

function parsed(source: string): WildcardPattern {
  const result = parseWildcard(source);
  if (typeof result === "string") throw new Error(result);
  return result;
}

describe("parseWildcard", () => {
  it.each<[string, string[]]>([
    ["abc", ["abc"]],
    ["*", ["", ""]],
    ["a*b", ["a", "b"]],
    ["*a*", ["", "a", ""]],
    ["a\\*b", ["a*b"]],
    ["a\\\\*b", ["a\\", "b"]],
    ["\\**", ["*", ""]],
    ["", [""]],
  ])("%j has pieces %j", (source, pieces) => {
    expect(parsed(source).pieces).toEqual(pieces);
  });

  it.each<[string, RegExp]>([
    ["a**b", /consecutive '\*\*'/],
    ["**", /consecutive '\*\*'/],
    ["a\\b", /escapes 'b'/],
    ["a\\", /unfinished escape/],
  ])("%j is rejected: %s", (source, message) => {
    expect(parseWildcard(source)).toMatch(message);
  });
});

describe("matchWildcard", () => {
  it.each<[string, string, boolean]>([
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["*", "", true],
    ["*", "anything at all", true],
    ["a*", "a", true],
    ["a*", "ba", false],
    ["*a", "ba", true],
    ["*a", "ab", false],
    ["a*a", "a", false],
    ["a*a", "aa", true],
    ["*ab*ab*", "abab", true],
    ["*ab*ab*", "aba", false],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "aXcYb", false],
    ["arn:aws:ssm-contacts:*:*:contact/oncall-*", "arn:aws:ssm-contacts:us-east-1:123:contact/oncall-a", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "aXb", false],
    ["a\\\\*", "a\\anything", true],
    ["a\\\\*", "aX", false],
    ["*ß*", "Straße", true],
    ["*ß*", "STRASSE", false],
    ["日*語", "日本語", true],
  ])("%j against %j: %s", (source, text, expected) => {
    expect(matchWildcard(parsed(source), text)).toBe(expected);
  });

  it("handles 50 star-separated pieces against a 100k-character string", () => {
    const text = "a".repeat(100_000);
    const pattern = `${"*a".repeat(50)}*`;
    const missingB = `${"*a".repeat(50)}*b`;
    expect(matchWildcard(parsed(pattern), text)).toBe(true);
    expect(matchWildcard(parsed(missingB), text)).toBe(false);
    expect(matchWildcard(parsed(missingB), `${text.slice(1)}b`)).toBe(true);
    const pieces = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const spread = pieces.map((p) => `${p}${"x".repeat(2000)}`).join("");
    expect(spread.length).toBeGreaterThan(100_000);
    expect(matchWildcard(parsed(pieces.join("*")), `${spread.slice(0, -2000)}`)).toBe(true);
    const swapped = [...pieces.slice(0, 24), "p25", "p24", ...pieces.slice(26)];
    expect(matchWildcard(parsed(swapped.join("*")), spread)).toBe(false);
  });
});

describe("wildcard operator", () => {
  it.each<[unknown, boolean]>([
    ["DeleteContact", true],
    ["deletecontact", false],
    [5, false],
    [null, false],
    [["x", "UpdateContact"], true],
  ])("*Contact against %j: %s", (value, expected) => {
    expect(compilePattern({ eventName: [{ wildcard: "*Contact" }] }).matches({ eventName: value })).toBe(expected);
  });

  it("anything-but wildcard excludes the matching values and lets non-strings through", () => {
    const p = compilePattern({ a: [{ "anything-but": { wildcard: ["*-dev", "test-*"] } }] });
    expect([p.matches({ a: "api-dev" }), p.matches({ a: "test-1" }), p.matches({ a: "api-prod" }), p.matches({ a: 7 })]).toEqual([false, false, true, true]);
  });
});
