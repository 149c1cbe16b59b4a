import type { RetryOptions, WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError, WebClient } from "@slack/web-api";
import { slackMessage } from "../alert/render/slack.js";
import type { Alert } from "../alert/types.js";
import { processEnv, readEnv } from "../env.js";
import { assertConfig, stringKey } from "./config.js";
import { DeliveryError, OutputConfigError } from "./errors.js";
import { lazy } from "./lazy.js";
import type { Destination, OutputDeps, OutputType, ThreadApi } from "./output.js";
import type { SlackBlock } from "../alert/render/slack-blocks.js";
import { DEFAULT_SLACK_HINT, SLACK_HINTS } from "./slack-hints.js";

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

function reasonOf(error: unknown): { code: string; reason: string } {
  if (isPlatform(error)) return { code: error.data.error, reason: error.data.error };
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

/** The WebClient, built on first delivery: importing @slack/web-api costs CLI commands that never send. */
function client(name: string, deps: OutputDeps): () => Promise<WebClient> {
  const token = deps.slack?.token;
  if (!token) throw new OutputConfigError(name, ["no Slack bot token: pass deps.slack.token (e.g. read from SSM by the handler)"]);
  const apiUrl = readEnv(deps.env ?? processEnv(), "SLACK_API_URL");
  return lazy(async () => {
    const { LogLevel, WebClient } = await import("@slack/web-api");
    return new WebClient(token, {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: deps.slack?.retryConfig ?? DEFAULT_RETRY,
      // false: a 429 is waited out (Retry-After) and retried by the client, not thrown at us.
      rejectRateLimitedCalls: false,
      logLevel: deps.slack?.logLevel ?? LogLevel.WARN,
      ...(deps.slack?.logger ? { logger: deps.slack.logger } : {}),
    });
  });
}

function create(name: string, config: Readonly<Record<string, unknown>>, deps: OutputDeps = {}): Destination {
  assertConfig(name, slack, config);
  const channel = config["channel"] as string;
  const web = client(name, deps);
  const threads: ThreadApi = {
    async post(alert, threadTs) {
      const message = slackMessage(alert);
      // A critical reply is also broadcast to the channel: a thread must never bury one.
      const thread = threadTs === undefined ? {} : { thread_ts: threadTs, reply_broadcast: alert.severity === "critical" };
      try {
        const reply = await (await web()).chat.postMessage({ channel, ...message, ...thread });
        return { channel: reply.channel ?? channel, ts: reply.ts ?? "", text: message.text, blocks: message.blocks };
      } catch (error) {
        throw deliveryError(name, alert, error);
      }
    },
    async update(message) {
      await (await web()).chat.update({ channel: message.channel, ts: message.ts, text: message.text, blocks: message.blocks as SlackBlock[] });
    },
  };
  return {
    name,
    type: "slack",
    threads,
    async deliver(alert: Alert): Promise<void> {
      await threads.post(alert);
    },
  };
}

/** Slack channel via `chat.postMessage` with a bot token: Block Kit message, escaped. */
export const slack: OutputType = {
  type: "slack",
  description: "Post to a Slack channel with a bot token (chat:write scope; the bot must be in the channel)",
  configKeys: [
    { name: "channel", required: true, description: "channel id (C0123ABCD) or name (#secops)", check: stringKey(/^[#@]?[\w.-]+$/, "a channel id or #name") },
  ],
  create,
};
