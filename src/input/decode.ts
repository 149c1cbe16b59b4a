import { createReadStream, readFileSync } from "node:fs";
import { pipeline, Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, gunzipSync } from "node:zlib";

/**
 * Bytes to text for every reader of events: gzip of any input format is sniffed from its
 * first two bytes (a `.gz` name is not needed, and a wrong one does not matter), and a UTF-8
 * byte order mark is dropped.
 */

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `Buffer#toString` keeps a UTF-8 byte order mark, and `JSON.parse` rejects it. */
export function withoutBom(text: string): string {
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
 * Files up to this size on disk are read and gunzipped whole: every CloudTrail S3 log file
 * (a few MB gzipped at most) fits, and one read plus one gunzip is faster than a stream.
 * Larger files are streamed in chunks, so JSON lines of any size keep memory flat.
 */
export const WHOLE_FILE_MAX_BYTES = 16 * 1024 * 1024;
const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * The decoded text of a file, in chunks; throws an Error whose message says what is wrong.
 * Small files are read synchronously: a replay thread has nothing else to do meanwhile, and
 * readFileSync costs a third of what the promise API does per file.
 */
export async function* fileText(path: string, size: number): AsyncGenerator<string> {
  if (size <= WHOLE_FILE_MAX_BYTES) yield decodeBytes(readFileSync(path));
  else yield* streamText(createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES }));
}

/** Output chunks are never made larger than this from a gzip trailer's say-so. */
const MAX_SIZED_CHUNK = 64 * 1024 * 1024;

/** A whole file's bytes, gunzipped when they start like gzip (a file `fileText` would read whole). */
export function wholeFileBytes(path: string): Buffer {
  const bytes = readFileSync(path);
  if (!isGzip(bytes)) return bytes;
  // The trailer's ISIZE (the last member's size mod 2^32) sizes the output in one chunk, which
  // spares gunzipSync joining 16 kB chunks: ~25% of its time on 1.7 MB log files. It is only
  // a hint: a wrong one costs more chunks, never a wrong result.
  const size = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  return size > 0 && size <= MAX_SIZED_CHUNK ? gunzipSync(bytes, { chunkSize: Math.max(size + 1, 64 * 1024) }) : gunzipSync(bytes);
}

async function* bytesWithFirst(first: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  try {
    yield first;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
      yield typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/** The first bytes of a stream, at least the two that tell gzip apart (fewer only when the stream is shorter). */
async function sniffable(iterator: AsyncIterator<Buffer | string>): Promise<Buffer> {
  const head: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done === true) break;
    const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(head);
}

/** The decoded text of a byte stream (stdin, or a large file), gunzipped when it starts like gzip. */
export async function* streamText(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const iterator = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const first = await sniffable(iterator);
  if (first.length === 0) return;
  const decoder = new StringDecoder("utf8");
  if (!isGzip(first)) {
    for await (const chunk of bytesWithFirst(first, iterator)) yield decoder.write(chunk);
    yield decoder.end();
    return;
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  // pipeline destroys the source when gunzip fails, so a corrupt file does not keep its descriptor.
  pipeline(Readable.from(bytesWithFirst(first, iterator)), gunzip, () => undefined);
  try {
    for await (const chunk of gunzip) yield decoder.write(chunk as Buffer);
  } catch (cause) {
    throw new Error(`corrupt gzip data (${(cause as Error).message})`, { cause });
  }
  yield decoder.end();
}
