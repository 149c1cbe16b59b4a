import { describe, expect, it } from "vitest";
import { parseTemplate, renderTemplate, type Template } from "../../src/alert/template.js";

function render(source: string, record: unknown, roots = {}) {
  return renderTemplate(parseTemplate(source) as Template, record, roots);
}

describe("templates", () => {
  it.each([
    ["{{a.b}} x", { a: { b: "v" } }, "v x"],
    ["{{ a.b }}", { a: { b: 5 } }, "5"],
    ["{{list[1]}}", { list: ["a", "b"] }, "b"],
    ["{{a}}", { a: { z: 1 } }, '{"z":1}'],
    ["{{a.missing}}", { a: {} }, "<missing:a.missing>"],
    ["{{a}}", { a: null }, "<missing:a>"],
    ["{{constructor}}", {}, "<missing:constructor>"],
    ["{{__proto__.x}}", {}, "<missing:__proto__.x>"],
    ["plain", {}, "plain"],
  ])("%s renders against %j as %s", (source, record, expected) => {
    expect(render(source, record)).toBe(expected);
  });

  it("looks in named roots first", () => {
    expect(render("{{actor.name}}", { actor: { name: "record" } }, { actor: { name: "root" } })).toBe("root");
  });

  it("cuts very long values", () => {
    expect(render("{{a}}", { a: "x".repeat(5000) }).length).toBeLessThan(1100);
  });

  it.each([
    ["{{a", /never closed/],
    ["a}}", /without a matching/],
    ["{{a + b}}", /not a field path/],
    ["{{process.exit()}}", /not a field path/],
    ["{{}}", /not a field path/],
  ])("rejects %s", (source, message) => {
    expect(parseTemplate(source)).toMatch(message);
  });
});

describe("template fallbacks", () => {
  it.each([
    ['{{a.b | "none"}}', {}, "none"],
    ['{{a.b | "none"}}', { a: { b: "v" } }, "v"],
    ['{{a.b | "none"}}', { a: { b: null } }, "none"],
    ["{{a.b | c | 'none'}}", { c: 7 }, "7"],
    ["{{a.b | c}}", {}, "<missing:a.b>"],
    ['{{a.b | ""}}', {}, ""],
    ['{{actor.arn | "no ARN"}}', { actor: { arn: "record's own" } }, "no ARN"],
  ])("%s against %j renders %s", (source, record, expected) => {
    expect(render(source, record, { actor: { name: "x" } })).toBe(expected);
  });

  it.each([
    ['{{a | "x" | b}}', /must come last/],
    ["{{a | b c}}", /neither a field path nor quoted text/],
    ['{{a | "{{x}}"}}', /neither a field path nor quoted text/],
  ])("rejects %s", (source, message) => {
    expect(parseTemplate(source)).toMatch(message);
  });
});
