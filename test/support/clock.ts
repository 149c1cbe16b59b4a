import type { Clock } from "../../src/deadline.js";

/**
 * An injected clock. It runs at real speed from wherever a test sets it (so a budget spent
 * waiting on a hung server is spent on this clock too), jumps when a test advances it, and
 * advances at once when the code under test sleeps on it (a Retry-After wait costs no real
 * time). Budgets, leases, Lambda's remaining time and noise windows all read it.
 */
export class TestClock implements Clock {
  private base: number;
  private realStart = performance.now();
  /** Every sleep the code asked for, in ms, in order. */
  readonly sleeps: number[] = [];

  constructor(start: string) {
    this.base = Date.parse(start);
  }

  now(): number {
    return this.base + Math.floor(performance.now() - this.realStart);
  }

  /** For `NoiseControl.now`. */
  readonly date = (): Date => new Date(this.now());

  set(iso: string): void {
    this.base = Date.parse(iso);
    this.realStart = performance.now();
  }

  advance(ms: number): void {
    this.base += ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.base += ms;
  }
}
