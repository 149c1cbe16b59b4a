import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/replay/progress.js";
import { streamText } from "../../src/input/decode.js";
import { ValueSplitter } from "../../src/input/split.js";
import { parseIsoTime } from "../../src/replay/time-window.js";
import { ValueReader } from "../../src/input/values.js";
import { jsonLines, logFile, rootDelete, rootRead } from "./fixtures.js";

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

describe("parseIsoTime", () => {
  it.each([
    ["2026-11-20", Date.UTC(2026, 10, 20)],
    ["2026-11-20T10:15", Date.UTC(2026, 10, 20, 10, 15)],
    ["2026-11-20T10:15:42Z", Date.UTC(2026, 10, 20, 10, 15, 42)],
    ["2026-11-20T10:15:42.250Z", Date.UTC(2026, 10, 20, 10, 15, 42, 250)],
    ["2026-11-20T10:15:42+0200", Date.UTC(2026, 10, 20, 8, 15, 42)],
    ["2026-11-20 10:15:42-05:00", Date.UTC(2026, 10, 20, 15, 15, 42)],
  ])("reads %s (UTC when no offset)", (text, ms) => expect(parseIsoTime(text)).toBe(ms));

  it.each(["", "now", "20261120", "2026-11-31", "2026-02-29", "2026-11-20T24:01", "2026-11-20T10:15:42 UTC"])("refuses %j", (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });
});

describe("progressLine", () => {
  it("shows files, bytes, rate and an ETA once the total is known", () => {
    const counting = progressLine({ files: 3, bytes: 3e6, records: 3000, seconds: 1.5, total: undefined });
    expect(counting).toBe("3 files  3 MB  2,000 records/s  (counting files...)");
    const known = progressLine({ files: 250, bytes: 50e6, records: 250_000, seconds: 10, total: { files: 1000, bytes: 200e6 } });
    expect(known).toBe("[######..................] 250/1000 files  50 MB/200 MB  25,000 records/s  ETA 0:30");
  });
});
