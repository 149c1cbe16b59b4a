import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/outputs/errors.js";
import { createDestination } from "../../src/outputs/registry.js";
import { hostileAlert, sampleAlert } from "../alert/sample-alert.js";

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

describe("console destination", () => {
  it("prints a readable block between rules", async () => {
    const out = capture();
    await createDestination({ name: "local", type: "console", config: {} }, { stream: out.stream }).deliver(sampleAlert());
    const text = out.text();
    expect(text).toMatch(/^={60}\n\[CRITICAL\] Contact channel deleted\n\nWHAT HAPPENED\n/);
    expect(text).toContain("Actor: root\n");
    expect(text).toMatch(/eventID: 2f6b1c9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b\n={60}\n$/);
  });

  it("cannot be used to send terminal escapes or bidi overrides", async () => {
    const out = capture();
    const alert = hostileAlert();
    const record = { ...alert.record, userAgent: "\u001b[2J\u001b]0;pwned\u0007" };
    await createDestination({ name: "local", type: "console", config: {} }, { stream: out.stream }).deliver({ ...alert, summary: record.userAgent, record });
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(out.text()).not.toMatch(/[\u001b\u0007\r\u202A-\u202E]/);
  });

  it("reports a closed stream as a DeliveryError", async () => {
    const broken = new Writable({ write: (_chunk, _enc, done) => done(new Error("EPIPE: broken pipe")) });
    broken.on("error", () => {});
    const error = await createDestination({ name: "local", type: "console", config: {} }, { stream: broken })
      .deliver(sampleAlert())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as Error).message).toMatch(/console destination "local" could not deliver .*EPIPE/);
  });
});
