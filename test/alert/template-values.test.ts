import { describe, expect, it } from "vitest";
import { emailBody } from "../../src/alert/render/email.js";
import { cleanOr, cleanText } from "../../src/text/sanitise.js";
import { MAX_VALUE_CHARS, parseTemplate, renderTemplate, templatePaths, type Template } from "../../src/alert/template.js";
import { nested, OVERFLOW_DEPTH } from "../hostile/support/generators.js";
import { sampleAlert } from "./sample-alert.js";

const render = (source: string, record: unknown, roots = {}) => renderTemplate(parseTemplate(source) as Template, record, roots);

describe("template paths", () => {
  const resources = Array.from({ length: 12 }, (_, i) => ({ ARN: `arn:aws:ssm-contacts:us-east-1:111122223333:contact/c${i}` }));

  it("reads a multi-digit index", () => {
    expect(render("{{resources[10].ARN}}", { resources })).toBe("arn:aws:ssm-contacts:us-east-1:111122223333:contact/c10");
    expect(render("{{resources[1].ARN}} {{resources[11].ARN}}", { resources })).toBe(`${resources[1]?.ARN} ${resources[11]?.ARN}`);
    expect(render("{{m[0][10]}}", { m: [Array.from({ length: 11 }, (_, i) => i * 2)] })).toBe("20");
  });

  it("parses holes and text into parts, with no empty text between adjacent holes", () => {
    expect((parseTemplate("{{a}}{{b.c[10]}} and {{ d }}") as Template).parts).toEqual([
      { path: ["a"], source: "a", fallbacks: [] },
      { path: ["b", "c", 10], source: "b.c[10]", fallbacks: [] },
      { text: " and " },
      { path: ["d"], source: "d", fallbacks: [] },
    ]);
  });

  it.each(["a", "_a", "$a", "@type", "a-b", "a1", "a.b", "a[0]", "a[10].b", "a.b[2][3]", "requestParameters.contactChannelId", "x.$y.@z._w"])("accepts %s", (path) => {
    expect(parseTemplate(`{{${path}}}`)).toMatchObject({ parts: [{ source: path }] });
  });

  it.each(["1a", "-a", "a.", ".a", "a..b", "a[]", "a[x]", "a[-1]", "a b", "a.1b", "a[1]x", "a.[1]", "a[1", "a]", "é", "a.b.", "a/b"])("rejects %s", (path) => {
    const prefix = `"{{${path}}}" is not a field path: `;
    expect(String(parseTemplate(`{{${path}}}`)).slice(0, prefix.length)).toBe(prefix);
  });

  it.each([
    ["}} first", '"}}" without a matching "{{"'],
    ["{{a}} then }}", '"}}" without a matching "{{"'],
    ["x }} then {{a}}", '"}}" without a matching "{{"'],
    ["{{a}} then {{b", '"{{" is never closed with "}}"'],
  ])("rejects %j", (source, message) => {
    expect(parseTemplate(source)).toBe(message);
  });

  it("quotes a bad hole as written between its braces, without the spaces around it", () => {
    expect(String(parseTemplate("{{  1a | b }}"))).toBe('"{{1a | b}}" is not a field path: write a dotted path such as {{requestParameters.contactId}}, optionally with fallbacks: {{a.b | c.d | "none"}}');
  });

  it.each(['x"none"', '"none"x', "x'none'", "'none'x"])("rejects the fallback %s: quoted text is the whole fallback or it is not quoted text", (alt) => {
    expect(parseTemplate(`{{a | ${alt}}}`)).toBe(`"{{a | ${alt}}}": fallback ${JSON.stringify(alt)} is neither a field path nor quoted text like "none"`);
  });

  it("lists every path it reads, fallbacks included, quoted text left out", () => {
    expect(templatePaths(parseTemplate('x {{a.b | c[1] | "none"}} and {{d}}') as Template)).toEqual([
      { path: ["a", "b"], source: "a.b" },
      { path: ["c", 1], source: "c[1]" },
      { path: ["d"], source: "d" },
    ]);
    expect(templatePaths(parseTemplate("no holes") as Template)).toEqual([]);
  });

  it("reads own properties only, through objects and arrays", () => {
    expect(render("{{s.length}} {{o.toString}} {{a[2]}}", { a: [1, 2], s: "abc", o: {} })).toBe("<missing:s.length> <missing:o.toString> <missing:a[2]>");
    expect(render("{{a.b.c}}", { a: { b: "str" } })).toBe("<missing:a.b.c>");
    expect(render("{{a.b}}", { a: null })).toBe("<missing:a.b>");
  });

  it("takes a named root only when the root has that name", () => {
    expect(render("{{actor.name}} {{userIdentity.type}}", { actor: { name: "record" }, userIdentity: { type: "Root" } }, { actor: { name: "root" } })).toBe("root Root");
    expect(render("{{actor.name}}", { actor: { name: "record" } }, { other: {} })).toBe("record");
  });
});

describe("template values", () => {
  it("shows a marker for a value nested too deeply to serialise, and the rest of the text", () => {
    const record = JSON.parse(`{"deep":${nested(OVERFLOW_DEPTH, "array", "1")},"name":"x"}`) as unknown;
    expect(render("{{name}}: {{deep}}", record)).toBe("x: [value nested too deeply to show]");
  });

  it("shows a value of exactly the limit whole, and cuts one character more", () => {
    const limit = "x".repeat(MAX_VALUE_CHARS);
    expect(render("{{a}}", { a: limit })).toBe(limit);
    expect(render("{{a}}", { a: `${limit}y` })).toBe(`${limit}…[truncated]`);
    expect(render("{{a}}", { a: [`${"x".repeat(MAX_VALUE_CHARS - 4)}`] })).toBe(`["${"x".repeat(MAX_VALUE_CHARS - 4)}"]`);
    expect(render("{{a}}", { a: [`${"x".repeat(MAX_VALUE_CHARS - 3)}`] })).toBe(`["${"x".repeat(MAX_VALUE_CHARS - 3)}"…[truncated]`);
  });

  it.each([
    [0, "0"], [false, "false"], ["", ""], [Number.POSITIVE_INFINITY, "Infinity"], [[1, "a"], '[1,"a"]'], [{ k: true }, '{"k":true}'],
  ])("shows %j as %s", (value, expected) => {
    expect(render("<{{v}}>", { v: value })).toBe(`<${expected}>`);
  });
});

describe("a whitespace-only value", () => {
  it.each([" ", "   ", "\t", "\n", " \r\n\t "])("%j uses the fallback", (value) => {
    expect(cleanOr(value, "unknown")).toBe("unknown");
    expect(cleanOr(value, "(none)", { multiline: true })).toBe("(none)");
  });

  it("is missing from no value, and kept (cleaned) when there is text", () => {
    expect(cleanOr(undefined, "unknown")).toBe("unknown");
    expect(cleanOr("", "unknown")).toBe("unknown");
    expect(cleanOr(" a\tb ", "unknown")).toBe(" a b ");
    expect(cleanOr("a\r\nb", "unknown", { multiline: true })).toBe("a\nb");
    expect(cleanOr("a\r\nb", "unknown")).toBe("a b");
  });

  it("shows the fallback in the e-mail, not a blank line", () => {
    const body = emailBody(sampleAlert({ summary: "  \t ", description: "\n" }));
    expect(body).toContain("(no summary)");
    expect(body).toContain("(no runbook in the policy)");
  });

  it("cleans control characters but keeps the text", () => {
    expect(cleanText("a\u0000b\u001bc\u007fd\u0085e", { multiline: true })).toBe("a\uFFFDb\uFFFDc\uFFFDd\ne");
  });
});

describe("template fallbacks on blank values", () => {
  it.each(["", " ", "\t \n", "   "])("%j takes the quoted fallback, like a missing value", (value) => {
    expect(render('owner {{requestParameters.name | "none"}}', { requestParameters: { name: value } })).toBe("owner none");
  });

  it("a blank value skips to the next path that has text", () => {
    expect(render("{{a | b | \"none\"}}", { a: "  ", b: "set" })).toBe("set");
    expect(render("{{a | b | \"none\"}}", { a: "  ", b: " " })).toBe("none");
  });

  it("text, numbers and false are values, not blanks; a blank without fallback stays as written", () => {
    expect(render('{{a | "none"}}', { a: " x " })).toBe(" x ");
    expect(render('{{a | "none"}}', { a: 0 })).toBe("0");
    expect(render('{{a | "none"}}', { a: false })).toBe("false");
    expect(render("[{{a}}]", { a: "  " })).toBe("[  ]");
    expect(render("[{{a}}]", {})).toBe("[<missing:a>]");
  });
});
