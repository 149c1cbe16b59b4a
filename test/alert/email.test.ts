import { describe, expect, it } from "vitest";
import { emailBody, emailSubject, messageAttributes, SNS_MESSAGE_MAX_BYTES } from "../../src/alert/render/email.js";
import { byteLength } from "../../src/text/truncate.js";
import { loadIdentity } from "./identities.js";
import { hostileAlert, sampleAlert } from "./sample-alert.js";

describe("emailSubject", () => {
  it.each([
    ["root-console", {}, "[CRITICAL] Contact channel deleted by root - 111122223333"],
    ["assumed-role", { severity: "high" as const }, "[HIGH] Contact channel deleted by OnCallAdmin/alice - 111122223333"],
    ["aws-service", { severity: "info" as const }, "[INFO] Contact channel deleted by ssm-incidents.amazonaws.com - 111122223333"],
    ["iam-user-cli", { account: undefined }, "[CRITICAL] Contact channel deleted by alice"],
    ["iam-user-cli", { title: "Kontakt gelöscht – Ärger" }, "[CRITICAL] Kontakt geloscht ? Arger by alice (DeleteContactChannel) - 111122223333"],
    ["iam-user-cli", { title: "Line one\r\nBcc: x\u202E" }, "[CRITICAL] Line one Bcc: x? by alice (DeleteContactChannel) - 111122223333"],
    ["root-console", { title: "Contact channel deleted by the root user" }, "[CRITICAL] Contact channel deleted by the root user - 111122223333"],
    ["root-console", { title: "Incident Manager write by root" }, "[CRITICAL] Incident Manager write by root (DeleteContactChannel) - 111122223333"],
    ["assumed-role", { title: "Incident Manager changed from a console session without MFA by a very long title" },
      "[CRITICAL] changed from a console ses... by OnCallAdmin/alice (DeleteContactChannel) - 111122223333"],
  ])("%s %j", (fixture, overrides, expected) => {
    expect(emailSubject(sampleAlert(overrides, loadIdentity(fixture)))).toBe(expected);
  });

  it("cuts the title of a long subject and keeps severity, caller, operation and account", () => {
    const subject = emailSubject(sampleAlert({ title: "T".repeat(300) }));
    expect(subject.length).toBeLessThanOrEqual(99);
    expect(subject).toMatch(/^\[CRITICAL\] T+\.\.\. by root \(DeleteContactChannel\) - 111122223333$/);
  });

  it("is printable ASCII, one line, under 100 characters for a hostile record", () => {
    const subject = emailSubject(hostileAlert());
    expect(subject).toBe("[CRITICAL] Contact deleted line1 Subject: injected by OnCallAdmin/<!channel>?gnp.exe - 111122223333");
    expect(subject).toMatch(/^[\x20-\x7e]{1,99}$/);
  });
});

describe("messageAttributes", () => {
  it("gives severity, policy and short service name as String attributes", () => {
    expect(messageAttributes(sampleAlert({ severity: "medium" }))).toEqual({
      severity: { DataType: "String", StringValue: "medium" },
      policy: { DataType: "String", StringValue: "ssm-contacts.contact-channel-deleted" },
      service: { DataType: "String", StringValue: "ssm-contacts" },
      policies: { DataType: "String.Array", StringValue: '["ssm-contacts.contact-channel-deleted"]' },
    });
  });

  it("lists every policy of a grouped message in policies (lead first); policy stays the lead", () => {
    const also = [sampleAlert({ policy: "incident-manager.root-activity", severity: "high" })];
    const attributes = messageAttributes(sampleAlert({ also }));
    expect(attributes.policy).toEqual({ DataType: "String", StringValue: "ssm-contacts.contact-channel-deleted" });
    expect(attributes.policies).toEqual({ DataType: "String.Array", StringValue: '["ssm-contacts.contact-channel-deleted","incident-manager.root-activity"]' });
  });
});

describe("emailBody", () => {
  it("matches the golden body", async () => {
    await expect(emailBody(sampleAlert({}, loadIdentity("sso-assumed-role")))).toMatchFileSnapshot("golden/email-body.txt");
  });

  it.each([
    ["who", /Actor: role OnCallAdmin\/alice\nARN: arn:aws:sts::111122223333:assumed-role\/OnCallAdmin\/alice\nMFA: no\nConsole: no/],
    ["where", /Account: 111122223333\nRegion: us-east-2\nSource IP: 192\.0\.2\.10\nTime: 2026-08-07T02:27:21Z/],
    ["failed call", /FAILED CALL\nError: AccessDeniedException\nUser: arn:aws:sts::111122223333:assumed-role\/OnCallAdmin\/alice is not authorized/],
    ["runbook", /WHAT TO DO\nA paging route was removed/],
    ["references", /REFERENCES\n- https:\/\/docs\.aws\.amazon\.com\//],
    ["mitre", /MITRE ATT&CK: T1562\.001, T1485/],
    ["console link", /OPEN IN CLOUDTRAIL\nhttps:\/\/us-east-2\.console\.aws\.amazon\.com\/cloudtrail\/home\?region=us-east-2#\/events\/2f6b1c9e/],
    ["parameters", /REQUEST PARAMETERS\n\{\n {2}"contactChannelId": "arn:aws:ssm-contacts:/],
    ["footer", /--\nPolicy: ssm-contacts\.contact-channel-deleted\neventID: 2f6b1c9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b\n$/],
  ])("tells %s", (_part, pattern) => {
    const record = {
      ...loadIdentity("assumed-role"),
      errorCode: "AccessDeniedException",
      errorMessage: "User: arn:aws:sts::111122223333:assumed-role/OnCallAdmin/alice is not authorized to perform: ssm-contacts:DeleteContactChannel",
    };
    expect(emailBody(sampleAlert({}, record))).toMatch(pattern);
  });

  it("has no FAILED CALL section when the call succeeded", () => {
    expect(emailBody(sampleAlert())).not.toContain("FAILED CALL");
  });

  it("cuts request parameters to keep body and attributes within 256 KB", () => {
    const alert = sampleAlert({ record: { ...sampleAlert().record, requestParameters: { note: "é".repeat(200_000) } } });
    const body = emailBody(alert);
    const attributes = Object.entries(messageAttributes(alert)).reduce((n, [k, v]) => n + byteLength(k + v.DataType + v.StringValue), 0);
    expect(byteLength(body) + attributes).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
    expect(body).toMatch(/\n\[truncated \d+ bytes\]\n\n--\nPolicy: /);
  });

  it("still fits when even the summary is oversized", () => {
    const body = emailBody(sampleAlert({ summary: "s".repeat(300_000) }));
    expect(byteLength(body)).toBeLessThanOrEqual(SNS_MESSAGE_MAX_BYTES);
    expect(body).toMatch(/\[truncated \d+ bytes\]$/);
  });

  it("strips bidi overrides and carriage returns from a hostile record", () => {
    expect(emailBody(hostileAlert())).not.toMatch(/[\r\u202A-\u202E\u2066-\u2069]/);
  });
});
