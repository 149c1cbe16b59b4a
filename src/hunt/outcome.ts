import type { ReplayStreams } from "../replay/printer.js";
import type { Policy } from "../policy/types.js";
import type { ReplaySettings } from "../replay/engine.js";
import type { Tally } from "../replay/summary.js";
import type { Prefilter } from "./prefilter.js";

/** What every hunt engine is given. */
export interface HuntRequest {
  readonly paths: readonly string[];
  readonly policies: readonly Policy[];
  readonly prefilter: Prefilter;
  readonly settings: ReplaySettings;
  readonly io: ReplayStreams;
  /** Aborted on Ctrl-C: the engine stops its query and returns what it has. */
  readonly signal: AbortSignal;
}

/** What the query engine reports beside the records: the summary's first lines. */
export interface HuntStats {
  readonly engine: string;
  /** Records the query read; undefined when the engine does not say. */
  rowsScanned: number | undefined;
  /** Candidate records the query returned to the exact engine. */
  rowsReturned: number;
  /** Athena: bytes of S3 data scanned (what Athena bills) and the query execution id. */
  bytesScanned?: number;
  queryId?: string;
  /** The query was stopped (Ctrl-C) before it finished. */
  cancelled: boolean;
}

export interface HuntOutcome {
  readonly tally: Tally;
  readonly stats: HuntStats;
  /** Stdout's reader went away (EPIPE): nothing more should go there. */
  readonly stdoutClosed: boolean;
}
