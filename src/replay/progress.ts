import { performance } from "node:perf_hooks";
import type { Tally } from "./summary.js";

/** What the progress line shows; `total` arrives once the survey of the inputs has finished. */
export interface ProgressState {
  readonly files: number;
  readonly bytes: number;
  readonly records: number;
  readonly seconds: number;
  readonly total: { readonly files: number; readonly bytes: number } | undefined;
}

const BAR_WIDTH = 24;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

/** One line: `[#####.....] 412/1000 files  180/430 MB  210,000 records/s  ETA 0:12`. */
export function progressLine(state: ProgressState): string {
  const { files, bytes, records, seconds, total } = state;
  const rate = seconds > 0 ? Math.round(records / seconds).toLocaleString("en-US") : "-";
  if (total === undefined) return `${files} files  ${mb(bytes)}  ${rate} records/s  (counting files...)`;
  const done = total.bytes > 0 ? Math.min(1, bytes / total.bytes) : total.files > 0 ? Math.min(1, files / total.files) : 0;
  const filled = Math.round(done * BAR_WIDTH);
  const eta = done > 0 ? clock((seconds * (1 - done)) / done) : "-:--";
  return `[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${files}/${total.files} files  ${mb(bytes)}/${mb(total.bytes)}  ${rate} records/s  ETA ${eta}`;
}

/** A progress line on a terminal's stderr, redrawn at most every `intervalMs`; cleared before other output. */
export class Progress {
  #shown = false;
  #lastDraw = 0;
  #total: ProgressState["total"];

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly started: number,
    private readonly intervalMs = 100,
  ) {}

  setTotal(total: { files: number; bytes: number }): void {
    this.#total = total;
  }

  update(tally: Tally, now = performance.now()): void {
    if (now - this.#lastDraw < this.intervalMs) return;
    this.#lastDraw = now;
    const line = progressLine({ files: tally.inputs, bytes: tally.bytes, records: tally.records, seconds: (now - this.started) / 1000, total: this.#total });
    this.stream.write(`\r\x1b[2K${line}`);
    this.#shown = true;
  }

  clear(): void {
    if (!this.#shown) return;
    this.stream.write("\r\x1b[2K");
    this.#shown = false;
  }
}
