import { describe, expect, it } from "vitest";
import { actorLabel, actorOf, type Actor } from "../../src/record/actor.js";
import { loadIdentity } from "../alert/identities.js";

const ACCT = "111122223333";

const cases: ReadonlyArray<{ fixture: string } & Actor> = [
  { fixture: "root-console", kind: "root", name: "root", arn: `arn:aws:iam::${ACCT}:root`, account: ACCT, mfa: "true", console: true },
  { fixture: "root-access-key", kind: "root", name: "root", arn: `arn:aws:iam::${ACCT}:root`, account: ACCT, mfa: "unknown", console: false },
  { fixture: "iam-user-cli", kind: "user", name: "alice", arn: `arn:aws:iam::${ACCT}:user/alice`, account: ACCT, mfa: "unknown", console: false },
  { fixture: "iam-user-console-no-mfa", kind: "user", name: "bob", arn: `arn:aws:iam::${ACCT}:user/bob`, account: ACCT, mfa: "false", console: true },
  { fixture: "assumed-role", kind: "role", name: "OnCallAdmin/alice", arn: `arn:aws:sts::${ACCT}:assumed-role/OnCallAdmin/alice`, account: ACCT, mfa: "false", console: false },
  {
    fixture: "assumed-role-cross-account", kind: "role", name: "Deployer/deploy-1723000000",
    arn: "arn:aws:sts::444455556666:assumed-role/Deployer/deploy-1723000000", account: "444455556666", mfa: "false", console: false,
  },
  {
    fixture: "sso-assumed-role", kind: "sso", name: "carol@example.com",
    arn: `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/carol@example.com`, account: ACCT, mfa: "false", console: true,
  },
  { fixture: "identity-center-user", kind: "sso", name: "544894e8-80c1-707f-60e3-3ba6510dfac1", arn: "arn:aws:identitystore:::user/544894e8-80c1-707f-60e3-3ba6510dfac1", account: ACCT, mfa: "unknown", console: false },
  {
    fixture: "assumed-role-on-behalf-of", kind: "sso", name: "b8e1a3c0-1234-4d5e-9f00-abcdefabcdef",
    arn: `arn:aws:sts::${ACCT}:assumed-role/QAppRole/tip-session`, account: ACCT, mfa: "false", console: false,
  },
  { fixture: "federated-user", kind: "federated", name: "dave", arn: `arn:aws:sts::${ACCT}:federated-user/dave`, account: ACCT, mfa: "true", console: false },
  { fixture: "aws-service", kind: "service", name: "ssm-incidents.amazonaws.com", arn: "ssm-incidents.amazonaws.com", account: ACCT, mfa: "unknown", console: false },
  { fixture: "aws-account", kind: "account", name: "444455556666", arn: "arn:aws:iam::444455556666:root", account: "444455556666", mfa: "unknown", console: false },
  { fixture: "role", kind: "role", name: "IncidentAutomation", arn: `arn:aws:iam::${ACCT}:role/service-role/IncidentAutomation`, account: ACCT, mfa: "unknown", console: false },
  { fixture: "directory", kind: "user", name: "erin", arn: `arn:aws:ds:us-east-2:${ACCT}:user/d-1234567890/erin`, account: ACCT, mfa: "unknown", console: false },
  { fixture: "unknown", kind: "unknown", name: "mallory", arn: undefined, account: ACCT, mfa: "unknown", console: true },
  { fixture: "missing-identity", kind: "unknown", name: "unknown", arn: undefined, account: undefined, mfa: "unknown", console: false },
];

describe("actorOf", () => {
  it.each(cases)("$fixture -> $kind $name", ({ fixture, ...expected }) => {
    expect(actorOf(loadIdentity(fixture))).toEqual(expected);
  });

  it.each([
    ["console user agent", { userAgent: "console.amazonaws.com" }, true],
    ["sign-in user agent", { userAgent: "signin.amazonaws.com" }, true],
    ["console session flag", { sessionCredentialFromConsole: "true" }, true],
    ["flag other than \"true\"", { sessionCredentialFromConsole: "false" }, false],
    ["SDK user agent", { userAgent: "aws-sdk-js/3.0.0" }, false],
  ])("console: %s", (_label, extra, expected) => {
    expect(actorOf({ ...loadIdentity("iam-user-cli"), ...extra }).console).toBe(expected);
  });

  it.each([
    ["a boolean mfaAuthenticated", true],
    ["an unexpected string", "yes"],
  ])("mfa is unknown for %s", (_label, value) => {
    const record = loadIdentity("assumed-role");
    const identity = { ...record.userIdentity, sessionContext: { attributes: { mfaAuthenticated: value as string } } };
    expect(actorOf({ ...record, userIdentity: identity }).mfa).toBe("unknown");
  });

  it("falls back to principalId when the assumed-role ARN is missing", () => {
    const record = loadIdentity("assumed-role");
    expect(actorOf({ ...record, userIdentity: { ...record.userIdentity, arn: undefined } })).toMatchObject({ kind: "role", name: "OnCallAdmin/alice", arn: "arn:aws:iam::111122223333:role/OnCallAdmin" });
  });
});

describe("every actor field has a value for every identity type CloudTrail writes", () => {
  const types = cases.filter((c) => !["unknown", "missing-identity"].includes(c.fixture));
  it.each(types)("$fixture", ({ fixture }) => {
    const actor = actorOf(loadIdentity(fixture));
    for (const [key, value] of Object.entries(actor)) expect(value, key).not.toBeUndefined();
  });

  it("names the partition from the Region", () => {
    const record = { ...loadIdentity("aws-account"), awsRegion: "cn-north-1" };
    expect(actorOf(record).arn).toBe("arn:aws-cn:iam::444455556666:root");
  });
});

describe("actorLabel", () => {
  it.each([
    ["root-console", "root"],
    ["assumed-role", "role OnCallAdmin/alice"],
    ["aws-service", "service ssm-incidents.amazonaws.com"],
  ])("%s -> %s", (fixture, label) => {
    expect(actorLabel(actorOf(loadIdentity(fixture)))).toBe(label);
  });
});
