import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { StateStore } from "../../src/state/store.js";
import { INTERNAL_ERROR, startDynamoFaultProxy, type DynamoFaultProxy } from "../support/dynamo-faults.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";
import type { Reply } from "../support/http-server.js";

// The state store when DynamoDB's answers are not the usual ones: dynalite behind the fault
// proxy, which fails, holds or rewrites one operation while the others pass through.
const T0 = new Date("2026-11-21T09:00:00Z");

/** A well-formed 200 answer with nothing in it: what GetItem says for an item that is gone. */
const EMPTY: Reply = { status: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}" };

let dynamo: LocalDynamo;
let proxy: DynamoFaultProxy;
let store: StateStore;
let ids = 0;
const fresh = (name: string) => `${name}-${++ids}`;

beforeAll(async () => {
  dynamo = await startDynamo();
  proxy = await startDynamoFaultProxy(dynamo.url);
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_DYNAMODB: proxy.url });
  // Retries without a backoff wait: the faults below are about answers, not about time.
  store = new StateStore(dynamo.table, { retryStrategy: new ConfiguredRetryStrategy(2, 0) });
});

afterAll(async () => {
  store.destroy();
  await proxy.close();
  await dynamo.close();
});

beforeEach(() => {
  proxy.heal();
  proxy.passed.length = 0;
  proxy.faulted.length = 0;
});

describe("a claim whose item is gone by the time it is read (its TTL expired in between)", () => {
  it("is busy for a decision, never an undefined decision", async () => {
    const id = fresh("gone");
    expect(await store.claimDecision(id, "p", T0)).toBe("claimed");
    proxy.add({ operation: "GetItem", fault: EMPTY });
    expect(await store.claimDecision(id, "p", T0)).toBe("busy");
    expect(proxy.faulted).toEqual(["GetItem"]);
  });

  it("is busy for a delivery, never a crash", async () => {
    const id = fresh("gone");
    expect(await store.claimDelivery(id, "p", "mail", T0)).toBe("go");
    proxy.add({ operation: "GetItem", fault: EMPTY });
    expect(await store.claimDelivery(id, "p", "mail", T0)).toBe("busy");
    expect(proxy.faulted).toEqual(["GetItem"]);
  });
});

describe("a DynamoDB error on the delivery claim's write (a 500, not a failed condition)", () => {
  it("fails the claim even though the item can be read: never read as busy or delivered", async () => {
    const id = fresh("error");
    proxy.add({ operation: "PutItem", fault: INTERNAL_ERROR });
    await expect(store.claimDelivery(id, "p", "mail", T0)).rejects.toMatchObject({ name: "InternalServerError" });
    expect(proxy.passed.filter((op) => op !== "PutItem")).toEqual([]);
  });
});

describe("a window count answered without attributes", () => {
  it("counts as the first alert of the window", async () => {
    proxy.add({ operation: "UpdateItem", fault: EMPTY });
    const pk = fresh("throttle#p");
    const window = { pk, sk: T0.toISOString(), policy: "p", group: "*", windowStart: T0.toISOString(), windowEnd: new Date(T0.getTime() + 60_000).toISOString(), limit: 2 };
    expect(await store.countInWindow(window, T0)).toBe(1);
  });
});

describe("an owed-summaries answer without items", () => {
  it("owes nothing", async () => {
    proxy.add({ operation: "Query", fault: EMPTY });
    expect(await store.dueSummaries(T0)).toEqual([]);
  });
});

describe("a table that accepts a call and never answers", () => {
  it("is abandoned at the call's deadline, before the SDK's own per-attempt timeout starts a second attempt", async () => {
    // The call deadline (50 ms) is far inside one attempt's timeout (1 s): what ends the call
    // is the abort signal, so exactly one request was sent and the error is an abort.
    const quick = new StateStore(dynamo.table, { retryStrategy: new ConfiguredRetryStrategy(2, 0) }, { callTimeoutMs: 50 });
    proxy.add({ operation: "PutItem", fault: "hold" });
    await expect(quick.claimDecision(fresh("held"), "p", T0)).rejects.toMatchObject({ name: "AbortError" });
    expect(proxy.faulted).toEqual(["PutItem"]);
    quick.destroy();
  });
});
