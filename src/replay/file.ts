import { fileText, wholeFileBytes, WHOLE_FILE_MAX_BYTES } from "../input/decode.js";
import { eventRecord } from "../input/formats.js";
import { formatProblem } from "../input/read.js";
import { readErrorMessage } from "../input/read-error.js";
import { ValueReader, type ValueSink } from "../input/values.js";
import type { Engine } from "./engine.js";
import { scanLogBytes, type LogBytesScanner } from "./scan-bytes.js";
import { scanShortcut, takeLogFile } from "./shortcut.js";
import { inWindow, inWindowAt, isOpen } from "./time-window.js";

/** Problems printed per input; the rest are counted, so a file of junk cannot flood the terminal. */
export const MAX_PROBLEMS_PER_INPUT = 10;

/** What one input yielded: counters only, never records. Plain data, so workers can post it. */
export interface FileResult {
  readonly origin: string;
  /** Size on disk (0 for stdin). */
  readonly bytes: number;
  /** CloudTrail records read, including those outside `--since`/`--until`. */
  records: number;
  /** Values that are not CloudTrail records, and JSON lines that are not JSON. */
  unusable: number;
  /** Records outside `--since`/`--until`, read but not evaluated. */
  outside: number;
  /** The input as a whole could not be read (missing, corrupt gzip, not JSON); records before the fault still count. */
  failed: boolean;
  problems: number;
  /** Alerts per policy id. */
  readonly alerts: Map<string, number>;
}

/** Where one input's alerts and problems go: straight to the streams, or into a buffer. */
export interface ReplayOutput {
  alert(text: string): void;
  problem(line: string): void;
  /** Awaited between chunks, so a direct writer can wait for a slow reader of stdout. */
  settle(): Promise<void> | undefined;
}

export function emptyResult(origin: string, bytes: number): FileResult {
  return { origin, bytes, records: 0, unusable: 0, outside: 0, failed: false, problems: 0, alerts: new Map() };
}

/** Where one input's values go: counted, filtered by time, evaluated; alerts and problems handed to `out`. */
function recordSink(result: FileResult, engine: Engine, out: ReplayOutput): ValueSink {
  const { origin } = result;
  const report = (index: number | undefined, message: string): void => {
    if (++result.problems <= MAX_PROBLEMS_PER_INPUT) out.problem(formatProblem({ origin, index, message }));
  };
  const { set, settings } = engine;
  const filtered = !isOpen(settings.window);
  return {
    value(value, index) {
      const read = eventRecord(value);
      if (read.problem !== undefined) {
        result.unusable++;
        report(index, read.problem);
        return;
      }
      const { record } = read;
      result.records++;
      if (filtered && !inWindow(settings.window, record)) {
        result.outside++;
        return;
      }
      // Most records have no candidate policy; skipping evaluate() for them saves an array each.
      if (set.candidates(record).length === 0) return;
      for (const alert of set.evaluate(record)) {
        result.alerts.set(alert.policy, (result.alerts.get(alert.policy) ?? 0) + 1);
        out.alert(engine.render(alert, `${origin}#${index}`));
      }
    },
    skipped(_index, eventTime) {
      result.records++;
      if (filtered && !inWindowAt(settings.window, eventTime)) result.outside++;
    },
    problem(index, message) {
      if (index === undefined) result.failed = true;
      else result.unusable++;
      report(index, message);
    },
  };
}

function finish(result: FileResult, out: ReplayOutput): FileResult {
  if (result.problems > MAX_PROBLEMS_PER_INPUT) out.problem(`${result.origin}: ${result.problems - MAX_PROBLEMS_PER_INPUT} more problem(s) not shown`);
  return result;
}

/**
 * Replays one input: each record is evaluated as soon as its line (or its place in `Records`)
 * is parsed, and its alerts are handed to `out` at once; only the counters are kept.
 */
export async function replayText(chunks: AsyncIterable<string>, origin: string, bytes: number, engine: Engine, out: ReplayOutput): Promise<FileResult> {
  const result = emptyResult(origin, bytes);
  const sink = recordSink(result, engine, out);
  const reader = new ValueReader(sink, undefined, engine.scanner === undefined ? undefined : scanShortcut(engine.scanner));
  try {
    for await (const chunk of chunks) {
      reader.feed(chunk);
      await out.settle();
    }
    reader.end();
  } catch (cause) {
    sink.problem(undefined, readErrorMessage(cause));
  }
  return finish(result, out);
}

/**
 * A whole file through the prefilter without decoding it: a log file's bytes are scanned in
 * place, and only the records that may match are decoded and parsed. Anything else, or a log
 * file too dense in candidates to gain from the scan, is decoded and replayed as text, from
 * the bytes already read. Undefined when the file cannot be read: the caller replays it the
 * ordinary way, which reports why.
 */
async function replayBytes(path: string, origin: string, size: number, engine: Engine, scanner: LogBytesScanner, out: ReplayOutput): Promise<FileResult | undefined> {
  let bytes: Buffer;
  try {
    bytes = wholeFileBytes(path);
  } catch {
    return undefined;
  }
  const file = scanLogBytes(bytes, scanner);
  if (file !== undefined && file !== "dense") {
    const result = emptyResult(origin, size);
    let position = 0;
    if (takeLogFile(file, (start, end) => bytes.toString("utf8", start, end), recordSink(result, engine, out), () => ++position)) return finish(result, out);
  }
  const text = bytes.toString("utf8");
  async function* whole(): AsyncGenerator<string> {
    yield text;
  }
  return replayText(whole(), origin, size, file === "dense" ? { ...engine, scanner: undefined } : engine, out);
}

/** Replays one file: through the byte prefilter when it is a log file that fits in memory, else as text. */
export async function replayFile(path: string, origin: string, size: number, engine: Engine, out: ReplayOutput): Promise<FileResult> {
  const viaBytes = engine.bytesScanner !== undefined && size <= WHOLE_FILE_MAX_BYTES ? await replayBytes(path, origin, size, engine, engine.bytesScanner, out) : undefined;
  return viaBytes ?? replayText(fileText(path, size), origin, size, engine, out);
}
