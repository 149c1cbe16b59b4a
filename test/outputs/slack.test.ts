import { LogLevel } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DeliveryError, OutputConfigError } from "../../src/outputs/errors.js";
import type { OutputDeps } from "../../src/outputs/output.js";
import { createDestination } from "../../src/outputs/registry.js";
import { HOSTILE, hostileAlert, sampleAlert } from "../alert/sample-alert.js";
import { startSlackServer, type SlackBlockJson, type SlackServer } from "../support/slack-server.js";

const TOKEN = "xoxb-1111-2222-test";
let server: SlackServer;

beforeAll(async () => {
  server = await startSlackServer({ channels: ["C0SECOPS"], tokens: [TOKEN] });
});
afterAll(() => server.close());
beforeEach(() => {
  server.heal();
  server.posts.length = 0;
  server.http.requests.length = 0;
});

const deps = (token = TOKEN): OutputDeps => ({
  env: { SLACK_API_URL: server.apiUrl },
  slack: { token, retryConfig: { retries: 3, minTimeout: 0, maxTimeout: 1 }, logLevel: LogLevel.ERROR },
});
const destination = (channel = "C0SECOPS", token = TOKEN) =>
  createDestination({ name: "secops-slack", type: "slack", config: { channel } }, deps(token));

/** Every mrkdwn string Slack will parse: fallback text, section text, fields, context. */
function mrkdwnTexts(text: string | undefined, blocks: readonly SlackBlockJson[]): string[] {
  const out = [text ?? ""];
  for (const b of blocks) {
    if (b.text?.type === "mrkdwn") out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) if (e["type"] === "mrkdwn") out.push(String(e["text"]));
  }
  return out;
}

describe("slack destination", () => {
  it("posts Block Kit to the channel with the bot token, without unfurling", async () => {
    await destination().deliver(sampleAlert());
    expect(server.posts).toHaveLength(1);
    const [post] = server.posts;
    expect(post?.token).toBe(TOKEN);
    expect(post?.channel).toBe("C0SECOPS");
    expect(post?.raw).toMatchObject({ unfurl_links: "false", unfurl_media: "false" });
    expect(post?.blocks?.map((b) => b.type)).toEqual(["header", "section", "section", "section", "section", "section", "actions", "context"]);
    expect(post?.blocks?.[0]?.text?.text).toBe(":rotating_light: CRITICAL: Contact channel deleted");
    expect(post?.text).toMatch(/^\[CRITICAL\] Contact channel deleted: DeleteContactChannel of /);
    expect(post?.blocks?.[6]?.elements?.[0]).toMatchObject({
      type: "button",
      url: "https://us-east-2.console.aws.amazon.com/cloudtrail/home?region=us-east-2#/events/2f6b1c9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b",
    });
  });

  it("escapes every hostile string so it cannot mention, link or format", async () => {
    await destination().deliver(hostileAlert());
    const [post] = server.posts;
    const texts = mrkdwnTexts(post?.text, post?.blocks ?? []).join("\n");
    for (const raw of [HOSTILE.channel, HOSTILE.here, HOSTILE.user, HOSTILE.link]) expect(texts).not.toContain(raw);
    expect(texts).toContain("&lt;!channel&gt;");
    expect(texts).toContain("&lt;https://evil.example|click&gt;");
    const summary = post?.blocks?.[1]?.text?.text ?? "";
    expect(summary).toContain("`*bold*`");
    expect(summary.replace(/`[^`\s]+`/g, "")).not.toMatch(/[*`]/);
    const header = post?.blocks?.[0]?.text?.text ?? "";
    for (const text of [header, texts]) expect(text).not.toMatch(/[\r\u202A-\u202E\u2066-\u2069]/);
    const params = post?.blocks?.find((b) => b.text?.text.startsWith("*Request parameters*"))?.text?.text ?? "";
    expect(params.match(/```/g)).toHaveLength(2);
  });
});

describe("slack destination faults", () => {
  it("waits out 429 + Retry-After: 0 twice, then delivers once", async () => {
    server.rateLimit(2, 0);
    await destination().deliver(sampleAlert());
    expect(server.http.requests).toHaveLength(3);
    expect(server.posts).toHaveLength(1);
  });

  it("gives up with a ratelimited DeliveryError when 429s outlast the retries", async () => {
    server.rateLimit(10, 0);
    const error = await destination().deliver(sampleAlert()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).reason).toMatch(/^ratelimited/);
    expect((error as DeliveryError).hint).toMatch(/rate limiting after retries/);
    expect(server.http.requests).toHaveLength(4);
    expect(server.posts).toHaveLength(0);
  });

  it("reports Slack answering HTTP 500 after the retries as a DeliveryError", async () => {
    server.http.faults.failAlways({ status: 500, body: "upstream error" });
    const error = await destination().deliver(sampleAlert()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DeliveryError", destinationType: "slack", reason: "HTTP 500 Internal Server Error" });
    expect(server.http.requests).toHaveLength(4);
  });

  it("turns channel_not_found into a DeliveryError that says to invite the bot", async () => {
    const alert = sampleAlert();
    const error = await destination("C0UNKNOWN").deliver(alert).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({
      name: "DeliveryError",
      destination: "secops-slack",
      destinationType: "slack",
      policy: "ssm-contacts.contact-channel-deleted",
      eventId: alert.eventId,
      reason: "channel_not_found",
    });
    const message = (error as Error).message;
    expect(message).toContain('slack destination "secops-slack"');
    expect(message).toContain(`policy ssm-contacts.contact-channel-deleted (eventID ${alert.eventId})`);
    expect(message).toContain("invite the bot to the channel");
    expect(server.http.requests).toHaveLength(1);
  });

  it.each([
    ["invalid_auth", "xoxb-wrong", /token is not valid/],
    ["not_in_channel", TOKEN, /\/invite/],
  ])("maps %s to advice", async (code, token, hint) => {
    if (code === "not_in_channel") server.failWith(code);
    const error = await destination("C0SECOPS", token).deliver(sampleAlert()).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: code });
    expect((error as DeliveryError).hint).toMatch(hint);
  });

  it("refuses to build without a bot token", () => {
    expect(() => destination("C0SECOPS", "")).toThrow(OutputConfigError);
  });
});

describe("fake Slack server", () => {
  it("also accepts a JSON body with blocks as an array", async () => {
    const response = await fetch(`${server.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ channel: "C0SECOPS", text: "hi", blocks: [{ type: "section", text: { type: "mrkdwn", text: "hi" } }] }),
    });
    const body = (await response.json()) as { ok: boolean; channel: string; ts: string };
    expect(body).toMatchObject({ ok: true, channel: "C0SECOPS" });
    expect(body.ts).toMatch(/^\d+\.\d{6}$/);
    expect(server.posts[0]).toMatchObject({ token: TOKEN, text: "hi", blocks: [{ type: "section" }] });
  });

  it("rejects blocks over Slack's limits like Slack does", async () => {
    const response = await fetch(`${server.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ channel: "C0SECOPS", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] }),
    });
    expect(await response.json()).toEqual({ ok: false, error: "invalid_blocks" });
  });
});
