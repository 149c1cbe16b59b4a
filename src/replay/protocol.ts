// The messages between the replay pool (main thread) and its workers: types only, so both
// sides import this file and neither imports the other.
import type { ReplaySettings } from "./engine.js";
import type { FileResult } from "./file.js";
import type { PortablePolicy } from "./portable.js";
import type { Input } from "./walk.js";

/** What the pool gives each worker at start. */
export interface WorkerSetup {
  readonly settings: ReplaySettings;
  readonly policies: readonly PortablePolicy[];
}

/** One file to replay, posted to a worker. */
export type FileJob = Extract<Input, { kind: "file" }>;

/** One file replayed in a worker: its counters and its buffered output, printed by the main thread. */
export interface Finished {
  readonly result: FileResult;
  readonly alerts: string;
  readonly problems: readonly string[];
}

export type FromWorker = { kind: "ready" } | { kind: "done"; finished: Finished } | { kind: "fatal"; message: string };
