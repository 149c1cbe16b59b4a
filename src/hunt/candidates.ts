import { formatProblem } from "../input/read.js";
import { eventRecord } from "../input/formats.js";
import type { Engine } from "../replay/engine.js";
import { emptyResult, MAX_PROBLEMS_PER_INPUT, type FileResult } from "../replay/file.js";
import type { Finished } from "../replay/protocol.js";
import { inWindow, isOpen } from "../replay/time-window.js";

/**
 * One input's share of a hunt: the candidate records the query returned for it, judged by the
 * exact engine exactly as replay judges a record, its alerts kept until the input is complete.
 */
export class HuntInput {
  readonly result: FileResult;
  #alerts: string[] = [];
  #problems: string[] = [];
  /** Candidate rows the query returned for this input. */
  returned = 0;

  constructor(
    readonly origin: string,
    bytes: number,
    private readonly engine: Engine,
    /** False when the query counts (and `uncounted` reports) unusable records itself (DuckDB). */
    private readonly countsUnusable = true,
  ) {
    this.result = emptyResult(origin, bytes);
  }

  /** One candidate: a CloudTrail record, or an EventBridge envelope around one. */
  judge(value: unknown, index: number | string, origin = this.origin): void {
    this.returned++;
    const read = eventRecord(value);
    const why = read.problem;
    if (why !== undefined) {
      if (!this.countsUnusable) return;
      this.result.unusable++;
      this.problem(formatProblem({ origin, index: typeof index === "number" ? index : undefined, message: why }));
      return;
    }
    const { record } = read;
    const { set, settings } = this.engine;
    if (!isOpen(settings.window) && !inWindow(settings.window, record)) {
      this.result.outside++;
      return;
    }
    for (const alert of set.evaluate(record)) {
      this.result.alerts.set(alert.policy, (this.result.alerts.get(alert.policy) ?? 0) + 1);
      this.#alerts.push(this.engine.render(alert, `${origin}#${index}`));
    }
  }

  /** A candidate row whose text is not JSON (it came from the query, so this is a fault). */
  unreadable(index: number, message: string): void {
    this.returned++;
    this.result.unusable++;
    this.problem(formatProblem({ origin: this.origin, index, message }));
  }

  /** Values the query found unusable: one line for them all, where replay names each. */
  uncounted(unusable: number): void {
    this.result.unusable += unusable;
    if (unusable > 0) this.problem(`${this.origin}: ${unusable} value(s) are not CloudTrail records (a JSON object with string eventSource and eventName); replay names each`);
  }

  /** The input as a whole could not be read. */
  fail(message: string): void {
    this.result.failed = true;
    this.problem(`${this.origin}: ${message}`);
  }

  problem(line: string): void {
    if (++this.result.problems <= MAX_PROBLEMS_PER_INPUT) this.#problems.push(line);
  }

  /** What replay's printer takes: the alerts in record order, then the problems. */
  finished(): Finished {
    const hidden = this.result.problems - MAX_PROBLEMS_PER_INPUT;
    const problems = hidden > 0 ? [...this.#problems, `${this.origin}: ${hidden} more problem(s) not shown`] : this.#problems;
    return { result: this.result, alerts: this.#alerts.join(""), problems };
  }
}
