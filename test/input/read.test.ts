import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/input/decode.js";
import { parseInputText } from "../../src/input/read.js";

const record = { eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContact", eventID: "e1" };
const envelope = { version: "0", "detail-type": "AWS API Call via CloudTrail", source: "aws.ssm-contacts", detail: record };

describe("parseInputText", () => {
  it.each([
    ["a bare record", JSON.stringify(record), 1],
    ["an envelope", JSON.stringify(envelope), 1],
    ["an S3 log file", JSON.stringify({ Records: [record, record] }), 2],
    ["a JSON array", JSON.stringify([record, envelope]), 2],
    ["JSON lines", `${JSON.stringify(record)}\n${JSON.stringify(envelope)}\n`, 2],
  ])("reads %s", (_name, text, count) => {
    const batch = parseInputText(text, "in");
    expect(batch.problems).toEqual([]);
    expect(batch.records).toHaveLength(count);
    expect(batch.records[0]?.record.eventName).toBe("DeleteContact");
  });

  it("keeps good JSON lines when one line is broken, naming the line", () => {
    const batch = parseInputText(`${JSON.stringify(record)}\n{"broken\n${JSON.stringify(record)}`, "in.jsonl");
    expect(batch.records.map((r) => r.index)).toEqual([1, 3]);
    expect(batch.problems).toEqual([{ origin: "in.jsonl", index: 2, message: expect.stringMatching(/^not JSON/) }]);
  });

  it.each([
    [{ eventName: "X" }, 'missing "eventSource"'],
    [{ eventSource: "s", eventName: 5 }, '"eventName" must be a string, not number'],
    [[1], "must be a JSON object"],
  ])("names what is wrong with record %j", (bad, message) => {
    const batch = parseInputText(JSON.stringify({ Records: [record, bad] }), "f");
    expect(batch.records).toHaveLength(1);
    expect(batch.problems[0]?.message).toContain(message);
    expect(batch.problems[0]?.index).toBe(2);
  });
});

describe("decodeBytes", () => {
  it("gunzips gzip data and reports truncated gzip clearly", () => {
    const gz = gzipSync(JSON.stringify(record));
    expect(decodeBytes(gz)).toBe(JSON.stringify(record));
    expect(() => decodeBytes(gz.subarray(0, gz.length - 8))).toThrow(/corrupt gzip/);
  });
});
