/**
 * Cuts text holding JSON values one after another (`{...}{...}`, as `zcat *.json.gz` gives:
 * CloudTrail log files end without a newline) at the end of each top-level object or array,
 * across chunks. It tracks only strings, escapes and nesting depth; each cut is then parsed
 * with JSON.parse, which reports anything else that is wrong.
 */
const OUTSIDE = /["{}[\]]/g;
const BACKSLASH = 0x5c;

export class ValueSplitter {
  #depth = 0;
  #inString = false;
  #escaped = false;
  #pieces: string[] = [];

  constructor(private readonly onValue: (text: string) => void) {}

  feed(chunk: string): void {
    if (chunk === "") return;
    let from = 0;
    let i = this.#escaped ? 1 : 0;
    this.#escaped = false;
    while (i < chunk.length) {
      if (this.#inString) {
        i = this.#endOfString(chunk, i);
        continue;
      }
      OUTSIDE.lastIndex = i;
      const m = OUTSIDE.exec(chunk);
      if (m === null) break;
      i = m.index + 1;
      const c = m[0];
      if (c === '"') this.#inString = true;
      else if (c === "{" || c === "[") this.#depth++;
      else if (this.#depth > 0 && --this.#depth === 0) {
        this.#pieces.push(chunk.slice(from, i));
        this.onValue(this.#pieces.join(""));
        this.#pieces = [];
        from = i;
      }
    }
    if (from < chunk.length) this.#pieces.push(chunk.slice(from));
  }

  /** Where scanning resumes after the string that `start` is inside: past its closing quote, or the chunk's end. */
  #endOfString(chunk: string, start: number): number {
    // Strings are most of CloudTrail's text: jump from quote to quote natively.
    for (let quote = chunk.indexOf('"', start); quote !== -1; quote = chunk.indexOf('"', quote + 1)) {
      let backslashes = 0;
      while (quote - backslashes - 1 >= start && chunk.charCodeAt(quote - backslashes - 1) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) {
        this.#inString = false;
        return quote + 1;
      }
    }
    let trailing = 0;
    while (chunk.length - trailing - 1 >= start && chunk.charCodeAt(chunk.length - trailing - 1) === BACKSLASH) trailing++;
    this.#escaped = trailing % 2 === 1;
    return chunk.length;
  }

  /** What is left after the last complete value: empty (or blank) when the text ended cleanly. */
  rest(): string {
    const rest = this.#pieces.join("");
    this.#pieces = [];
    return rest;
  }
}

/** The values in `text` when it holds two or more one after another, else undefined. */
export function splitValues(text: string): { values: string[]; rest: string } | undefined {
  const values: string[] = [];
  const splitter = new ValueSplitter((value) => values.push(value));
  splitter.feed(text);
  return values.length >= 2 ? { values, rest: splitter.rest() } : undefined;
}
