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
