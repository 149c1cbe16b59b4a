import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAlert } from "../../src/alert/build.js";
import { emailBody, emailSubject, messageAttributes } from "../../src/alert/render/email.js";
import { slackMessage } from "../../src/alert/render/slack.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { expectNoPollution, expectSafeSlackText, slackTexts, SNS_MESSAGE_MAX_BYTES } from "./support/checks.js";
import { fixturePolicies } from "./support/harness.js";
import { validRecordText } from "./support/manifest.js";

/**
 * The SNS and Slack renderers over arbitrary records (fc.anything() / fc.object() merged into
 * a valid record), for every fixture policy: never throw, never let a mention or link through,
 * keep the subject SNS-safe and the message within 256 KB.
 *
 * Every field takes any value: strings with markup, lone surrogates and control characters,
 * numbers, objects with their own `toString`, deep values.
 */
const policies = fixturePolicies();
const base = JSON.parse(validRecordText("fuzz-0001")) as Record<string, unknown>;

const MARKUP = ["<!channel>", "<!here>", "<@U0>", "<#C0|x>", "<https://evil.example|click>", "*bold*", "_it_", "~s~", "`", "```", "&lt;", "&", ">", "<", "|"];
const TRICKS = ["\r\n", "\n", "\u2028", "\u0085", "\u202e", "\u2066", "\u200f", "\u0000", "\u001b[31m", "\ud800", "\udc00", "\ufdfa", "\u0301", "\ud83d\ude00", " ", "\t", "Root", "arn:aws:sts::1:assumed-role/R/s"];
const hostileText = fc.array(fc.oneof(fc.constantFrom(...MARKUP, ...TRICKS), fc.string({ maxLength: 8 })), { maxLength: 10 }).map((p) => p.join(""));
const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), hostileText);
/** Now and then far past every limit (Slack 3,000 per section, SNS 256 KB). */
const bigText = fc.tuple(hostileText, fc.integer({ min: 0, max: 300_000 })).map(([t, n]) => `${t}${"<!here>".repeat(Math.ceil(n / 7))}`);
const sometimesBig = fc.oneof({ arbitrary: text, weight: 9 }, { arbitrary: bigText, weight: 1 });
const value = fc.oneof(fc.anything(), fc.object(), text);

const identity = fc.record(
  {
    type: fc.oneof(fc.constantFrom("Root", "IAMUser", "AssumedRole", "Role", "FederatedUser", "IdentityCenterUser", "AWSService", "AWSAccount", "Directory"), value),
    userName: value,
    accountId: value,
    invokedBy: value,
    sessionContext: fc.oneof(value, fc.record({ sessionIssuer: fc.dictionary(fc.constantFrom("userName", "arn", "accountId"), value), attributes: fc.dictionary(fc.constantFrom("mfaAuthenticated"), value) })),
    arn: value,
    principalId: value,
    onBehalfOf: fc.oneof(value, fc.record({ userId: value })),
  },
  { requiredKeys: [] },
);

const fields = fc.record(
  {
    eventName: text,
    eventSource: text,
    userIdentity: fc.oneof(identity, fc.anything()),
    eventTime: value,
    awsRegion: value,
    sourceIPAddress: value,
    eventID: fc.oneof(text, fc.anything()),
    recipientAccountId: value,
    requestParameters: fc.oneof(value, fc.dictionary(text, fc.oneof(value, sometimesBig))),
    userAgent: value,
    errorCode: value,
    errorMessage: fc.oneof(value, sometimesBig),
    sessionCredentialFromConsole: value,
  },
  { requiredKeys: [] },
);

/** Extra keys first, then the fields we aim at, over a valid record. */
const record = fc.tuple(fc.object(), fields).map(([extra, aimed]) => ({ ...base, ...extra, ...aimed }) as CloudTrailRecord);

function renderAll(r: CloudTrailRecord) {
  return policies.map((policy) => {
    const alert = buildAlert(policy, r);
    return { subject: emailSubject(alert), body: emailBody(alert), attributes: messageAttributes(alert), slack: slackMessage(alert) };
  });
}

describe("renderers over arbitrary records", () => {
  it("never throw", () => {
    fc.assert(fc.property(record, (r) => void renderAll(r)), { numRuns: 100 });
  });

  it("Slack: no unescaped <! <@ <http (nor any < or >) in any text; fences and spans balanced", () => {
    fc.assert(
      fc.property(record, (r) => {
        for (const { slack } of renderAll(r)) {
          for (const t of slackTexts(slack)) expectSafeSlackText(t);
          expect([slack.unfurl_links, slack.unfurl_media]).toEqual([false, false]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("SNS: subject printable ASCII, 1-99 characters, one line; message and attributes within 256 KB", () => {
    fc.assert(
      fc.property(record, (r) => {
        for (const { subject, body, attributes } of renderAll(r)) {
          expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
          const attributeBytes = Object.entries(attributes).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v.DataType) + Buffer.byteLength(v.StringValue), 0);
          expect(Buffer.byteLength(body) + attributeBytes).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
        }
        expectNoPollution();
      }),
      { numRuns: 100 },
    );
  });
});
