import { describe, expect, it } from "vitest";
import { lintPolicies } from "../../src/lint/lint.js";
import { lintChecks } from "../../src/lint/registry.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicyText } from "../../src/policy/load.js";
import type { Policy } from "../../src/policy/types.js";

const HEAD = "title: T\nseverity: low\noutcome: any\n";

function load(texts: readonly string[]): { policies: Policy[]; read: (file: string) => string | undefined } {
  const files = new Map<string, string>();
  const policies = texts.map((text, i) => {
    const file = `rules/ssm-contacts/p${i}.yml`;
    files.set(file, text);
    const { policy, diagnostics } = loadPolicyText(text, file, `ssm-contacts.p${i}`, { tests: false });
    if (policy === undefined) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
    return policy;
  });
  return { policies, read: (file) => files.get(file) };
}

/** The warnings one check gives for some policy texts, formatted as `validate` prints them. */
function lint(check: string, ...texts: string[]): string[] {
  const { policies, read } = load(texts);
  const only = lintChecks.get(check);
  if (only === undefined) throw new Error(`no check ${check}`);
  return lintPolicies(policies, { rulesDir: "rules", readText: read }, [only]).map(formatDiagnostic);
}

const contacts = (rest: string) => `${HEAD}match:\n  eventSource: [ssm-contacts.amazonaws.com]\n${rest}`;

describe("lint checks", () => {
  it.each<[string, string, string | undefined]>([
    ["unknown-event-name", contacts("  eventName: [DeleteContactChanel]\n"), 'p0.yml:6:15 error match.eventName[0]: "DeleteContactChanel" is not an ssm-contacts operation (did you mean "DeleteContactChannel"?), no value of this eventName list ever matches, so the policy can never alert'],
    ["unknown-event-name", contacts("  eventName: [DeleteContactChanel, DeleteContact]\n"), 'p0.yml:6:15 warning match.eventName[0]: "DeleteContactChanel" is not an ssm-contacts operation (did you mean "DeleteContactChannel"?), so this value never matches'],
    ["unknown-event-name", `${HEAD}match:\n  eventSource: [ssm-contacts.amazonaws.com]\n  $or:\n    - eventName: [DeleteContactChanel]\n    - eventName: [DeleteContact]\n`, 'p0.yml:7:19 warning match.$or[0].eventName[0]'],
    ["unknown-event-name", `${HEAD}match:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContact]\nunless:\n  - eventName: [DeleteContactChanel]\n`, 'warning unless[0].eventName[0]'],
    ["unknown-event-name", contacts("  eventName: [StartIncident]\n"), 'error match.eventName[0]: "StartIncident" is not an ssm-contacts operation'],
    ["unknown-event-name", `${HEAD}match:\n  eventSource: [ssm-contacts.amazonaws.com, ssm-incidents.amazonaws.com]\n  eventName: [StartIncident, DeleteContact]\n`, undefined],
    ["unknown-event-name", `${HEAD}match:\n  eventSource: [kms.amazonaws.com]\n  eventName: [ScheduleKeyDeletion]\n`, undefined],
    ["unknown-event-name", contacts("  eventName: [{ anything-but: { prefix: Get } }]\n"), undefined],
    ["unknown-event-source", `${HEAD}match:\n  eventSource: [ssm-contact.amazonaws.com]\n`, 'did you mean "ssm-contacts.amazonaws.com"?'],
    ["unknown-event-source", `${HEAD}match:\n  eventSource: [ssm-sap.amazonaws.com, ssm.amazonaws.com]\n`, undefined],
    ["unknown-request-parameter", contacts("  eventName: [DeleteContact]\n  requestParameters: { ContactId: [x] }\n"), 'p0.yml:7:24 warning match.requestParameters.ContactId: CloudTrail writes this request member as "contactId"'],
    ["unknown-request-parameter", contacts("  eventName: [DeleteContact]\n  requestParameters: { contactId: [x] }\n"), undefined],
    ["unknown-request-parameter", contacts("  eventName: [TagResource]\n  requestParameters: { resourceArn: [x] }\n"), 'as "resourceARN"'],
    ["unknown-request-parameter", contacts("  eventName: [DeleteContact]\nunless:\n  - requestParameters: { alias: [x] }\n"), 'unless[0].requestParameters.alias: no operation this policy matches (DeleteContact) has a request parameter "alias"'],
    ["read-only-flag", contacts("  readOnly: [false]\n"), "readOnly is unreliable"],
  ])("%s: %j", (check, text, expected) => {
    const found = lint(check, text);
    if (expected === undefined) expect(found).toEqual([]);
    else expect(found.join("\n")).toContain(expected);
  });

  it.each<[string, string, string | undefined]>([
    ["never-matches", contacts("  eventName: [DeleteContact]\n  $or:\n    - eventName: [UpdateContact]\n    - eventName: [{ prefix: Get }]\n"), "match can never match (every $or branch"],
    ["never-matches", contacts("  eventName: [DeleteContact]\n  $or:\n    - eventName: [UpdateContact]\n    - userIdentity: { type: [Root] }\n"), "$or branch 1 of match can never match"],
    ["never-matches", contacts("  errorCode: [{ exists: false }, AccessDenied]\n"), undefined],
    ["never-matches", contacts("  $or:\n    - errorCode: [{ exists: false }]\n    - errorCode: [AccessDenied]\n"), undefined],
    // Under an array, two conditions on one path can be met by different elements: no conclusion.
    ["never-matches", contacts("  resources: { ARN: [a] }\n  $or:\n    - resources: { ARN: [b] }\n    - eventName: [DeleteContact]\n"), undefined],
    ["unless-swallows-match", contacts("  eventName: [DeleteContact]\nunless:\n  - eventName: [DeleteContact]\n"), "unless[0] suppresses every event the match allows"],
    ["unless-swallows-match", contacts("  eventName: [DeleteContact]\nunless:\n  - eventName: [{ prefix: Delete }]\n    eventSource: [{ exists: true }]\n"), "unless[0] suppresses"],
    ["unless-swallows-match", contacts("  eventName: [DeleteContact]\nunless:\n  - awsRegion: [{ exists: true }]\n"), "unless[0] suppresses"],
    ["unless-swallows-match", contacts("  eventName: [DeleteContact]\nunless:\n  - eventName: [DeleteContact]\n    userIdentity: { type: [AWSService] }\n"), undefined],
    ["unless-swallows-match", contacts("  eventName: [DeleteContact, UpdateContact]\nunless:\n  - eventName: [DeleteContact]\n"), undefined],
    ["unless-swallows-match", contacts("  eventName: [{ prefix: Delete }]\nunless:\n  - eventName: [DeleteContact]\n"), undefined],
  ])("%s: %j", (check, text, expected) => {
    const found = lint(check, text);
    if (expected === undefined) expect(found).toEqual([]);
    else expect(found.join("\n")).toContain(expected);
  });

  it("duplicate-policy: same match and unless in any key or value order", () => {
    const a = contacts("  eventName: [DeleteContact, UpdateContact]\nunless:\n  - sourceIPAddress: [{ cidr: 10.0.0.0/8 }]\n");
    const b = `${HEAD}match:\n  eventName: [UpdateContact, DeleteContact]\n  eventSource: [ssm-contacts.amazonaws.com]\nunless:\n  - sourceIPAddress: [{ cidr: 10.0.0.0/8 }]\n`;
    expect(lint("duplicate-policy", a, b)).toEqual([
      "rules/ssm-contacts/p1.yml:4:1 warning match: same match and unless as ssm-contacts.p0 (rules/ssm-contacts/p0.yml): both alert on exactly the same events; merge them into one policy or make them differ [duplicate-policy]",
    ]);
    expect(lint("duplicate-policy", a, b.replace("10.0.0.0/8", "10.0.0.0/16"))).toEqual([]);
  });

  it.each<[string, string, string | undefined]>([
    ["missing-runbook", "title: T\nseverity: critical\nmatch: { eventName: [X] }\n", "p0.yml:2:1 warning severity: critical policy without description"],
    ["missing-runbook", "title: T\nseverity: medium\nmatch: { eventName: [X] }\n", undefined],
    ["implicit-outcome", contacts("  errorCode: [{ exists: false }]\n").replace("outcome: any\n", ""), "only alerts on successful calls (via errorCode) without saying so: write outcome: success"],
    ["implicit-outcome", contacts("  errorCode: [{ prefix: AccessDenied }]\n").replace("outcome: any\n", ""), "write outcome: failure"],
    ["implicit-outcome", contacts("  responseElements: { incidentRecordArn: [{ exists: true }] }\n"), "outcome says any, but match only lets successful calls through"],
    ["implicit-outcome", contacts("  errorCode: [{ exists: false }, AccessDenied]\n").replace("outcome: any\n", ""), undefined],
    ["implicit-outcome", contacts("  eventName: [DeleteContact]\n").replace("outcome: any", "outcome: success"), undefined],
    ["missing-tests", contacts("  eventName: [DeleteContact]\n"), "no tests: add one that must alert"],
  ])("%s: %j", (check, text, expected) => {
    const found = lint(check, text);
    if (expected === undefined) expect(found).toEqual([]);
    else expect(found.join("\n")).toContain(expected);
  });
});

describe("EventBridge limits", () => {
  const scoped = (i: number, name = "X") => `${HEAD}match:\n  eventSource: [svc${i}.amazonaws.com]\n  eventName: [${name}]\n`;

  it("warns once, on the rules directory, above 300 rules per bus", () => {
    const texts = Array.from({ length: 301 }, (_, i) => scoped(i));
    expect(lint("eventbridge-bus-limits", ...texts)).toEqual([
      "rules:1:1 warning the policies compile to 301 EventBridge rules, above the default quota of 300 per event bus: merge policies per service or request a quota increase [eventbridge-bus-limits]",
    ]);
    expect(lint("eventbridge-bus-limits", ...texts.slice(0, 300))).toEqual([]);
  });

  it("warns above 30 rules with wildcards", () => {
    const texts = Array.from({ length: 31 }, (_, i) => scoped(i, '{ wildcard: "Delete*" }'));
    expect(lint("eventbridge-bus-limits", ...texts).join("\n")).toContain("31 EventBridge rules use wildcard, above EventBridge's 30 per bus");
  });

  it("warns when each rule would need more than 5 targets", () => {
    const { policies, read } = load([scoped(1)]);
    const check = lintChecks.get("eventbridge-bus-limits");
    const found = lintPolicies(policies, { rulesDir: "rules", readText: read, targetsPerRule: 6 }, check ? [check] : []);
    expect(found.map((d) => d.message).join("\n")).toContain("6 targets, above EventBridge's 5");
  });

  it("warns on a policy whose own pattern exceeds 2048 characters", () => {
    const long = scoped(1, `{ prefix: ${"x".repeat(2100)} }`);
    expect(lint("eventbridge-pattern-size", long).join("\n")).toMatch(/pattern for this policy is \d+ characters, above EventBridge's 2048/);
    expect(lint("eventbridge-pattern-size", scoped(1))).toEqual([]);
  });

  it.each([
    ['{ wildcard: "*Plan*" }', true],
    ['{ anything-but: { wildcard: "*Plan*" } }', true],
    ['{ wildcard: "Plan*" }', false],
    ['{ wildcard: "*Plan\\\\*" }', false],
  ])("wildcard-both-ends on %s: %s", (value, warns) => {
    expect(lint("wildcard-both-ends", scoped(1, value)).length > 0).toBe(warns);
  });
});
