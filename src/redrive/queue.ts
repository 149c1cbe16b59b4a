import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
  type SQSClientConfig,
} from "@aws-sdk/client-sqs";
import type { DlqMessage } from "./message.js";
import { QueueError } from "./queue-error.js";

export { QueueError };

/**
 * How long a received message stays hidden while it is redriven. Generous on purpose: a slow
 * destination (Slack waiting out 429s) must not let the message reappear and be redriven
 * twice in one run. Messages that stay are made visible again when the run ends.
 */
export const VISIBILITY_TIMEOUT_SECONDS = 300;
/** Long-poll for 1 s: a short poll samples only some SQS servers and can answer "empty" early. */
export const WAIT_TIME_SECONDS = 1;
const BATCH = 10;


/** `https://sqs.<region>.amazonaws.com/...` or the legacy `https://<region>.queue.amazonaws.com/...`. */
export function regionOfQueueUrl(queueUrl: string): string | undefined {
  const host = new URL(queueUrl).hostname;
  return /^sqs\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1] ?? /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.queue\.amazonaws\.com$/.exec(host)?.[1];
}

function describe(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `${err.name}${status ? ` (HTTP ${status})` : ""}: ${err.message}`;
}

function toDlqMessage(message: Message): DlqMessage | undefined {
  if (message.MessageId === undefined || message.ReceiptHandle === undefined) return undefined;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (value.StringValue !== undefined) attributes[name] = value.StringValue;
  }
  return { id: message.MessageId, receiptHandle: message.ReceiptHandle, body: message.Body ?? "", attributes };
}

/** One dead-letter queue, through the real SQS client (endpoint the standard way: AWS_ENDPOINT_URL_SQS). */
export class DeadLetterQueue {
  private readonly client: SQSClient;

  constructor(readonly url: string, config: SQSClientConfig = {}) {
    const region = regionOfQueueUrl(url);
    this.client = new SQSClient({ ...(region ? { region } : {}), ...config });
  }

  /** Approximate counts; also proves the queue is reachable before anything is received. */
  async counts(): Promise<{ visible: number; inFlight: number }> {
    try {
      const reply = await this.client.send(new GetQueueAttributesCommand({ QueueUrl: this.url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
      return { visible: Number(reply.Attributes?.ApproximateNumberOfMessages ?? 0), inFlight: Number(reply.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) };
    } catch (error) {
      throw new QueueError(`cannot read queue ${this.url}: ${describe(error)}`, { cause: error });
    }
  }

  /** Up to `max` (at most 10) messages, hidden from other consumers for VISIBILITY_TIMEOUT_SECONDS. */
  async receive(max: number): Promise<DlqMessage[]> {
    try {
      const reply = await this.client.send(new ReceiveMessageCommand({
        QueueUrl: this.url,
        MaxNumberOfMessages: Math.min(BATCH, max),
        VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS,
        WaitTimeSeconds: WAIT_TIME_SECONDS,
        MessageAttributeNames: ["All"],
      }));
      return (reply.Messages ?? []).flatMap((m) => toDlqMessage(m) ?? []);
    } catch (error) {
      throw new QueueError(`cannot receive from queue ${this.url}: ${describe(error)}`, { cause: error });
    }
  }

  /** Deletes one message; returns why it could not be deleted, or undefined. */
  async delete(message: DlqMessage): Promise<string | undefined> {
    try {
      await this.client.send(new DeleteMessageCommand({ QueueUrl: this.url, ReceiptHandle: message.receiptHandle }));
      return undefined;
    } catch (error) {
      return describe(error);
    }
  }

  /** Makes messages visible again now, so they need not wait out the visibility timeout. */
  async release(messages: readonly DlqMessage[]): Promise<string[]> {
    const problems: string[] = [];
    for (let i = 0; i < messages.length; i += BATCH) {
      const batch = messages.slice(i, i + BATCH);
      try {
        const reply = await this.client.send(new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.url,
          Entries: batch.map((m, n) => ({ Id: String(n), ReceiptHandle: m.receiptHandle, VisibilityTimeout: 0 })),
        }));
        for (const f of reply.Failed ?? []) problems.push(`${batch[Number(f.Id)]?.id ?? f.Id}: ${f.Code}: ${f.Message ?? ""}`);
      } catch (error) {
        problems.push(`${batch.map((m) => m.id).join(", ")}: ${describe(error)}`);
      }
    }
    return problems;
  }

  destroy(): void {
    this.client.destroy();
  }
}
