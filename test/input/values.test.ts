import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { streamText } from "../../src/input/decode.js";
import { ValueSplitter } from "../../src/input/split.js";
import { ValueReader } from "../../src/input/values.js";
import { jsonLines, logFile, rootDelete, rootRead } from "../replay/fixtures.js";

type Seen = [string, number | undefined, unknown];

/** Feeds `text` to a ValueReader cut at `cuts`; returns what it handed on, in order. */
function read(text: string, cuts: number[] = [], longLine?: number): Seen[] {
  const seen: Seen[] = [];
  const reader = new ValueReader({
    value: (value, index) => seen.push(["value", index, (value as { eventID?: unknown }).eventID ?? value]),
    skipped: (index) => seen.push(["skipped", index, undefined]),
    problem: (index, message) => seen.push(["problem", index, message.replace(/:.*/, "")]),
  }, longLine);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.feed(text.slice(from, cut));
    from = cut;
  }
  reader.feed(text.slice(from));
  reader.end();
  return seen;
}

describe("ValueReader", () => {
  const inputs = {
    "a log file": logFile(rootDelete({ eventID: "1" }), rootRead({ eventID: "2" })),
    "JSON lines with a broken line and blank lines": `\n${jsonLines(rootDelete({ eventID: "1" }))}{"broken\n\n${jsonLines(rootRead({ eventID: "4" }))}`,
    "a pretty-printed record": JSON.stringify(rootDelete({ eventID: "1" }), null, 2),
    "a pretty-printed log file": JSON.stringify({ Records: [rootDelete({ eventID: "1" })] }, null, 2),
    "JSON lines whose first line is broken": `{"broken\n${jsonLines(rootRead({ eventID: "2" }))}`,
    "a compact array": JSON.stringify([rootDelete({ eventID: "1" }), rootRead({ eventID: "2" })]),
    "a truncated log file": logFile(rootDelete()).slice(0, 200),
    "log files one after another (zcat *.json.gz)": logFile(rootDelete({ eventID: "1" })) + logFile(rootRead({ eventID: "2" }), rootRead({ eventID: "3" })),
    "values whose strings hold quotes, braces and backslashes": logFile(rootDelete({ eventID: 'a"}{\\' })) + logFile(rootRead({ eventID: "]\\\\[" })),
    "pretty-printed records one after another": `${JSON.stringify(rootDelete({ eventID: "1" }), null, 2)}\n${JSON.stringify(rootRead({ eventID: "2" }), null, 2)}`,
    "nothing but blanks": "\n  \n",
  };

  it.each(Object.entries(inputs))("reads %s the same however the text is cut into chunks", (_name, text) => {
    const whole = read(text);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
      expect(read(text, cuts)).toEqual(whole);
    }));
  });

  it("numbers records by position in Records, and by line in JSON lines", () => {
    expect(read(inputs["a log file"])).toEqual([["value", 1, "1"], ["value", 2, "2"]]);
    expect(read(inputs["JSON lines with a broken line and blank lines"])).toEqual([["value", 2, "1"], ["problem", 3, "not JSON"], ["value", 5, "4"]]);
    expect(read(inputs["JSON lines whose first line is broken"])).toEqual([["problem", 1, "not JSON"], ["value", 2, "2"]]);
  });

  it("cuts values one after another apart, numbering records on across them", () => {
    expect(read(inputs["log files one after another (zcat *.json.gz)"])).toEqual([["value", 1, "1"], ["value", 2, "2"], ["value", 3, "3"]]);
    expect(read(inputs["pretty-printed records one after another"])).toEqual([["value", 1, "1"], ["value", 2, "2"]]);
    expect(read(inputs["values whose strings hold quotes, braces and backslashes"])).toEqual([["value", 1, 'a"}{\\'], ["value", 2, "]\\\\["]]);
  });

  it("cuts a line longer than longLine as it comes, keeping what came before a truncated end", () => {
    const text = `${logFile(rootDelete({ eventID: "1" }))}${logFile(rootRead({ eventID: "2" }))}${logFile(rootRead({ eventID: "3" })).slice(0, 300)}`;
    const expected = [["value", 1, "1"], ["value", 2, "2"], ["problem", undefined, "not valid JSON"]];
    expect(read(text, [], 100)).toEqual(expected);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 8 }), (cuts) => {
      expect(read(text, cuts, 100)).toEqual(expected);
    }));
  });

  it("reports a truncated document and an empty input as problems with the whole input", () => {
    expect(read(inputs["a truncated log file"])).toEqual([["problem", undefined, "not valid JSON"]]);
    expect(read(inputs["nothing but blanks"])).toEqual([["problem", undefined, "empty input"]]);
  });
});

describe("ValueSplitter", () => {
  it("cuts at the same places wherever a chunk ends, even between a backslash and what it escapes", () => {
    const values = [String.raw`{"a":"x\"}{\\"}`, String.raw` [{"b":"\\"},"]"]`, String.raw`{"c":{"d":"\"\\\\\""}}`];
    const text = values.join("");
    for (let first = 0; first <= text.length; first++) {
      for (let second = first; second <= text.length; second++) {
        const seen: string[] = [];
        const splitter = new ValueSplitter((value) => seen.push(value));
        for (const chunk of [text.slice(0, first), text.slice(first, second), text.slice(second)]) splitter.feed(chunk);
        expect(seen).toEqual(values);
        expect(splitter.rest()).toBe("");
      }
    }
    expect(values.map((v) => JSON.parse(v) as unknown)).toHaveLength(3);
  });
});

describe("streamText", () => {
  const collect = async (chunks: Buffer[]) => {
    let text = "";
    for await (const part of streamText(Readable.from(chunks))) text += part;
    return text;
  };

  it("gunzips a stream split anywhere, including inside a multi-byte character", async () => {
    const text = jsonLines(rootDelete({ eventID: "é€😀" }));
    const gz = gzipSync(text);
    expect(await collect([gz.subarray(0, 1), gz.subarray(1, 30), gz.subarray(30)])).toBe(text);
    const plain = Buffer.from(text);
    const cut = plain.indexOf("€") + 1;
    expect(await collect([plain.subarray(0, cut), plain.subarray(cut)])).toBe(text);
  });

  it("throws a corrupt-gzip error naming zlib's reason", async () => {
    const gz = gzipSync(jsonLines(rootDelete()));
    await expect(collect([gz.subarray(0, gz.length - 10)])).rejects.toThrow(/corrupt gzip data \(unexpected end of file\)/);
  });
});
