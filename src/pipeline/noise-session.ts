import { isTimeout } from "../deadline.js";
import type { StateStore } from "../state/store.js";

/** The state behind noise control, and the clock (tests drive simulated time through it). */
export interface NoiseControl {
  readonly store: StateStore;
  readonly now: () => Date;
}

/** What a store call returns once the store has failed in this invocation. */
export const UNAVAILABLE: unique symbol = Symbol("state store unavailable");

interface SessionLogger {
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/**
 * Noise control for one invocation. The first failed store call (throttled, 5xx, reset, no
 * answer by its deadline) switches noise control off for the rest of the invocation: every
 * later call returns UNAVAILABLE at once, and alerts go out without dedupe or throttling
 * (fail open). Waiting on a sick table, call after call, would spend the budget the
 * deliveries need; a repeated alert is a nuisance, a lost one is the failure we exist to prevent.
 */
export class NoiseSession {
  private failure: string | undefined;

  constructor(
    private readonly noise: NoiseControl,
    /** When this invocation's claims lapse: the moment it is certainly over. */
    readonly leaseUntil: Date,
    private readonly logger: SessionLogger,
  ) {}

  /** Why noise control is off in this invocation, once a store call failed. */
  get unavailable(): string | undefined {
    return this.failure;
  }

  now(): Date {
    return this.noise.now();
  }

  async call<T>(what: string, run: (store: StateStore) => Promise<T>): Promise<T | typeof UNAVAILABLE> {
    if (this.failure !== undefined) return UNAVAILABLE;
    try {
      return await run(this.noise.store);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      this.failure = isTimeout(err) ? `${what}: no answer in time (${err.name})` : `${what}: ${err.name}: ${err.message}`;
      this.logger.error("noise control unavailable: alerts are delivered without dedupe or throttling", { reason: this.failure });
      return UNAVAILABLE;
    }
  }
}
