import type { FieldSpec } from "../policy/fields.js";
import type { SNSClientConfig } from "@aws-sdk/client-sns";
import type { Logger, LogLevel, RetryOptions } from "@slack/web-api";
import type { Alert } from "../alert/types.js";
import type { Deadline } from "../deadline.js";
import type { Env } from "../env.js";

/** One configured place alerts go to, e.g. the `secops-slack` destination. */
export interface Destination {
  readonly name: string;
  readonly type: string;
  /**
   * Resolves once delivered; rejects with a `DeliveryError` (after the client's retries, which
   * stop at `options.deadline`: no attempt outlives it).
   */
  deliver(alert: Alert, options?: DeliveryOptions): Promise<void>;
  /** Told about an alert noise control held (dedupe/throttle), e.g. to update a thread's count. Never throws. */
  held?(alert: Alert, options?: DeliveryOptions): Promise<void>;
  /** Slack only: post into threads and edit messages (src/slack-thread/ builds one thread per burst on it). */
  readonly threads?: ThreadApi;
}

/** A posted chat message: where it is and what it said (so it can be edited later). */
export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  readonly text: string;
  readonly blocks: readonly unknown[];
}

export interface ThreadApi {
  /** Posts the alert, as a reply in `threadTs`'s thread when given; rejects with a `DeliveryError`. */
  post(alert: Alert, threadTs?: string, options?: DeliveryOptions): Promise<PostedMessage>;
  /** Replaces a posted message's text and blocks (`chat.update`). */
  update(message: PostedMessage, options?: DeliveryOptions): Promise<void>;
}

export interface DeliveryOptions {
  /** When the invocation's budget runs out; without one, only the per-attempt timeouts apply. */
  readonly deadline?: Deadline;
}

/**
 * One key of a destination's config: a closed-mapping key whose value is one kind of the
 * field-kind registry (src/policy/field-kinds.ts), which holds its check and its JSON Schema.
 */
export type ConfigKey = FieldSpec;

/** A destination's keys from the routing config, as parsed (not yet checked). */
export type OutputConfig = Readonly<Record<string, unknown>>;

/** Things a destination needs from outside its config; every field is optional. */
export interface OutputDeps {
  /** Environment to read `SLACK_API_URL` from; defaults to the process's. */
  readonly env?: Env;
  /** Extra `SNSClient` config (e.g. `retryStrategy`, `maxAttempts`, `requestHandler`). */
  readonly sns?: SNSClientConfig;
  readonly slack?: {
    /** Bot token (`xoxb-...`), e.g. read from SSM by the handler. Required for slack destinations. */
    readonly token?: string;
    readonly retryConfig?: RetryOptions;
    readonly logger?: Logger;
    readonly logLevel?: LogLevel;
  };
  /** Where console destinations write; defaults to the stream their `stream` key names. */
  readonly stream?: NodeJS.WritableStream;
}

/** A kind of destination: one file under `src/outputs/`, one line in the registry. */
export interface OutputType {
  readonly type: string;
  readonly description: string;
  /** Closed list: any other key in a destination's config is an error. */
  readonly configKeys: readonly ConfigKey[];
  /** Build a destination; throws `OutputConfigError` if `config` fails `checkConfig`. */
  create(name: string, config: OutputConfig, deps?: OutputDeps): Destination;
}
