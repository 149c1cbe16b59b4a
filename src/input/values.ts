import { escapeUnsafe } from "../text/sanitise.js";
import { withoutBom } from "./decode.js";
import { elementsOf } from "./formats.js";
import { splitValues, ValueSplitter } from "./split.js";

/** Where the JSON values found in one input go, each with its 1-based record number. */
export interface ValueSink {
  value(value: unknown, index: number): void;
  /**
   * A record a shortcut showed need not be parsed (replay's prefilter: no policy can match
   * it), counted without being parsed: its top-level `eventTime` when that is a string.
   */
  skipped(index: number, eventTime: string | undefined): void;
  /** `index` is undefined for a problem with the whole input. */
  problem(index: number | undefined, message: string): void;
}

/**
 * Settles a value's text without parsing it whole (replay's prefilter, src/replay/shortcut.ts):
 * "record" when it was one record handed on as `skipped`, "file" when it was a container whose
 * elements it handed on (numbered with `next`), undefined when the text must be parsed.
 */
export interface Shortcut {
  take(text: string, index: number, sink: ValueSink, next: () => number): "record" | "file" | undefined;
}

type Mode = "undecided" | "lines" | "document" | "scan";

/**
 * A line longer than this is not JSON lines (a CloudTrail record is at most a few hundred kB):
 * the text is cut into values as it comes instead, so a stream of log files one after
 * another never has to fit in memory.
 */
export const LONG_LINE = 8 * 1024 * 1024;

/**
 * The one reader of events' text: `eval`, `explain`, `render`, `send` and `patterns` collect
 * from it (src/input/read.ts), `replay` streams from it (src/replay/file.ts).
 * Turns decoded text, fed in chunks as it arrives, into JSON values. The first non-blank line
 * decides: when it parses on its own, the input is JSON lines (a CloudTrail S3 file is one
 * such line) and every line is parsed and handed on as soon as it is complete; otherwise the
 * input is one pretty-printed document, kept until the end and parsed once. Values one after
 * another (`zcat *.json.gz`) are cut apart; a line growing past `longLine` is cut as it comes,
 * so a stream of them never has to fit in memory. A container (src/input/formats.ts: a
 * `{"Records":[...]}` or an array) is handed on element by element. Record numbers are line numbers for JSON lines and positions in
 * `Records` (or the array, or the run of values) otherwise, as `eval` reports them.
 */
export class ValueReader {
  #mode: Mode = "undecided";
  #pieces: string[] = [];
  #pending = 0;
  #document: string[] = [];
  #splitter: ValueSplitter | undefined;
  #line = 0;
  #position = 0;
  #sawText = false;
  #started = false;

  constructor(
    private readonly sink: ValueSink,
    private readonly longLine = LONG_LINE,
    private readonly shortcut?: Shortcut,
  ) {}

  feed(chunk: string): void {
    if (!this.#started && chunk !== "") {
      this.#started = true;
      chunk = withoutBom(chunk);
    }
    if (this.#mode === "document") this.#document.push(chunk);
    else if (this.#mode === "scan") this.#splitter?.feed(chunk);
    else this.#feedLines(chunk);
  }

  end(): void {
    if (this.#mode === "scan") this.#endScan();
    else if (this.#pieces.length > 0) this.#takeLine(this.#pieces.join(""));
    this.#pieces = [];
    if (this.#mode === "document") this.#endDocument(this.#document.join(""));
    this.#document = [];
    if (!this.#sawText) this.sink.problem(undefined, "empty input: not valid JSON: there is no JSON value in it");
  }

  #feedLines(chunk: string): void {
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", from)) {
      this.#pieces.push(chunk.slice(from, nl));
      from = nl + 1;
      this.#takeLine(this.#pieces.length === 1 ? (this.#pieces[0] as string) : this.#pieces.join(""));
      this.#pieces = [];
      this.#pending = 0;
      // #takeLine may have switched modes, which TypeScript's narrowing cannot see.
      if ((this.#mode as Mode) === "document") {
        this.#document.push(chunk.slice(from));
        return;
      }
    }
    if (from === chunk.length) return;
    this.#pieces.push(chunk.slice(from));
    this.#pending += chunk.length - from;
    if (this.#pending > this.longLine) this.#startScan();
  }

  #startScan(): void {
    this.#mode = "scan";
    this.#sawText = true;
    this.#splitter = new ValueSplitter((text) => this.#takeValue(text, this.#position + 1));
    for (const piece of this.#pieces.splice(0)) this.#splitter.feed(piece);
  }

  #endScan(): void {
    const rest = this.#splitter?.rest() ?? "";
    if (rest.trim() !== "") this.sink.problem(undefined, `not valid JSON: ${tryParse(rest).message ?? "text after the last value"}`);
  }

  #takeLine(text: string): void {
    this.#line++;
    if (text.trim() === "") {
      if (this.#mode === "undecided") this.#document.push("\n");
      return;
    }
    this.#sawText = true;
    if (this.#takeScanned(text, this.#line) !== undefined) {
      this.#mode = "lines";
      return;
    }
    const parsed = tryParse(text);
    if (parsed.ok) {
      this.#mode = "lines";
      this.#hand(parsed.value, this.#line);
    } else if (this.#takeRun(text)) {
      this.#mode = this.#mode === "undecided" ? "lines" : this.#mode;
    } else if (this.#mode === "undecided") {
      this.#mode = "document";
      this.#document.push(text, "\n");
    } else this.sink.problem(this.#line, `not JSON: ${parsed.message}`);
  }

  /** Hands on the values of a text holding several one after another; false when it does not. */
  #takeRun(text: string): boolean {
    const run = splitValues(text);
    if (run === undefined) return false;
    // Junk before the first value (`\x1b[2J\x1b]{...}`) is no run of values: the text is reported whole.
    if (!this.#takeValue(run.values[0] as string, this.#position + 1, true)) return false;
    for (const value of run.values.slice(1)) this.#takeValue(value, this.#position + 1);
    if (run.rest.trim() !== "") this.sink.problem(undefined, `not valid JSON after ${run.values.length} value(s): ${tryParse(run.rest).message}`);
    return true;
  }

  /** False, with nothing handed on, when `refuseJunk` and the text is not JSON. */
  #takeValue(text: string, index: number, refuseJunk = false): boolean {
    const scanned = this.#takeScanned(text, index);
    if (scanned === "record") this.#position = Math.max(this.#position, index);
    if (scanned !== undefined) return true;
    const parsed = tryParse(text);
    if (!parsed.ok && refuseJunk) return false;
    if (parsed.ok) this.#hand(parsed.value, index);
    else this.sink.problem(index, `not JSON: ${parsed.message}`);
    if (!parsed.ok || !isContainer(parsed.value)) this.#position = Math.max(this.#position, index);
    return true;
  }

  #hand(value: unknown, index: number): void {
    const values = elementsOf(value);
    if (values === undefined) this.sink.value(value, index);
    else for (const element of values) this.sink.value(element, ++this.#position);
  }

  #takeScanned(text: string, index: number): "record" | "file" | undefined {
    return this.shortcut?.take(text, index, this.sink, () => ++this.#position);
  }

  #endDocument(text: string): void {
    if (this.#takeScanned(text, 1) !== undefined) return;
    const parsed = tryParse(text);
    if (parsed.ok) return this.#hand(parsed.value, 1);
    if (this.#takeRun(text)) return;
    // JSON lines whose first line is broken read as a document; keep their good lines, as eval does.
    if (!text.trimStart().startsWith("{") || !this.#replayAsLines(text)) this.sink.problem(undefined, `not valid JSON: ${parsed.message}`);
  }

  #replayAsLines(text: string): boolean {
    const lines = text.split("\n").map((line, i) => ({ line, index: i + 1 }));
    const parsed = lines.filter(({ line }) => line.trim() !== "").map(({ line, index }) => ({ index, ...tryParse(line) }));
    if (!parsed.some((p) => p.ok)) return false;
    for (const p of parsed) {
      if (p.ok) this.#hand(p.value, p.index);
      else this.sink.problem(p.index, `not JSON: ${p.message}`);
    }
    return true;
  }
}

function isContainer(value: unknown): boolean {
  return elementsOf(value) !== undefined;
}

export type Parsed = { ok: true; value: unknown; message?: undefined } | { ok: false; message: string };

/** JSON.parse without throwing; the message is safe to print. */
export function tryParse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (cause) {
    // V8 quotes the input (`Unexpected token '\x1b', "\x1b[2J..."`): a hostile file must not put
    // terminal escapes on stderr through it.
    return { ok: false, message: escapeUnsafe((cause as Error).message) };
  }
}
