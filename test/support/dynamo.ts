import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";

export interface LocalDynamo {
  /** Put this in `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly url: string;
  readonly table: string;
  close(): Promise<void>;
}

let tables = 0;

/**
 * A real DynamoDB emulator (dynalite, in memory) on a loopback port (free unless `port` is given),
 * with the state table created (named `table`, or a fresh name).
 */
export async function startDynamo(options: { readonly port?: number; readonly table?: string } = {}): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const table = options.table ?? `trailwatch-state-${++tables}`;
  const client = new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
  await client.send(new CreateTableCommand({
    TableName: table,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  }));
  client.destroy();
  return { url, table, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
