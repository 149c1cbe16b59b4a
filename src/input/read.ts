import { readFile } from "node:fs/promises";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { decodeBytes } from "./decode.js";
import { eventRecord } from "./formats.js";
import { readErrorMessage } from "./read-error.js";
import { ValueReader, type ValueSink } from "./values.js";

/** One record read from an input, with where it came from (for error messages and output). */
export interface InputRecord {
  readonly record: CloudTrailRecord;
  readonly origin: string;
  /** 1-based position of the record in its input. */
  readonly index: number;
}

/** One line per problem: `file.json.gz: record 3: missing "eventName"`. */
export function formatProblem(p: InputProblem): string {
  return `${p.origin}: ${p.index === undefined ? "" : `record ${p.index}: `}${p.message}`;
}

/** A problem with one input or one record in it; the rest of the input is still read. */
export interface InputProblem {
  readonly origin: string;
  readonly index: number | undefined;
  readonly message: string;
}

export interface InputBatch {
  readonly records: InputRecord[];
  readonly problems: InputProblem[];
}

/** A sink that keeps every record and problem of one input (replay's counts them instead). */
function collector(origin: string, batch: InputBatch): ValueSink {
  return {
    value(value, index) {
      const read = eventRecord(value);
      if (read.problem === undefined) batch.records.push({ record: read.record, origin, index });
      else batch.problems.push({ origin, index, message: read.problem });
    },
    // Without a shortcut the reader parses every record.
    skipped() {},
    problem(index, message) {
      batch.problems.push({ origin, index, message });
    },
  };
}

/** Every record in one input text, in any format src/input/formats.ts lists, read by the one reader. */
export function parseInputText(text: string, origin: string): InputBatch {
  const batch: InputBatch = { records: [], problems: [] };
  const reader = new ValueReader(collector(origin, batch));
  reader.feed(text);
  reader.end();
  return batch;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Reads a file path, or `-` for stdin, whole (these commands hold every record anyway; a
 * corrupt gzip yields no records rather than some). Unreadable inputs become problems, not exceptions.
 */
export async function readInput(path: string, stdin: NodeJS.ReadableStream): Promise<InputBatch> {
  const origin = path === "-" ? "<stdin>" : path;
  try {
    const bytes = path === "-" ? await readStream(stdin) : await readFile(path);
    return parseInputText(decodeBytes(bytes), origin);
  } catch (cause) {
    const message = readErrorMessage(cause, { EISDIR: "use `trailwatch replay` for directories" });
    return { records: [], problems: [{ origin, index: undefined, message }] };
  }
}
