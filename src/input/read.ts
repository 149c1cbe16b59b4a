import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { escapeUnsafe } from "../text/sanitise.js";
import { readErrorMessage } from "./read-error.js";
import { isLogFile, recordOf, recordProblem } from "./unwrap.js";

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

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `Buffer#toString` keeps a UTF-8 byte order mark, and `JSON.parse` rejects it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Decodes bytes (gzipped or not) to text; throws an Error whose message says what is wrong. */
export function decodeBytes(bytes: Buffer): string {
  if (!isGzip(bytes)) return withoutBom(bytes.toString("utf8"));
  try {
    return withoutBom(gunzipSync(bytes).toString("utf8"));
  } catch (cause) {
    throw new Error(`corrupt gzip data (${(cause as Error).message})`, { cause });
  }
}

/**
 * V8's JSON.parse messages quote the input (`Unexpected token '\x1b', "\x1b[2J..." is not
 * valid JSON`), so a hostile file could put terminal escapes into `eval`'s stderr: show them as `\uXXXX`.
 */
function jsonError(cause: unknown): string {
  return escapeUnsafe((cause as Error).message);
}

function accept(value: unknown, origin: string, index: number, into: InputBatch): void {
  const record = recordOf(value);
  const problem = recordProblem(record);
  if (problem === undefined) into.records.push({ record: record as CloudTrailRecord, origin, index });
  else into.problems.push({ origin, index, message: problem });
}

function parseJsonLines(text: string, origin: string, into: InputBatch): void {
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      accept(JSON.parse(line), origin, i + 1, into);
    } catch (cause) {
      into.problems.push({ origin, index: i + 1, message: `not JSON: ${jsonError(cause)}` });
    }
  });
}

/**
 * Reads every record from one input text: a CloudTrail log file `{"Records":[...]}`, an
 * EventBridge envelope, a bare record, a JSON array of either, or JSON lines.
 */
export function parseInputText(text: string, origin: string): InputBatch {
  const batch: InputBatch = { records: [], problems: [] };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    if (text.trimStart().startsWith("{") && text.includes("\n")) {
      parseJsonLines(text, origin, batch);
      if (batch.records.length > 0) return batch;
    }
    return { records: [], problems: [{ origin, index: undefined, message: `not valid JSON: ${jsonError(cause)}` }] };
  }
  const values = isLogFile(document) ? document.Records : Array.isArray(document) ? document : [document];
  values.forEach((value, i) => accept(value, origin, i + 1, batch));
  return batch;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Reads a file path, or `-` for stdin. Unreadable inputs become problems, not exceptions. */
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
