import { setTimeout as wait } from "node:timers/promises";

/**
 * The time an invocation (or a CLI `send`) may spend on outbound calls. Every delivery and
 * every state-store call takes its abort signal from here, so a server that accepts the
 * connection and never answers costs at most the remaining budget, never the Lambda timeout.
 *
 * Decisions ("is there time to wait out Retry-After?") use the injected clock; the abort
 * itself is a real timer set to the remaining time, so tests drive both without sleeping.
 */
/** Time as the handler sees it: the system's, or a test's injected clock (which sleeps by advancing). */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Resolves after `ms` on this clock, or rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => wait(ms, undefined, { signal }),
};

export class Deadline {
  constructor(
    /** Epoch ms after which no outbound call may still be running. */
    readonly endsAt: number,
    readonly clock: Clock = systemClock,
  ) {}

  /** A deadline `ms` from now on `clock`. */
  static in(ms: number, clock: Clock = systemClock): Deadline {
    return new Deadline(clock.now() + ms, clock);
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.clock.now());
  }

  /** Waits `ms` on the clock (e.g. a Retry-After), but never past the deadline. */
  sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms, this.signal());
  }

  /** Whether `ms` more still ends before the deadline. */
  fits(ms: number): boolean {
    return ms <= this.remainingMs();
  }

  /** Aborts at the deadline, or after `capMs` if that is sooner (a per-call deadline). */
  signal(capMs = Number.POSITIVE_INFINITY): AbortSignal {
    const ms = Math.min(capMs, this.remainingMs());
    if (ms <= 0) return AbortSignal.abort(new DeadlineExceededError(0));
    return AbortSignal.timeout(ms);
  }
}

/** Raised (as an abort reason) when an outbound call would outlive its deadline. */
export class DeadlineExceededError extends Error {
  override readonly name = "DeadlineExceededError";
  constructor(readonly budgetMs: number) {
    super(`no time left in the invocation's budget (${budgetMs} ms remained)`);
  }
}

/** Whether an error is an abort or timeout (ours, the SDK's or fetch's), not an answer from the server. */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === "AbortError" || name === "TimeoutError" || name === "DeadlineExceededError" || name === "RequestTimeout";
}

/**
 * Lambda's remaining time minus a safety margin: the margin pays for settling the delivery
 * ledger, the log lines and the metrics after the last outbound call gives up, so the
 * invocation reports its failures itself instead of being killed mid-sentence by the timeout.
 */
export const SAFETY_MARGIN_MS = 3000;

export function invocationDeadline(remainingMs: number, clock: Clock, marginMs = SAFETY_MARGIN_MS): Deadline {
  return new Deadline(clock.now() + Math.max(0, remainingMs - marginMs), clock);
}

/** What the CLI's `send` allows for one run: the same per-call deadlines, and Lambda's 30 s overall. */
export const CLI_BUDGET_MS = 30_000;

/** Per-attempt timeouts, through each client's own settings (one place, used by Lambda and the CLI). */
export const ATTEMPT_TIMEOUTS = {
  /** SNS Publish: one attempt; the SDK's retry strategy makes up to 3 within the budget. */
  snsRequestMs: 5000,
  connectMs: 1000,
  /** Slack chat.postMessage, one attempt (the WebClient's `timeout`). */
  slackRequestMs: 5000,
  /** One DynamoDB call, every attempt included: a noise decision is never worth an alert. */
  storeCallMs: 2500,
  storeAttemptMs: 1000,
  /** SSM GetParameter(s) for the Slack token, one attempt. */
  ssmRequestMs: 3000,
} as const;

/**
 * An AWS SDK client's `requestHandler` options: per-attempt timeouts that end the attempt with
 * a (retryable) TimeoutError. Without `throwOnRequestTimeout` the SDK only logs a warning and
 * keeps waiting on a server that never answers.
 */
export function awsRequestHandler(requestMs: number): { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true } {
  return { requestTimeout: requestMs, connectionTimeout: ATTEMPT_TIMEOUTS.connectMs, throwOnRequestTimeout: true };
}

/** The Slack token's SSM client (the handler's @middy/ssm and the CLI's `send`). */
export const SSM_REQUEST_HANDLER = awsRequestHandler(ATTEMPT_TIMEOUTS.ssmRequestMs);

/** SSM token fetch, every attempt included: the SDK's default 3 attempts fit. */
export const SSM_CALL_MS = 10_000;
