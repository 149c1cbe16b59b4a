import { tryParse, type Shortcut, type ValueSink } from "../input/values.js";
import { scanLogFile, scanOneObject, type LogFileScan, type RecordScanner } from "./scan.js";

/**
 * The prefilter's way into the reader (src/input/values.ts): a record no policy can match is
 * counted without being parsed, and a log file's records are counted or parsed one by one.
 */
export function scanShortcut(scanner: RecordScanner): Shortcut {
  return {
    take(text, index, sink, next) {
      const file = scanLogFile(text, scanner);
      if (file === "dense") return undefined;
      if (file !== undefined) return takeLogFile(file, (start, end) => text.slice(start, end), sink, next) ? "file" : undefined;
      const one = scanOneObject(text, scanner);
      if (one?.skip !== true) return undefined;
      sink.skipped(index, one.time);
      return "record";
    },
  };
}

/**
 * Hands on a scanned log file's records in order: skipped ones counted, the others parsed
 * from their own text. False, with nothing handed on, when one does not parse: the file then
 * takes the parsing path, which reports it as the unfiltered replay does.
 */
export function takeLogFile(file: LogFileScan, textOf: (start: number, end: number) => string, sink: ValueSink, next: () => number): boolean {
  const parsed: unknown[] = [];
  for (const { start, end } of file.parse) {
    const one = tryParse(textOf(start, end));
    if (!one.ok) return false;
    parsed.push(one.value);
  }
  let p = 0;
  for (let k = 0; k < file.count; k++) {
    if (file.parse[p]?.index === k) sink.value(parsed[p++], next());
    else sink.skipped(next(), file.times[k]);
  }
  return true;
}
