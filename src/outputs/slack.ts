import type { ChatPostMessageArguments, ChatPostMessageResponse, RetryOptions, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, WebClient } from "@slack/web-api";
import { slackMessage } from "../alert/render/slack.js";
import type { Alert } from "../alert/types.js";
import { ATTEMPT_TIMEOUTS, Deadline, isTimeout } from "../deadline.js";
import { processEnv, readEnv } from "../env.js";
import { assertConfig } from "./config.js";
import { DeliveryError, OutputConfigError } from "./errors.js";
import { lazy } from "./lazy.js";
import type { Destination, DeliveryOptions, OutputDeps, OutputType, ThreadApi } from "./output.js";
import type { SlackBlock } from "../alert/render/slack-blocks.js";
import { DEFAULT_SLACK_HINT, SLACK_HINTS } from "./slack-hints.js";

// What a message may hold (blocks, characters per block) is src/alert/render/slack-limits.ts;
// slackMessage's output already fits it.

/**
 * Retries for 5xx, network errors and 429s (waiting out `Retry-After`). Short on purpose:
 * a Lambda has minutes, not the WebClient default's half hour.
 */
const DEFAULT_RETRY: RetryOptions = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 8000, randomize: true };

/** Slack's own error code (`channel_not_found`) or the closest description of the failure. */
/** The WebClient's error kinds, by their documented `code` (no class import needed). */
const isPlatform = (e: unknown): e is WebAPIPlatformError => (e as { code?: unknown })?.code === "slack_webapi_platform_error";
const isHttp = (e: unknown): e is WebAPIHTTPError => (e as { code?: unknown })?.code === "slack_webapi_http_error";
const isRequest = (e: unknown): e is WebAPIRequestError => (e as { code?: unknown })?.code === "slack_webapi_request_error";
const isRateLimited = (e: unknown): e is WebAPIRateLimitedError => (e as { code?: unknown })?.code === "slack_webapi_rate_limited_error";

/** How many `Retry-After` waits one delivery takes at most (each also has to fit the budget). */
const MAX_RATE_LIMIT_WAITS = 3;
/** Without a deadline (a library caller), a delivery still ends: Lambda's whole timeout. */
const NO_DEADLINE_MS = 30_000;

/** Slack said 429 and the wait it asks for does not fit: fail now, the retry comes later. */
class RateLimitWaitTooLong extends Error {
  override readonly name = "RateLimitWaitTooLong";
}

function reasonOf(error: unknown): { code: string; reason: string } {
  if (isPlatform(error)) return { code: error.data.error, reason: error.data.error };
  if (error instanceof RateLimitWaitTooLong || isRateLimited(error)) return { code: "ratelimited", reason: `ratelimited (${(error as Error).message})` };
  if (isTimeout(error) || (isRequest(error) && isTimeout(error.original))) return { code: "timeout", reason: `no answer in time (${(error as Error).message})` };
  if (isHttp(error)) return { code: "http", reason: `HTTP ${error.statusCode} ${error.statusMessage}` };
  const inner = isRequest(error) ? error.original : error;
  const message = inner instanceof Error ? inner.message : String(inner);
  // After the last 429 the WebClient rethrows its own "A rate limit was exceeded" error,
  // wrapped in a WebAPIRequestError: that is Slack's `ratelimited`, not a network failure.
  if (/rate limit was exceeded/i.test(message)) return { code: "ratelimited", reason: `ratelimited (${message})` };
  if (isRequest(error)) return { code: "request", reason: `request failed: ${message}` };
  return { code: "unknown", reason: message };
}

function deliveryError(name: string, alert: Alert, error: unknown): DeliveryError {
  const { code, reason } = reasonOf(error);
  const failure = { destination: name, destinationType: "slack", policy: alert.policy, eventId: alert.eventId };
  return new DeliveryError({ ...failure, reason, hint: SLACK_HINTS.get(code) ?? DEFAULT_SLACK_HINT }, { cause: error });
}

/** The WebClient class, imported on first delivery: importing @slack/web-api costs CLI commands that never send. */
const webClientModule = lazy(() => import("@slack/web-api"));

/**
 * One WebClient per delivery, so its per-attempt `timeout`, its retries (`maxRetryTime`) and
 * every request it makes (a `fetch` that also aborts at the deadline) end with this
 * invocation's budget. Building one costs microseconds; a retry must never outlive the budget.
 */
async function clientFor(deps: OutputDeps, deadline: Deadline): Promise<WebClient> {
  const token = deps.slack?.token ?? "";
  const apiUrl = readEnv(deps.env ?? processEnv(), "SLACK_API_URL");
  const { LogLevel, WebClient } = await webClientModule();
  const budget = deadline.signal();
  return new WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { ...(deps.slack?.retryConfig ?? DEFAULT_RETRY), maxRetryTime: deadline.remainingMs() },
    timeout: Math.max(1, Math.min(ATTEMPT_TIMEOUTS.slackRequestMs, deadline.remainingMs())),
    fetch: (url, init) => fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, budget]) : budget }),
    // true: a 429 comes back to us with its Retry-After, and we wait only when the wait fits the budget.
    rejectRateLimitedCalls: true,
    // ERROR: its WARN lines ("http request failed" per retry) would repeat on the CLI's stderr and
    // in the function's log what the DeliveryError below reports once, with a hint.
    logLevel: deps.slack?.logLevel ?? LogLevel.ERROR,
    ...(deps.slack?.logger ? { logger: deps.slack.logger } : {}),
  });
}

/** Posts, waiting out a 429's Retry-After only when the wait and one more attempt fit the budget. */
async function post(web: WebClient, message: ChatPostMessageArguments, deadline: Deadline): Promise<ChatPostMessageResponse> {
  for (let waits = 0; ; waits += 1) {
    try {
      return await web.chat.postMessage(message);
    } catch (error) {
      if (!isRateLimited(error)) throw error;
      const waitMs = error.retryAfter * 1000;
      if (waits >= MAX_RATE_LIMIT_WAITS) throw error;
      if (!deadline.fits(waitMs + ATTEMPT_TIMEOUTS.connectMs)) {
        throw new RateLimitWaitTooLong(`Retry-After ${error.retryAfter} s is longer than the ${deadline.remainingMs()} ms left in the budget; the retry delivers it`, { cause: error });
      }
      await deadline.sleep(waitMs);
    }
  }
}

function create(name: string, config: Readonly<Record<string, unknown>>, deps: OutputDeps = {}): Destination {
  assertConfig(name, slack, config);
  const channel = config["channel"] as string;
  if (!deps.slack?.token) throw new OutputConfigError(name, ["no Slack bot token: pass deps.slack.token (e.g. read from SSM by the handler)"]);
  const threads: ThreadApi = {
    async post(alert, threadTs, options: DeliveryOptions = {}) {
      const deadline = options.deadline ?? Deadline.in(NO_DEADLINE_MS);
      const message = slackMessage(alert);
      // A critical reply is also broadcast to the channel: a thread must never bury one.
      const thread = threadTs === undefined ? {} : { thread_ts: threadTs, reply_broadcast: alert.severity === "critical" };
      try {
        const reply = await post(await clientFor(deps, deadline), { channel, ...message, ...thread }, deadline);
        return { channel: reply.channel ?? channel, ts: reply.ts ?? "", text: message.text, blocks: message.blocks };
      } catch (error) {
        throw deliveryError(name, alert, error);
      }
    },
    async update(message, options: DeliveryOptions = {}) {
      const deadline = options.deadline ?? Deadline.in(NO_DEADLINE_MS);
      await (await clientFor(deps, deadline)).chat.update({ channel: message.channel, ts: message.ts, text: message.text, blocks: message.blocks as SlackBlock[] });
    },
  };
  return {
    name,
    type: "slack",
    threads,
    async deliver(alert: Alert, options: DeliveryOptions = {}): Promise<void> {
      await threads.post(alert, undefined, options);
    },
  };
}

/** Slack channel via `chat.postMessage` with a bot token: Block Kit message, escaped. */
export const slack: OutputType = {
  type: "slack",
  description: "Post to a Slack channel with a bot token (chat:write scope; the bot must be in the channel)",
  configKeys: [
    { key: "channel", kind: "slack-channel", required: true, description: "channel id (C0123ABCD) or name (#secops)" },
  ],
  create,
};
