import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";
import { loadSilencesText } from "../../src/silence/declared.js";
import { SilenceStore } from "../../src/silence/store.js";
import type { Silence } from "../../src/silence/types.js";
import { burstPolicy, criticalPolicy, event, type HandlerStandIns, handlerWith, startHandlerStandIns, sweepEvent } from "../support/alert-handler.js";
import type { LocalDynamo } from "../support/dynamo.js";
import { lambdaContext } from "../support/lambda-context.js";
import type { SlackServer } from "../support/slack-server.js";
import type { SnsServer } from "../support/sns-server.js";

let sns: SnsServer;
let slack: SlackServer;
let dynamo: LocalDynamo;
let standIns: HandlerStandIns;
let clock: Date;
let store: SilenceStore;

const wiring = () => ({ slackApiUrl: slack.apiUrl, table: dynamo.table, now: () => clock });
const mail = () => sns.published.map((m) => `${m.subject ?? ""}\n${m.message}`);
const chat = () => slack.posts.map((p) => p.text ?? "");

beforeAll(async () => {
  standIns = await startHandlerStandIns();
  ({ sns, slack, dynamo } = standIns);
  store = new SilenceStore(dynamo.table);
});

afterAll(async () => {
  store.destroy();
  await Promise.all([sns.close(), slack.close(), dynamo.close()]);
});

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
});

async function addSilence(match: Record<string, unknown>, start: string, end: string, holdCritical = false): Promise<Silence> {
  const silence: Silence = { id: await store.nextId(), match: compilePattern(match), start, end, reason: "response-plan rework", creator: "alice", holdCritical, origin: "table" };
  await store.put(silence, clock);
  return silence;
}

describe("a silence in the handler", () => {
  it("is announced everywhere once, holds and counts matching alerts once each, spares critical ones, and summarises its end", async () => {
    clock = new Date("2026-11-20T10:02:00Z");
    const s = await addSilence({ service: ["ssm-contacts"] }, "2026-11-20T10:02:00Z", "2026-11-20T15:58:00Z");
    const handler = handlerWith(wiring(), [burstPolicy(), criticalPolicy]);

    const first = await handler(event(1), lambdaContext());
    expect(first).toMatchObject({ alerts: 2, silenced: 1, delivered: 2 });
    expect(mail().filter((m) => m.includes(`[SILENCE] ${s.id}`))).toHaveLength(1);
    expect(chat().filter((t) => t.includes(`[SILENCE] ${s.id}`))).toHaveLength(1);
    // The critical alert went out; the high one was held.
    expect(mail().filter((m) => m.includes("critical view"))).toHaveLength(1);
    expect(mail().filter((m) => m.includes("Channel deleted") && !m.includes("critical view"))).toHaveLength(0);

    for (let i = 2; i <= 14; i++) await handler(event(i), lambdaContext());
    await handler(event(3), lambdaContext()); // a retried event is not counted twice
    expect((await store.held(s.id)).count).toBe(14);
    expect(mail().filter((m) => m.includes("[SILENCE]"))).toHaveLength(1);

    sns.published.length = 0;
    slack.posts.length = 0;
    clock = new Date("2026-11-20T15:58:00Z");
    await handler(sweepEvent, lambdaContext());
    await handler(sweepEvent, lambdaContext());
    const summary = `14 alert(s) held by silence ${s.id} 'response-plan rework' by alice, 10:02–15:58 UTC`;
    expect(mail().filter((m) => m.includes(summary))).toHaveLength(1);
    expect(chat().filter((t) => t.includes(`[SILENCE] ${s.id} ended: 14 alert(s) held`))).toHaveLength(1);
    expect(mail()[0]).toContain("ssm-contacts.burst (14)");
    expect(mail()[0]).toContain("Sample eventIDs: evt-0001, evt-0002, evt-0003, evt-0004, evt-0005");

    // Ended: the next alert is delivered.
    const after = await handler(event(15), lambdaContext());
    expect(after).toMatchObject({ silenced: 0 });
  }, 60_000);

  it("announces a silence written straight into the table", async () => {
    clock = new Date("2026-11-21T09:00:00Z");
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
    await doc.send(new PutCommand({ TableName: dynamo.table, Item: { pk: "silence", sk: "sneaky", match: JSON.stringify({ severity: ["high"] }), start: "2026-11-21T08:00:00Z", end: "2026-11-21T12:00:00Z", reason: "nobody will notice", creator: "mallory" } }));
    doc.destroy();
    const handler = handlerWith(wiring(), [burstPolicy()]);
    await handler(event(101), lambdaContext());
    expect(mail().filter((m) => m.includes("[SILENCE] sneaky by mallory") && m.includes("nobody will notice"))).toHaveLength(1);
    expect(chat().filter((t) => t.includes("[SILENCE] sneaky by mallory"))).toHaveLength(1);
    expect(await store.expire("sneaky", clock)).toBe("expired");
    await handler(sweepEvent, lambdaContext());
    expect(mail().filter((m) => m.includes("[SILENCE] sneaky ended: 1 alert(s) held"))).toHaveLength(1);
  }, 30_000);

  it("holds critical alerts only when the silence says holdCritical", async () => {
    clock = new Date("2026-11-22T09:00:00Z");
    await addSilence({ policy: ["ssm-contacts.critical"] }, "2026-11-22T08:00:00Z", "2026-11-22T10:00:00Z", true);
    const handler = handlerWith(wiring(), [criticalPolicy]);
    expect(await handler(event(201), lambdaContext())).toMatchObject({ silenced: 1, delivered: 0 });
    expect(mail().filter((m) => m.includes("It ALSO holds critical"))).toHaveLength(1);
  }, 30_000);

  it("announces and applies a silence declared in silences.yml", async () => {
    clock = new Date("2026-11-23T09:00:00Z");
    const yaml = "silences:\n  - id: maintenance\n    match: { policy: [ssm-contacts.burst] }\n    start: 2026-11-23T08:00:00Z\n    end: 2026-11-23T10:00:00Z\n    reason: planned maintenance\n    by: bob\n";
    const { silences } = loadSilencesText(yaml, "rules/local/silences.yml", clock);
    const handler = handlerWith(wiring(), [burstPolicy()], silences);
    expect(await handler(event(301), lambdaContext())).toMatchObject({ silenced: 1 });
    await handler(event(302), lambdaContext());
    expect(mail().filter((m) => m.includes("[SILENCE] maintenance by bob") && m.includes("declared in rules/local/silences.yml"))).toHaveLength(1);
    // Removed from the file: it ends now, and the end is announced.
    const without = handlerWith(wiring(), [burstPolicy()], []);
    expect(await without(event(303), lambdaContext())).toMatchObject({ silenced: 0 });
    expect(mail().filter((m) => m.includes("[SILENCE] maintenance ended: 2 alert(s) held"))).toHaveLength(1);
  }, 30_000);

  it("holds nothing until its announcement reached every destination", async () => {
    clock = new Date("2026-11-24T09:00:00Z");
    const s = await addSilence({ policy: ["ssm-contacts.burst"] }, "2026-11-24T08:00:00Z", "2026-11-24T10:00:00Z");
    const handler = handlerWith(wiring(), [burstPolicy()]);
    sns.down();
    await expect(handler(event(401), lambdaContext())).rejects.toThrow(/delivery failure/);
    sns.heal();
    // The retry announces it first (SNS had missed the notice), then holds the alert.
    expect(await handler(event(401), lambdaContext())).toMatchObject({ silenced: 1 });
    expect(mail().filter((m) => m.includes(`[SILENCE] ${s.id}`))).toHaveLength(1);
    expect(chat().filter((t) => t.includes(`[SILENCE] ${s.id}`))).toHaveLength(1);
  }, 30_000);
});
