import { availableParallelism } from "node:os";
import { streamText } from "../input/decode.js";
import type { Policy } from "../policy/types.js";
import { createEngine, type Engine, type ReplaySettings } from "./engine.js";
import { emptyResult, replayFile, replayText } from "./file.js";
import { WorkerPool, workersAvailable } from "./pool.js";
import type { FileJob, Finished } from "./protocol.js";
import { toPortable } from "./portable.js";
import { Printer, type ReplayStreams } from "./printer.js";
import type { Progress } from "./progress.js";
import type { Tally } from "./summary.js";
import { walkInputs, type Input } from "./walk.js";

/**
 * Inputs holding less JSON than this replay in the main thread. Starting two workers costs
 * ~0.1 s; the crossover measured between 16 and 32 CloudTrail files of 1,000 records
 * (~1.7 MB of JSON each), so ~20 such files (see docs/replay.md).
 */
export const POOL_MIN_JSON_BYTES = 32 * 1024 * 1024;
/** CloudTrail JSON gzips about 8:1; the walk knows sizes on disk only. */
const GZIP_RATIO = 8;
/** The walk is not read further ahead than this to choose. */
const PEEK_MAX_FILES = 64;
/** Files a worker may have finished ahead of the file being printed: bounds the buffered output. */
const AHEAD_PER_WORKER = 4;

export interface ReplayRequest {
  readonly paths: readonly string[];
  /** The policies to evaluate (after `--policy`); workers get them as plain data. */
  readonly policies: readonly Policy[];
  readonly settings: ReplaySettings;
  /**
   * Worker threads: a number is used as given (0: the main thread); "auto" uses every core
   * when the compiled worker exists, and the main thread for inputs too small to gain from it.
   */
  readonly workers: number | "auto";
  readonly io: ReplayStreams;
  readonly progress: Progress | undefined;
}

export interface ReplayOutcome {
  readonly tally: Tally;
  /** Stdout's reader went away (EPIPE): replay stopped early and nothing more should go there. */
  readonly stdoutClosed: boolean;
  /** Worker threads used (0: the main thread did the work). */
  readonly workers: number;
}

/** Replays one input in the main thread, printing as it goes. */
async function replayHere(input: Input, engine: Engine, printer: Printer, stdin: NodeJS.ReadableStream): Promise<void> {
  if (input.kind === "unreadable") {
    const result = { ...emptyResult(input.origin, 0), failed: true };
    return printer.print({ result: { ...result, problems: 1 }, alerts: "", problems: [`${input.origin}: ${input.message}`] });
  }
  const out = printer.direct();
  printer.done(input.kind === "stdin" ? await replayText(streamText(stdin), input.origin, 0, engine, out) : await replayFile(input.path, input.origin, input.size, engine, out));
}

/** A worker that died mid-file costs that file, reported like a corrupt one; a pool that cannot start stops the replay. */
function runInPool(pool: WorkerPool, input: FileJob): Promise<Finished> {
  return pool.run(input).catch((cause: Error) => {
    if (pool.fatal !== undefined) throw pool.fatal;
    return { result: { ...emptyResult(input.origin, input.size), failed: true, problems: 1 }, alerts: "", problems: [`${input.origin}: ${cause.message}`] };
  });
}

async function* chain<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

function jsonBytes(input: Input): number {
  if (input.kind !== "file") return 0;
  return /\.gz$/i.test(input.path) ? input.size * GZIP_RATIO : input.size;
}

interface Peeked {
  readonly head: readonly Input[];
  readonly files: number;
  readonly worthAPool: boolean;
}

/** Reads the walk a little ahead, to tell whether the work is worth a pool of workers. */
async function peek(inputs: AsyncIterator<Input>): Promise<Peeked> {
  const head: Input[] = [];
  let bytes = 0;
  while (head.length < PEEK_MAX_FILES && bytes < POOL_MIN_JSON_BYTES) {
    const next = await inputs.next();
    if (next.done === true) break;
    head.push(next.value);
    bytes += jsonBytes(next.value);
  }
  const files = head.filter((i) => i.kind === "file").length;
  return { head, files, worthAPool: bytes >= POOL_MIN_JSON_BYTES || head.length >= PEEK_MAX_FILES };
}

/** A pool when workers were asked for, or when "auto" and the input is big enough to gain from one. */
function startPool(request: ReplayRequest, peeked: Peeked): WorkerPool | undefined {
  const auto = request.workers === "auto";
  const count = auto ? (workersAvailable() ? availableParallelism() : 0) : request.workers;
  if (count === 0 || peeked.files < 2 || (auto && !peeked.worthAPool)) return undefined;
  return new WorkerPool(count, { settings: request.settings, policies: request.policies.map(toPortable) });
}

/**
 * Replays every input in PATH order. With workers, files are replayed in parallel and each
 * file's output is printed whole, in order, once the files before it are printed; stdin and
 * unreadable paths are handled in the main thread in their turn.
 */
export async function replay(request: ReplayRequest): Promise<ReplayOutcome> {
  const { io } = request;
  const engine = createEngine(request.policies, request.settings);
  const printer = new Printer(io, request.progress);
  const inputs = walkInputs(request.paths);
  const peeked = await peek(inputs);
  const pool = startPool(request, peeked);
  const pending: Promise<Finished>[] = [];
  const printFirst = async (): Promise<void> => printer.print(await (pending.shift() as Promise<Finished>));
  try {
    for await (const input of chain(peeked.head, inputs)) {
      if (printer.stopped) break;
      if (pool === undefined || input.kind !== "file") {
        while (pending.length > 0) await printFirst();
        await replayHere(input, engine, printer, io.stdin);
        continue;
      }
      pending.push(runInPool(pool, input));
      if (pending.length >= pool.size * AHEAD_PER_WORKER) await printFirst();
    }
    while (pending.length > 0) await printFirst();
  } finally {
    for (const left of pending) left.catch(() => undefined);
    await pool?.close();
    printer.rethrow();
  }
  return { tally: printer.tally, stdoutClosed: printer.stopped, workers: pool?.size ?? 0 };
}
