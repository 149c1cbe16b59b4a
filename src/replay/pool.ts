import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FileJob, Finished, FromWorker, WorkerSetup } from "./protocol.js";

// Workers run compiled JavaScript: from dist/ the worker sits next to this module; when this
// module is TypeScript (under vitest) there is no worker to start, and replay runs in-process.
const WORKER_URL = new URL("./worker.js", import.meta.url);

export function workersAvailable(): boolean {
  return import.meta.url.endsWith(".js") && existsSync(fileURLToPath(WORKER_URL));
}

/**
 * The RSS goal (< 250 MB) sets this. With whole files parsed or copied to latin1 text, two
 * workers on 1M records took 360-420 MB with V8's default young generation and 225-235 MB
 * with 12 MB. Now log files are scanned as bytes (outside the heap) and only candidates are
 * parsed, so 12 MB mostly bought garbage collection: on the alert-heavy corpus (half the
 * records parsed) 32 MB took ~25% less CPU than 12 MB, with the same ~175 MB on the bench
 * corpus (270 MB on the alert-heavy one).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32 };

interface Job {
  readonly input: FileJob;
  readonly resolve: (finished: Finished) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: Job | undefined;
}

/** A fixed set of worker threads, each compiling the policies once, taking one file at a time. */
export class WorkerPool {
  readonly #setup: WorkerSetup;
  readonly #slots = new Set<Slot>();
  readonly #queue: Job[] = [];
  #fatal: Error | undefined;
  #closing = false;

  constructor(
    readonly size: number,
    setup: WorkerSetup,
  ) {
    this.#setup = setup;
    for (let i = 0; i < size; i++) this.#spawn();
  }

  /** Why the pool stopped, when a worker could not start; files then fail with this error. */
  get fatal(): Error | undefined {
    return this.#fatal;
  }

  run(input: FileJob): Promise<Finished> {
    return new Promise((resolve, reject) => {
      if (this.#fatal !== undefined) return reject(this.#fatal);
      this.#queue.push({ input, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all([...this.#slots].map((slot) => slot.worker.terminate()));
    this.#slots.clear();
  }

  #spawn(): void {
    const slot: Slot = { worker: new Worker(WORKER_URL, { workerData: this.#setup, resourceLimits: WORKER_LIMITS }), ready: false, job: undefined };
    slot.worker.on("message", (message: FromWorker) => this.#onMessage(slot, message));
    slot.worker.on("error", (error) => this.#onExit(slot, error));
    slot.worker.on("exit", (code) => this.#onExit(slot, new Error(`replay worker exited with code ${code}`)));
    this.#slots.add(slot);
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.job !== undefined) continue;
      const job = this.#queue.shift();
      if (job === undefined) return;
      slot.job = job;
      slot.worker.postMessage(job.input);
    }
  }

  #onMessage(slot: Slot, message: FromWorker): void {
    if (message.kind === "fatal") return this.#fail(new Error(`replay worker could not start: ${message.message}`));
    if (message.kind === "ready") {
      slot.ready = true;
      return;
    }
    const job = slot.job;
    slot.job = undefined;
    job?.resolve(message.finished);
    this.#dispatch();
  }

  /** A worker that dies after starting costs its file, which is reported; one that cannot start stops the replay. */
  #onExit(slot: Slot, error: Error): void {
    if (this.#closing || !this.#slots.delete(slot) || this.#fatal !== undefined) return;
    if (!slot.ready) return this.#fail(error);
    slot.job?.reject(error);
    this.#spawn();
    this.#dispatch();
  }

  #fail(error: Error): void {
    if (this.#fatal !== undefined) return;
    this.#fatal = error;
    for (const slot of this.#slots) slot.job?.reject(error);
    for (const job of this.#queue.splice(0)) job.reject(error);
  }
}
