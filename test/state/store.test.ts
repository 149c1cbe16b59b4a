import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEASE_SECONDS, LEDGER_TTL_SECONDS, SAMPLE_SIZE, StateStore, type Decision } from "../../src/state/store.js";
import { startDynamo, type LocalDynamo } from "../support/dynamo.js";

// The state store against dynalite, read back with a plain DynamoDB client: what another
// container would see. Times are whole seconds after T0 (leases and TTLs are epoch seconds).
const T0 = new Date("2026-11-21T08:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

let dynamo: LocalDynamo;
let store: StateStore;
let reader: DynamoDBDocumentClient;
let ids = 0;
/** A fresh eventID per test, so tests share one table without seeing each other. */
const fresh = (name: string) => `${name}-${++ids}`;

async function stored(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await reader.send(new GetCommand({ TableName: dynamo.table, Key: { pk, sk }, ConsistentRead: true }))).Item;
}

beforeAll(async () => {
  dynamo = await startDynamo();
  Object.assign(process.env, { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_ENDPOINT_URL_DYNAMODB: dynamo.url });
  store = new StateStore(dynamo.table);
  reader = DynamoDBDocumentClient.from(new DynamoDBClient({}));
});

afterAll(async () => {
  store.destroy();
  reader.destroy();
  await dynamo.close();
});

describe("the decision claim", () => {
  it("is busy while another container's lease is live (to its last second), and taken over after it", async () => {
    const id = fresh("decide");
    expect(await store.claimDecision(id, "p", T0)).toBe("claimed");
    expect(await store.claimDecision(id, "p", at(1))).toBe("busy");
    expect(await store.claimDecision(id, "p", at(LEASE_SECONDS))).toBe("busy");
    expect(await store.claimDecision(id, "p", at(LEASE_SECONDS + 1))).toBe("claimed");
    expect(await store.claimDecision(id, "other-policy", at(1))).toBe("claimed");
  });

  it.each<Decision>(["send", "dedupe", "throttle"])("returns the recorded decision %s to every later claim, lease or not", async (decision) => {
    const id = fresh("decided");
    expect(await store.claimDecision(id, "p", T0)).toBe("claimed");
    await store.recordDecision(id, "p", decision, at(1));
    expect(await store.claimDecision(id, "p", at(2))).toBe(decision);
    expect(await store.claimDecision(id, "p", at(LEASE_SECONDS * 10))).toBe(decision);
  });

  it("stores a live lease and a TTL past EventBridge's retry window; the decision drops the lease", async () => {
    const id = fresh("ttl");
    await store.claimDecision(id, "p", T0);
    expect(await stored(`evt#${id}#p`, "decision")).toEqual({
      pk: `evt#${id}#p`, sk: "decision", decision: "pending", leaseUntil: epoch(T0) + LEASE_SECONDS, expiresAt: epoch(T0) + LEDGER_TTL_SECONDS,
    });
    await store.recordDecision(id, "p", "send", at(5));
    expect(await stored(`evt#${id}#p`, "decision")).toEqual({
      pk: `evt#${id}#p`, sk: "decision", decision: "send", decidedAt: at(5).toISOString(), expiresAt: epoch(T0) + LEDGER_TTL_SECONDS,
    });
    expect(LEDGER_TTL_SECONDS).toBeGreaterThan(24 * 3600);
  });
});

describe("the delivery claim", () => {
  it("is busy inside a live lease, go once it expired, and skip only once delivered", async () => {
    const id = fresh("deliver");
    expect(await store.claimDelivery(id, "p", "mail", T0)).toBe("go");
    expect(await store.claimDelivery(id, "p", "mail", at(1))).toBe("busy");
    expect(await store.claimDelivery(id, "p", "mail", at(LEASE_SECONDS))).toBe("busy");
    expect(await store.claimDelivery(id, "p", "chat", at(1))).toBe("go");
    expect(await store.claimDelivery(id, "p", "mail", at(LEASE_SECONDS + 1))).toBe("go");
    await store.settleDelivery(id, "p", "mail", { delivered: true }, at(LEASE_SECONDS + 2));
    expect(await store.claimDelivery(id, "p", "mail", at(LEASE_SECONDS + 3))).toBe("skip");
    expect(await store.claimDelivery(id, "p", "mail", at(LEDGER_TTL_SECONDS - 1))).toBe("skip");
  });

  it("is go again at once after a failed delivery", async () => {
    const id = fresh("failed");
    expect(await store.claimDelivery(id, "p", "mail", T0)).toBe("go");
    await store.settleDelivery(id, "p", "mail", { delivered: false, reason: "SNS said no" }, at(1));
    expect(await stored(`evt#${id}#p`, "dest#mail")).toMatchObject({ status: "failed", reason: "SNS said no", settledAt: at(1).toISOString() });
    expect(await store.claimDelivery(id, "p", "mail", at(2))).toBe("go");
    expect(await store.claimDelivery(id, "p", "mail", at(3))).toBe("busy");
  });

  it("stores the lease and the TTL it was claimed with", async () => {
    const id = fresh("lease");
    await store.claimDelivery(id, "p", "mail", at(7));
    expect(await stored(`evt#${id}#p`, "dest#mail")).toEqual({
      pk: `evt#${id}#p`, sk: "dest#mail", status: "pending", leaseUntil: epoch(at(7)) + LEASE_SECONDS, expiresAt: epoch(at(7)) + LEDGER_TTL_SECONDS,
    });
    await store.settleDelivery(id, "p", "mail", { delivered: true }, at(8));
    expect(await stored(`evt#${id}#p`, "dest#mail")).toMatchObject({ status: "delivered", settledAt: at(8).toISOString(), reason: null });
  });
});

describe("the dedupe claim", () => {
  it("holds the key for its window (to its last second) against other events, never against a retry", async () => {
    const key = fresh("channel");
    expect(await store.claimDedupe("p", key, "e1", 600, T0)).toBe(true);
    expect(await store.claimDedupe("p", key, "e2", 600, at(10))).toBe(false);
    expect(await store.claimDedupe("p", key, "e2", 600, at(600))).toBe(false);
    expect(await store.claimDedupe("other-policy", key, "e2", 600, at(10))).toBe(true);
    expect(await store.claimDedupe("p", key, "e3", 600, at(601))).toBe(true);
    expect(await store.claimDedupe("p", key, "e1", 600, at(602))).toBe(false);
    expect(await store.claimDedupe("p", key, "e3", 600, at(700))).toBe(true);
  });

  it("stores the holder, the window's end and a TTL an hour past it", async () => {
    const key = fresh("ttl");
    await store.claimDedupe("p", key, "e1", 600, T0);
    expect(await stored(`dedupe#p#${key}`, "-")).toEqual({ pk: `dedupe#p#${key}`, sk: "-", eventId: "e1", until: epoch(T0) + 600, expiresAt: epoch(T0) + 600 + 3600 });
  });
});

describe("a DynamoDB error that is not a failed condition", () => {
  // A missing table answers ResourceNotFoundException: the claim must fail, never read as "taken".
  const broken = () => new StateStore("no-such-table");
  it.each([
    ["dedupe", (s: StateStore) => s.claimDedupe("p", "k", "e1", 60, T0)],
    ["decision", (s: StateStore) => s.claimDecision("e1", "p", T0)],
    ["delivery", (s: StateStore) => s.claimDelivery("e1", "p", "mail", T0)],
    ["summary", (s: StateStore) => s.claimSummary("throttle#p#*", T0.toISOString(), T0)],
  ])("fails the %s claim", async (_name, claim) => {
    const s = broken();
    await expect(claim(s)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    s.destroy();
  });
});

describe("throttle windows", () => {
  const windowOf = (pk: string) => ({ pk, sk: T0.toISOString(), policy: "p", group: "arn:aws:iam::111122223333:root", windowStart: T0.toISOString(), windowEnd: at(60).toISOString(), limit: 2 });

  it("counts atomically and stores the window with a TTL past its end", async () => {
    const window = windowOf(fresh("throttle#p"));
    expect(await store.countInWindow(window, at(60))).toBe(1);
    expect(await store.countInWindow(window, at(60))).toBe(2);
    expect(await store.countInWindow(window, at(60))).toBe(3);
    expect(await stored(window.pk, window.sk)).toEqual({
      pk: window.pk, sk: window.sk, count: 3, policy: "p", group: window.group, windowStart: window.windowStart, windowEnd: window.windowEnd, limit: 2,
      expiresAt: epoch(at(60)) + LEDGER_TTL_SECONDS,
    });
  });

  it("keeps the first and last suppressed time and exactly the first five eventIDs", async () => {
    const window = windowOf(fresh("throttle#p"));
    await store.countInWindow(window, at(60));
    for (let ordinal = 1; ordinal <= SAMPLE_SIZE + 2; ordinal++) await store.noteSuppressed(window.pk, window.sk, `e${ordinal}`, at(ordinal).toISOString(), ordinal);
    expect(SAMPLE_SIZE).toBe(5);
    expect(await store.window(window.pk, window.sk)).toEqual({
      ...window, count: 1, firstSuppressed: at(1).toISOString(), lastSuppressed: at(7).toISOString(), samples: ["e1", "e2", "e3", "e4", "e5"],
    });
    expect(await store.window(window.pk, "1999-01-01T00:00:00.000Z")).toBeUndefined();
  });

  it("reads a window that suppressed nothing as having no samples and no suppressed time", async () => {
    const window = windowOf(fresh("throttle#p"));
    await store.countInWindow(window, at(60));
    expect(await store.window(window.pk, window.sk)).toEqual({ ...window, count: 1, firstSuppressed: undefined, lastSuppressed: undefined, samples: [] });
  });

  it("owes a summary once the window has closed, until it is removed", async () => {
    const window = windowOf(fresh("throttle#due"));
    await store.addPendingSummary(window);
    const mine = async (now: Date) => (await store.dueSummaries(now)).filter((p) => p.windowPk === window.pk);
    // The marker expires with the window's other state: a marker left behind never lingers.
    expect(await stored("summaries", `${window.windowEnd}#${window.pk}#${window.sk}`)).toEqual({
      pk: "summaries", sk: `${window.windowEnd}#${window.pk}#${window.sk}`, windowPk: window.pk, windowSk: window.sk, expiresAt: epoch(at(60)) + LEDGER_TTL_SECONDS,
    });
    expect(await mine(at(59))).toEqual([]);
    const [due] = await mine(at(61));
    expect(due).toEqual({ sk: `${window.windowEnd}#${window.pk}#${window.sk}`, windowPk: window.pk, windowSk: window.sk });
    await store.removePendingSummary(due?.sk ?? "");
    expect(await mine(at(61))).toEqual([]);
  });

  it("lets one container at a time claim the summary, again after a failure or an expired lease, never after it was sent", async () => {
    const window = windowOf(fresh("throttle#claim"));
    expect(await store.claimSummary(window.pk, window.sk, at(61))).toBe(false);
    await store.countInWindow(window, at(60));
    expect(await store.claimSummary(window.pk, window.sk, at(61))).toBe(true);
    expect(await store.claimSummary(window.pk, window.sk, at(62))).toBe(false);
    expect(await store.claimSummary(window.pk, window.sk, at(61 + LEASE_SECONDS))).toBe(false);
    expect(await store.claimSummary(window.pk, window.sk, at(62 + LEASE_SECONDS))).toBe(true);
    await store.settleSummary(window.pk, window.sk, false, at(63 + LEASE_SECONDS));
    expect(await stored(window.pk, window.sk)).not.toHaveProperty("summaryClaimedUntil");
    expect(await store.claimSummary(window.pk, window.sk, at(64 + LEASE_SECONDS))).toBe(true);
    await store.settleSummary(window.pk, window.sk, true, at(65 + LEASE_SECONDS));
    expect(await stored(window.pk, window.sk)).toMatchObject({ summarySentAt: at(65 + LEASE_SECONDS).toISOString() });
    expect(await store.claimSummary(window.pk, window.sk, at(66 + 10 * LEASE_SECONDS))).toBe(false);
  });
});
