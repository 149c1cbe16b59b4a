import type { Clock } from "../../src/deadline.js";

/**
 * An injected clock: time moves only when a test moves it, or when the code under test sleeps
 * on it (a Retry-After wait advances it at once). Budgets, leases and noise windows all read it.
 */
export class TestClock implements Clock {
  private ms: number;
  /** Every sleep the code asked for, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(start: string) {
    this.ms = Date.parse(start);
  }

  now(): number {
    return this.ms;
  }

  /** For `NoiseControl.now`. */
  readonly date = (): Date => new Date(this.ms);

  set(iso: string): void {
    this.ms = Date.parse(iso);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.ms += ms;
  }
}
