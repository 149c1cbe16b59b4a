import { describe, expect, it } from "vitest";
import { explainPolicy } from "../../src/explain/policy.js";
import { loadPolicyText } from "../../src/policy/load.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";

// `outcome` -> errorCode is defined once (src/policy/outcome.ts) and the loaded policy records
// whether it added the condition; explain reads that instead of guessing from the pattern.
const policy = (extra: string) =>
  loadPolicyText(`title: t\nseverity: low\n${extra}match:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContact]\n`, "x.yml", "ssm-contacts.x").policy;

const failed = { eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContact", errorCode: "AccessDenied" } as CloudTrailRecord;

describe("outcome's errorCode condition, recorded on the loaded policy", () => {
  it("is recorded when outcome added it", () => {
    const p = policy("outcome: failure\n");
    expect(p?.errorCodeFromOutcome).toBe(true);
    expect(p?.matchSource.errorCode).toEqual([{ exists: true }]);
    expect(p && explainPolicy(p, failed).errorCodeFromOutcome).toBe(true);
  });

  it("is not claimed for an errorCode condition the author wrote, even one outcome would have added", () => {
    const text = "title: t\nseverity: low\noutcome: failure\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContact]\n  errorCode: [{ exists: true }]\n";
    const p = loadPolicyText(text, "x.yml", "ssm-contacts.x").policy;
    expect(p?.errorCodeFromOutcome).toBe(false);
    expect(p && explainPolicy(p, failed).errorCodeFromOutcome).toBe(false);
  });

  it("any adds nothing", () => {
    const p = policy("outcome: any\n");
    expect(p?.errorCodeFromOutcome).toBe(false);
    expect(p?.matchSource.errorCode).toBeUndefined();
  });
});
