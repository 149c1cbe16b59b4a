import { ConditionalCheckFailedException, DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

/**
 * What the interact function writes to the state table:
 *
 *   slack-request#<signature>   -              a verified request seen once (a replay is refused); TTL 10 min
 *   ack#<eventID>#<policy>      <user id>      who acknowledged an alert, when
 */
const REQUEST_TTL_SECONDS = 600;
const ACK_TTL_SECONDS = 30 * 86400;
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

export class InteractStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(readonly table: string, config: DynamoDBClientConfig = {}) {
    this.doc = DynamoDBDocumentClient.from(new DynamoDBClient(config), { marshallOptions: { removeUndefinedValues: true } });
  }

  /**
   * True the first time a signed request is seen. The signature covers the timestamp and the
   * body, and Slack only signs within 5 minutes: remembering it for 10 refuses every replay.
   */
  async firstSight(signature: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { pk: `slack-request#${signature}`, sk: "-", expiresAt: epoch(now) + REQUEST_TTL_SECONDS },
        ConditionExpression: "attribute_not_exists(pk)",
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async recordAck(eventId: string, policy: string, user: string, now: Date): Promise<void> {
    await this.doc.send(new PutCommand({
      TableName: this.table, Item: { pk: `ack#${eventId}#${policy}`, sk: user, at: now.toISOString(), expiresAt: epoch(now) + ACK_TTL_SECONDS },
    }));
  }

  destroy(): void {
    this.doc.destroy();
  }
}
