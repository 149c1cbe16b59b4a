import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ATTEMPT_TIMEOUTS, awsRequestHandler } from "../deadline.js";
import type { PostedMessage } from "../outputs/output.js";

/**
 * One Slack thread per burst, in the state table:
 *
 *   thread#<window pk>#<window sk>   dest#<destination>   parent channel/ts/text/blocks, "+N more" count, last time
 *
 * The window is the throttle window (src/noise/gate.ts), so a burst is exactly what a
 * throttle counts. The first alert claims the parent (conditional put); the rest reply.
 */
export interface ThreadState {
  readonly parent: PostedMessage | undefined;
  /** Alerts of the burst after the parent: thread replies plus held (throttled/deduplicated) ones. */
  readonly more: number;
  readonly last: string | undefined;
}

export interface ThreadKey {
  readonly pk: string;
  readonly sk: string;
}

const TTL_SECONDS = 3 * 86400;
const LEASE_SECONDS = 120;
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

function conditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === "ConditionalCheckFailedException";
}

function stateOf(item: Record<string, unknown> | undefined): ThreadState | undefined {
  if (item === undefined) return undefined;
  const parent = typeof item.ts === "string" && typeof item.channel === "string"
    ? { channel: item.channel, ts: item.ts, text: String(item.text ?? ""), blocks: JSON.parse(String(item.blocks ?? "[]")) as unknown[] }
    : undefined;
  return { parent, more: Number(item.more ?? 0), last: item.last as string | undefined };
}

export class ThreadStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(readonly table: string, config: DynamoDBClientConfig = {}) {
    // The state store's per-attempt deadline: a table that never answers costs seconds, then fails open.
    const requestHandler = awsRequestHandler(ATTEMPT_TIMEOUTS.storeAttemptMs);
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler, maxAttempts: 2, ...config }), { marshallOptions: { removeUndefinedValues: true } });
  }

  private key(thread: ThreadKey, destination: string) {
    return { pk: `thread#${thread.pk}#${thread.sk}`, sk: `dest#${destination}` };
  }

  /** True when this caller posts the parent; false when a parent exists or is being posted. */
  async claimParent(thread: ThreadKey, destination: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { ...this.key(thread, destination), state: "posting", leaseUntil: epoch(now) + LEASE_SECONDS, more: 0, expiresAt: epoch(now) + TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk) OR (#state = :posting AND leaseUntil < :now)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: { ":posting": "posting", ":now": epoch(now) },
      }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async setParent(thread: ThreadKey, destination: string, parent: PostedMessage): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: this.key(thread, destination),
      UpdateExpression: "SET #state = :posted, channel = :channel, ts = :ts, #text = :text, blocks = :blocks REMOVE leaseUntil",
      ExpressionAttributeNames: { "#state": "state", "#text": "text" },
      ExpressionAttributeValues: { ":posted": "posted", ":channel": parent.channel, ":ts": parent.ts, ":text": parent.text, ":blocks": JSON.stringify(parent.blocks) },
    }));
  }

  /** The parent post failed: the next alert (or the retry) claims it again. */
  async releaseParent(thread: ThreadKey, destination: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: this.key(thread, destination) }));
  }

  async get(thread: ThreadKey, destination: string): Promise<ThreadState | undefined> {
    const reply = await this.doc.send(new GetCommand({ TableName: this.table, Key: this.key(thread, destination), ConsistentRead: true }));
    return stateOf(reply.Item);
  }

  /**
   * Counts one more alert of the burst (atomic), once per (eventID, policy, destination) however
   * often the event is retried; returns the thread as it now stands, undefined when not counted.
   */
  async bump(thread: ThreadKey, destination: string, alert: { eventId: string; policy: string; eventTime: string }, now: Date): Promise<ThreadState | undefined> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { pk: `evt#${alert.eventId}#${alert.policy}`, sk: `thread#${destination}`, expiresAt: epoch(now) + TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk)",
      }));
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
    const eventTime = alert.eventTime;
    const reply = await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: this.key(thread, destination),
      UpdateExpression: "ADD more :one SET #last = :t", ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#last": "last" }, ExpressionAttributeValues: { ":one": 1, ":t": eventTime }, ReturnValues: "ALL_NEW",
    })).catch((error: unknown) => {
      if (conditionFailed(error)) return undefined;
      throw error;
    });
    return stateOf(reply?.Attributes);
  }

  destroy(): void {
    this.doc.destroy();
  }
}
