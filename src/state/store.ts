import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { ATTEMPT_TIMEOUTS, awsRequestHandler } from "../deadline.js";
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/**
 * Alert state in one DynamoDB table (pk, sk, TTL attribute `expiresAt`). Every write that
 * decides something is conditional or atomic, so concurrent Lambda containers agree.
 *
 *   evt#<eventID>#<policy>   decision            what was decided for this event (reused on retries)
 *   evt#<eventID>#<policy>   dest#<destination>  delivery ledger: pending (leased) | delivered | failed
 *   dedupe#<policy>#<key>    -                   who holds the dedupe key, until when
 *   throttle#<policy>#<grp>  <windowStart>       count, first/last suppressed time, sample eventIDs
 *   summaries                <windowEnd>#...     windows with suppressed alerts awaiting a summary
 */
export type Decision = "send" | "dedupe" | "throttle";

export interface ThrottleWindow {
  readonly pk: string;
  readonly sk: string;
  readonly policy: string;
  readonly group: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly limit: number;
  readonly count: number;
  readonly firstSuppressed: string | undefined;
  readonly lastSuppressed: string | undefined;
  readonly samples: readonly string[];
}

export interface PendingSummary {
  readonly sk: string;
  readonly windowPk: string;
  readonly windowSk: string;
}

/** How long ledger and decision items outlive their event: past EventBridge's 24 h retry window. */
export const LEDGER_TTL_SECONDS = 3 * 86400;
/**
 * A claim's lease when the caller gives none. The handler always gives one: the moment its
 * invocation is certainly over (Lambda's timeout), so a retry after a killed attempt takes over.
 */
export const LEASE_SECONDS = 120;
export const SAMPLE_SIZE = 5;

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const leaseEpoch = (now: Date, leaseUntil: Date | undefined) => (leaseUntil === undefined ? epoch(now) + LEASE_SECONDS : Math.ceil(leaseUntil.getTime() / 1000));

export interface StateStoreOptions {
  /** Deadline of one store call, every SDK attempt included (default ATTEMPT_TIMEOUTS.storeCallMs). */
  readonly callTimeoutMs?: number;
}

function conditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === "ConditionalCheckFailedException";
}

export class StateStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly callTimeoutMs: number;

  constructor(readonly table: string, config: DynamoDBClientConfig = {}, options: StateStoreOptions = {}) {
    // Per-attempt timeouts through the client's own handler; `call()` bounds the whole call.
    // Two attempts: the SDK's throttling backoff (up to 1 s before the 2nd, 2 s before the 3rd)
    // would otherwise spend the call's deadline waiting, and a failed call only means fail open.
    const requestHandler = awsRequestHandler(ATTEMPT_TIMEOUTS.storeAttemptMs);
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler, maxAttempts: 2, ...config }), { marshallOptions: { removeUndefinedValues: true } });
    this.callTimeoutMs = options.callTimeoutMs ?? ATTEMPT_TIMEOUTS.storeCallMs;
  }

  /** Options for one `send`: it is abandoned, retries included, after the call deadline. */
  private call(): { abortSignal: AbortSignal } {
    return { abortSignal: AbortSignal.timeout(this.callTimeoutMs) };
  }

  /**
   * Claims the right to decide (dedupe/throttle) for this event and policy, so a retried or
   * duplicated event is counted once. Returns the standing decision when one exists, "busy"
   * while another container holds the claim, "claimed" when this caller must decide.
   */
  async claimDecision(eventId: string, policy: string, now: Date, leaseUntil?: Date): Promise<Decision | "claimed" | "busy"> {
    const key = { pk: `evt#${eventId}#${policy}`, sk: "decision" };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { ...key, decision: "pending", leaseUntil: leaseEpoch(now, leaseUntil), expiresAt: epoch(now) + LEDGER_TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk) OR (decision = :pending AND leaseUntil < :now)",
        ExpressionAttributeValues: { ":pending": "pending", ":now": epoch(now) },
      }), this.call());
      return "claimed";
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const current = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }), this.call());
      const decision = current.Item?.decision as Decision | "pending" | undefined;
      return decision === undefined || decision === "pending" ? "busy" : decision;
    }
  }

  async recordDecision(eventId: string, policy: string, decision: Decision, now: Date): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk: `evt#${eventId}#${policy}`, sk: "decision" },
      UpdateExpression: "SET decision = :decision, decidedAt = :at REMOVE leaseUntil",
      ExpressionAttributeValues: { ":decision": decision, ":at": now.toISOString() },
    }), this.call());
  }

  /** Takes the dedupe key for this event unless another event holds it within its window. */
  async claimDedupe(policy: string, key: string, eventId: string, windowSeconds: number, now: Date): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { pk: `dedupe#${policy}#${key}`, sk: "-", eventId, until: epoch(now) + windowSeconds, expiresAt: epoch(now) + windowSeconds + 3600 },
        ConditionExpression: "attribute_not_exists(pk) OR #until < :now OR eventId = :eventId",
        ExpressionAttributeNames: { "#until": "until" },
        ExpressionAttributeValues: { ":now": epoch(now), ":eventId": eventId },
      }), this.call());
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Counts one alert in its window; returns the count including this one. */
  async countInWindow(window: Omit<ThrottleWindow, "count" | "firstSuppressed" | "lastSuppressed" | "samples">, ttlEnd: Date): Promise<number> {
    const reply = await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk: window.pk, sk: window.sk },
      UpdateExpression: "ADD #count :one SET policy = :policy, #group = :group, windowStart = :start, windowEnd = :end, #limit = :limit, expiresAt = :ttl",
      ExpressionAttributeNames: { "#count": "count", "#group": "group", "#limit": "limit" },
      ExpressionAttributeValues: { ":one": 1, ":policy": window.policy, ":group": window.group, ":start": window.windowStart, ":end": window.windowEnd, ":limit": window.limit, ":ttl": epoch(ttlEnd) + LEDGER_TTL_SECONDS },
      ReturnValues: "UPDATED_NEW",
    }), this.call());
    return Number(reply.Attributes?.count ?? 1);
  }

  /** Notes a suppressed alert's time (and its eventID among the first few). */
  async noteSuppressed(pk: string, sk: string, eventId: string, eventTime: string, ordinal: number): Promise<void> {
    const sample = ordinal <= SAMPLE_SIZE;
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk, sk },
      UpdateExpression: `SET firstSuppressed = if_not_exists(firstSuppressed, :t), lastSuppressed = :t${sample ? ", samples = list_append(if_not_exists(samples, :empty), :id)" : ""}`,
      ExpressionAttributeValues: { ":t": eventTime, ...(sample ? { ":empty": [], ":id": [eventId] } : {}) },
    }), this.call());
  }

  /** Idempotent (one key per window): written with every suppression, so one lost write loses nothing. */
  async addPendingSummary(window: { pk: string; sk: string; windowEnd: string }): Promise<void> {
    await this.doc.send(new PutCommand({
      TableName: this.table,
      // With a TTL: a marker whose removal failed after its summary went out does not linger.
      Item: { pk: "summaries", sk: `${window.windowEnd}#${window.pk}#${window.sk}`, windowPk: window.pk, windowSk: window.sk, expiresAt: epoch(new Date(window.windowEnd)) + LEDGER_TTL_SECONDS },
    }), this.call());
  }

  /** Windows that have closed by `now` and still owe a summary. */
  async dueSummaries(now: Date): Promise<PendingSummary[]> {
    const reply = await this.doc.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: "pk = :pk AND sk < :now",
      ExpressionAttributeValues: { ":pk": "summaries", ":now": now.toISOString() },
      ConsistentRead: true,
    }), this.call());
    return (reply.Items ?? []).map((i) => ({ sk: String(i.sk), windowPk: String(i.windowPk), windowSk: String(i.windowSk) }));
  }

  async window(pk: string, sk: string): Promise<ThrottleWindow | undefined> {
    const reply = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk, sk }, ConsistentRead: true }), this.call());
    const i = reply.Item;
    if (i === undefined) return undefined;
    return {
      pk, sk, policy: String(i.policy), group: String(i.group), windowStart: String(i.windowStart), windowEnd: String(i.windowEnd),
      limit: Number(i.limit), count: Number(i.count), firstSuppressed: i.firstSuppressed as string | undefined,
      lastSuppressed: i.lastSuppressed as string | undefined, samples: (i.samples as string[] | undefined) ?? [],
    };
  }

  async removePendingSummary(sk: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: "summaries", sk } }), this.call());
  }

  /**
   * Claims delivery of one alert to one destination. "skip": already delivered (a retry);
   * "busy": another container holds a live lease (retry later); "go": deliver now.
   */
  async claimDelivery(eventId: string, policy: string, destination: string, now: Date, leaseUntil?: Date): Promise<"go" | "skip" | "busy"> {
    const key = { pk: `evt#${eventId}#${policy}`, sk: `dest#${destination}` };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { ...key, status: "pending", leaseUntil: leaseEpoch(now, leaseUntil), expiresAt: epoch(now) + LEDGER_TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk) OR #status = :failed OR (#status = :pending AND leaseUntil < :now)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":failed": "failed", ":pending": "pending", ":now": epoch(now) },
      }), this.call());
      return "go";
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const current = await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }), this.call());
      return current.Item?.status === "delivered" ? "skip" : "busy";
    }
  }

  async settleDelivery(eventId: string, policy: string, destination: string, outcome: { delivered: true } | { delivered: false; reason: string }, now: Date): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk: `evt#${eventId}#${policy}`, sk: `dest#${destination}` },
      UpdateExpression: "SET #status = :status, settledAt = :at, reason = :reason",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":status": outcome.delivered ? "delivered" : "failed", ":at": now.toISOString(), ":reason": outcome.delivered ? null : outcome.reason },
    }), this.call());
  }

  /** Claims the right to send a window's summary (one container does), unless already sent. */
  async claimSummary(pk: string, sk: string, now: Date, leaseUntil?: Date): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.table,
        Key: { pk, sk },
        UpdateExpression: "SET summaryClaimedUntil = :lease",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(summarySentAt) AND (attribute_not_exists(summaryClaimedUntil) OR summaryClaimedUntil < :now)",
        ExpressionAttributeValues: { ":lease": leaseEpoch(now, leaseUntil), ":now": epoch(now) },
      }), this.call());
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async settleSummary(pk: string, sk: string, sent: boolean, now: Date): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk, sk },
      UpdateExpression: sent ? "SET summarySentAt = :at REMOVE summaryClaimedUntil" : "REMOVE summaryClaimedUntil",
      ExpressionAttributeValues: sent ? { ":at": now.toISOString() } : undefined,
    }), this.call());
  }

  destroy(): void {
    this.doc.destroy();
  }
}
