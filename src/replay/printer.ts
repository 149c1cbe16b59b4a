import { once } from "node:events";
import type { Writable } from "node:stream";
import type { ReplayOutput } from "./file.js";
import type { Finished } from "./protocol.js";
import type { Progress } from "./progress.js";
import { Tally } from "./summary.js";

/** Where replay reads stdin inputs and writes alerts and problems (the CLI's Io fits). */
export interface ReplayStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

function needsDrain(stream: NodeJS.WritableStream): Promise<unknown> | undefined {
  return (stream as Partial<Writable>).writableNeedDrain === true ? once(stream, "drain") : undefined;
}

/**
 * Writes in input order: straight through for the main thread, whole buffered files for
 * workers. When stdout's reader goes away (`replay ... | head`), printing stops quietly.
 */
export class Printer {
  readonly tally = new Tally();
  /** Set when stdout failed; EPIPE means the reader has had enough, anything else is rethrown. */
  stdoutError: NodeJS.ErrnoException | undefined;
  readonly #onError = (error: NodeJS.ErrnoException): void => {
    this.stdoutError ??= error;
  };

  constructor(
    private readonly io: ReplayStreams,
    private readonly progress: Progress | undefined,
  ) {
    io.stdout.on("error", this.#onError);
  }

  get stopped(): boolean {
    return this.stdoutError !== undefined;
  }

  /**
   * The listener stays: EPIPE is reported asynchronously, often after the last write, and the
   * summary may follow; an unheard 'error' would crash the CLI with a stack trace.
   */
  rethrow(): void {
    if (this.stdoutError !== undefined && this.stdoutError.code !== "EPIPE") throw this.stdoutError;
  }

  direct(): ReplayOutput {
    const { io, progress } = this;
    return {
      alert: (text) => {
        if (this.stopped) return;
        progress?.clear();
        io.stdout.write(text);
      },
      problem(line) {
        progress?.clear();
        io.stderr.write(`${line}\n`);
      },
      settle: () => (this.stopped ? undefined : (needsDrain(io.stdout) as Promise<void> | undefined)),
    };
  }

  async print({ result, alerts, problems }: Finished): Promise<void> {
    if (alerts !== "" || problems.length > 0) this.progress?.clear();
    if (alerts !== "" && !this.stopped) this.io.stdout.write(alerts);
    for (const line of problems) this.io.stderr.write(`${line}\n`);
    this.done(result);
    if (!this.stopped) await needsDrain(this.io.stdout);
  }

  done(result: Finished["result"]): void {
    this.tally.add(result);
    this.progress?.update(this.tally);
  }
}
