import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/input/decode.js";
import { parseInputText, readInput, type InputBatch } from "../../src/input/read.js";
import { expectNoPollution } from "./support/checks.js";
import { validRecordText } from "./support/manifest.js";

/**
 * The event reader over arbitrary input: it never throws, every record it returns has a
 * string eventSource and eventName, and every element of a log file is either a record or a
 * problem, exactly once.
 */
const VALID = validRecordText("fuzz-valid");
/** Dangerous pieces, so short random texts still hit the branches that matter. */
const piece = fc.constantFrom('{"Records":[', "]}", "{", "}", "[", "]", ",", "\n", "\r\n", '"', "\\", "\u0000", "\u001b", "\ufeff", "\ud800", "null", "1e400", "-0",
  '"eventSource":"ssm-contacts.amazonaws.com"', '"eventName":5', '"__proto__":', '"detail-type":"x","detail":', VALID);
const hostileText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), hostileText);
const recordLike = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom("eventSource", "eventName", "__proto__", "detail", "detail-type", "Records"), fc.jsonValue()),
  fc.record({ eventSource: fc.jsonValue(), eventName: fc.jsonValue() }, { requiredKeys: [] }),
  fc.constant(JSON.parse(VALID) as unknown),
);

function expectWellFormed(batch: InputBatch): void {
  for (const { record, index, origin } of batch.records) {
    expect(typeof record.eventSource).toBe("string");
    expect(typeof record.eventName).toBe("string");
    expect(Number.isInteger(index) && index >= 1).toBe(true);
    expect(origin).toBe("fuzz");
  }
  for (const problem of batch.problems) expect(problem.message).toMatch(/\S/);
  expectNoPollution();
}

describe("parseInputText over arbitrary text", () => {
  it("never throws on arbitrary strings and hostile fragments", () => {
    fc.assert(fc.property(anyText, (text) => expectWellFormed(parseInputText(text, "fuzz"))), { numRuns: 500 });
  });

  it("never throws on arbitrary JSON documents", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expectWellFormed(parseInputText(JSON.stringify(value), "fuzz"))), { numRuns: 300 });
  });

  it("accounts for every element of a log file exactly once, in order", () => {
    fc.assert(
      fc.property(fc.array(recordLike, { maxLength: 20 }), (records) => {
        const batch = parseInputText(JSON.stringify({ Records: records }), "fuzz");
        expectWellFormed(batch);
        const seen = [...batch.records.map((r) => r.index), ...batch.problems.map((p) => p.index)].sort((a, b) => (a ?? 0) - (b ?? 0));
        expect(seen).toEqual(records.map((_r, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the good lines of JSON lines whatever the bad lines hold", () => {
    const line = fc.oneof(fc.constant(VALID), fc.string().map((s) => s.replace(/[\r\n]/g, "")), recordLike.map((v) => JSON.stringify(v)));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 15 }), (lines) => {
        const text = [VALID, ...lines].join("\n");
        const batch = parseInputText(text, "fuzz");
        expectWellFormed(batch);
        const valid = [VALID, ...lines].flatMap((l, i) => (l === VALID ? [i + 1] : []));
        for (const index of valid) expect(batch.records.some((r) => r.index === index), `line ${index} is lost`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("readInput and decodeBytes over arbitrary bytes", () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b])),
    fc.tuple(anyText, fc.nat()).map(([text, cut]) => {
      const gz = gzipSync(text);
      return gz.subarray(0, cut % (gz.length + 1));
    }),
  );

  it("readInput never rejects: unreadable input is a problem", async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (input) => {
        const batch = await readInput("-", Readable.from([Buffer.from(input)]));
        expectWellFormed({ records: batch.records.map((r) => ({ ...r, origin: "fuzz" })), problems: batch.problems });
      }),
      { numRuns: 200 },
    );
  });

  it("decodeBytes either decodes or throws an Error saying the gzip data is corrupt", () => {
    fc.assert(
      fc.property(bytes, (input) => {
        try {
          expect(typeof decodeBytes(Buffer.from(input))).toBe("string");
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^corrupt gzip data \(/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
