import { formatProblem } from "../input/read.js";
import { readErrorMessage } from "../input/read-error.js";
import { recordOf, recordProblem } from "../input/unwrap.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { Engine } from "./engine.js";
import { inWindow, isOpen } from "./time-window.js";
import { ValueReader } from "./values.js";

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

/**
 * Replays one input: each record is evaluated as soon as its line (or its place in `Records`)
 * is parsed, and its alerts are handed to `out` at once; only the counters are kept.
 */
export async function replayText(chunks: AsyncIterable<string>, origin: string, bytes: number, engine: Engine, out: ReplayOutput): Promise<FileResult> {
  const result = emptyResult(origin, bytes);
  const report = (index: number | undefined, message: string): void => {
    if (++result.problems <= MAX_PROBLEMS_PER_INPUT) out.problem(formatProblem({ origin, index, message }));
  };
  const { set, settings } = engine;
  const filtered = !isOpen(settings.window);
  const reader = new ValueReader({
    value(value, index) {
      const record = recordOf(value);
      const why = recordProblem(record);
      if (why !== undefined) {
        result.unusable++;
        report(index, why);
        return;
      }
      result.records++;
      if (filtered && !inWindow(settings.window, record as CloudTrailRecord)) {
        result.outside++;
        return;
      }
      // Most records have no candidate policy; skipping evaluate() for them saves an array each.
      if (set.candidates(record as CloudTrailRecord).length === 0) return;
      for (const alert of set.evaluate(record as CloudTrailRecord)) {
        result.alerts.set(alert.policy, (result.alerts.get(alert.policy) ?? 0) + 1);
        out.alert(engine.render(alert, `${origin}#${index}`));
      }
    },
    problem(index, message) {
      if (index === undefined) result.failed = true;
      else result.unusable++;
      report(index, message);
    },
  });
  try {
    for await (const chunk of chunks) {
      reader.feed(chunk);
      await out.settle();
    }
    reader.end();
  } catch (cause) {
    result.failed = true;
    report(undefined, readErrorMessage(cause));
  }
  if (result.problems > MAX_PROBLEMS_PER_INPUT) out.problem(`${origin}: ${result.problems - MAX_PROBLEMS_PER_INPUT} more problem(s) not shown`);
  return result;
}
