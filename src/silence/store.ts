import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ATTEMPT_TIMEOUTS, awsRequestHandler } from "../deadline.js";
import { compilePattern } from "../pattern/index.js";
import type { Silence, StoredSilence } from "./types.js";

/**
 * Silences in the state table (beside src/state/store.ts's items, same keys and TTL):
 *
 *   silence            <id>              the silence, its announcements; TTL a week past its end
 *   silence-seq        -                 counter behind S-1, S-2, ...
 *   silence#<id>       held              alerts held: count, first/last time, sample eventIDs
 *   silence#<id>       policy#<policy>   alerts held per policy
 *   evt#<eventID>#<p>  silenced          marker: this alert was counted once (retries add nothing)
 */
export interface HeldStats {
  readonly count: number;
  readonly first: string | undefined;
  readonly last: string | undefined;
  readonly samples: readonly string[];
  /** Policies by alerts held, most first. */
  readonly policies: readonly { readonly policy: string; readonly count: number }[];
}

export type Announcement = "announced" | "ended";

const TTL_AFTER_END_SECONDS = 7 * 86400;
const MARKER_TTL_SECONDS = 3 * 86400;
const ANNOUNCE_LEASE_SECONDS = 120;
const SAMPLES = 5;
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

function conditionFailed(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === "ConditionalCheckFailedException";
}

function fromItem(i: Record<string, unknown>): StoredSilence | undefined {
  try {
    return {
      id: String(i.sk), match: compilePattern(JSON.parse(String(i.match))), start: String(i.start), end: String(i.end),
      reason: String(i.reason ?? ""), creator: String(i.creator ?? "unknown"), holdCritical: i.holdCritical === true,
      origin: i.origin === "code" ? "code" : "table", createdAt: i.createdAt as string | undefined,
      announcedAt: i.announcedAt as string | undefined, endedAt: i.endedAt as string | undefined,
    };
  } catch {
    return undefined;
  }
}

export class SilenceStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(readonly table: string, config: DynamoDBClientConfig = {}) {
    // The state store's per-attempt deadline: a table that never answers costs seconds, then fails open.
    const requestHandler = awsRequestHandler(ATTEMPT_TIMEOUTS.storeAttemptMs);
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient({ requestHandler, maxAttempts: 2, ...config }), { marshallOptions: { removeUndefinedValues: true } });
  }

  /** The next `S-<n>` id (atomic counter: concurrent `silence add`s get different ids). */
  async nextId(): Promise<string> {
    const reply = await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: "silence-seq", sk: "-" }, UpdateExpression: "ADD n :one",
      ExpressionAttributeValues: { ":one": 1 }, ReturnValues: "UPDATED_NEW",
    }));
    return `S-${Number(reply.Attributes?.n ?? 1)}`;
  }

  /** Writes a silence; `onlyIfNew` keeps an existing one (code silences are mirrored once). Returns whether it wrote. */
  async put(silence: Silence, now: Date, onlyIfNew = true): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: {
          pk: "silence", sk: silence.id, match: JSON.stringify(silence.match.source), start: silence.start, end: silence.end,
          reason: silence.reason, creator: silence.creator, holdCritical: silence.holdCritical, origin: silence.origin,
          createdAt: now.toISOString(), expiresAt: epoch(new Date(silence.end)) + TTL_AFTER_END_SECONDS,
        },
        ...(onlyIfNew ? { ConditionExpression: "attribute_not_exists(pk)" } : {}),
      }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Every silence in the table (a handful: one Query), expired ones included until their TTL. */
  async list(): Promise<StoredSilence[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const reply = await this.doc.send(new QueryCommand({
        TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": "silence" },
        ConsistentRead: true, ExclusiveStartKey: start,
      }));
      items.push(...(reply.Items ?? []));
      start = reply.LastEvaluatedKey;
    } while (start !== undefined);
    return items.map(fromItem).filter((s): s is StoredSilence => s !== undefined);
  }

  /** Ends a silence now. "missing": no such id; "ended": it had already ended. */
  async expire(id: string, now: Date): Promise<"expired" | "missing" | "ended"> {
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: { pk: "silence", sk: id },
        UpdateExpression: "SET #end = :now, expiresAt = :ttl", ConditionExpression: "attribute_exists(pk) AND #end > :now",
        ExpressionAttributeNames: { "#end": "end" },
        ExpressionAttributeValues: { ":now": now.toISOString(), ":ttl": epoch(now) + TTL_AFTER_END_SECONDS },
      }));
      return "expired";
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      return (await this.list()).some((s) => s.id === id) ? "ended" : "missing";
    }
  }

  /** Counts one held alert, once per (eventID, policy) however often the event is retried. */
  async recordHeld(silenceId: string, eventId: string, policy: string, eventTime: string, now: Date): Promise<void> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { pk: `evt#${eventId}#${policy}`, sk: "silenced", silence: silenceId, expiresAt: epoch(now) + MARKER_TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk)",
      }));
    } catch (error) {
      if (conditionFailed(error)) return;
      throw error;
    }
    const ttl = epoch(now) + TTL_AFTER_END_SECONDS + MARKER_TTL_SECONDS;
    const reply = await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: `silence#${silenceId}`, sk: "held" },
      UpdateExpression: "ADD #count :one SET #first = if_not_exists(#first, :t), #last = :t, expiresAt = :ttl",
      ExpressionAttributeNames: { "#count": "count", "#first": "first", "#last": "last" },
      ExpressionAttributeValues: { ":one": 1, ":t": eventTime, ":ttl": ttl }, ReturnValues: "UPDATED_NEW",
    }));
    if (Number(reply.Attributes?.count ?? 1) <= SAMPLES) {
      await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: { pk: `silence#${silenceId}`, sk: "held" },
        UpdateExpression: "SET samples = list_append(if_not_exists(samples, :empty), :id)", ExpressionAttributeValues: { ":empty": [], ":id": [eventId] },
      }));
    }
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: `silence#${silenceId}`, sk: `policy#${policy}` },
      UpdateExpression: "ADD #count :one SET expiresAt = :ttl", ExpressionAttributeNames: { "#count": "count" }, ExpressionAttributeValues: { ":one": 1, ":ttl": ttl },
    }));
  }

  async held(silenceId: string): Promise<HeldStats> {
    const reply = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `silence#${silenceId}` }, ConsistentRead: true,
    }));
    const items = reply.Items ?? [];
    const total = items.find((i) => i.sk === "held");
    const policies = items.filter((i) => String(i.sk).startsWith("policy#"))
      .map((i) => ({ policy: String(i.sk).slice("policy#".length), count: Number(i.count) }))
      .sort((a, b) => b.count - a.count || (a.policy < b.policy ? -1 : 1));
    return { count: Number(total?.count ?? 0), first: total?.first as string | undefined, last: total?.last as string | undefined, samples: (total?.samples as string[] | undefined) ?? [], policies };
  }

  /** Claims the right to make one announcement (one container does); false if made or being made. */
  async claim(id: string, what: Announcement, now: Date): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: { pk: "silence", sk: id },
        UpdateExpression: "SET #lease = :lease",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(#done) AND (attribute_not_exists(#lease) OR #lease < :now)",
        ExpressionAttributeNames: { "#lease": `${what}Lease`, "#done": `${what}At` },
        ExpressionAttributeValues: { ":lease": epoch(now) + ANNOUNCE_LEASE_SECONDS, ":now": epoch(now) },
      }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** Marks an announcement made, or releases the claim so the next invocation retries it. */
  async settle(id: string, what: Announcement, made: boolean, now: Date): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: "silence", sk: id },
      UpdateExpression: made ? "SET #done = :at REMOVE #lease" : "REMOVE #lease",
      ExpressionAttributeNames: made ? { "#lease": `${what}Lease`, "#done": `${what}At` } : { "#lease": `${what}Lease` },
      ExpressionAttributeValues: made ? { ":at": now.toISOString() } : undefined,
    }));
  }

  destroy(): void {
    this.doc.destroy();
  }
}
