import { describe, expect, it } from "vitest";
import { createPolicySet } from "../../src/policy/policy-set.js";
import { loadPolicies } from "../../src/policy/load.js";
import { emptiedOf } from "../../src/record/emptied.js";
import { repoRoot } from "../support/shared.js";

describe("emptied: request parameters set to {} or []", () => {
  it.each([
    [{ engagements: [], chatChannel: { empty: {} }, incidentTemplateNotificationTargets: [] }, ["engagements", "chatChannel.empty", "incidentTemplateNotificationTargets"]],
    [{ arn: "a", displayName: "x", engagements: ["arn:contact"] }, []],
    [{ actions: [{ ssmAutomation: { parameters: {} } }] }, ["actions.ssmAutomation.parameters"]],
    [{ chatChannel: {} }, ["chatChannel"]],
    [{ title: "", impact: null, tags: { team: "" } }, []],
  ])("%j -> %j", (requestParameters, expected) => {
    expect(emptiedOf({ requestParameters })).toEqual(expected);
  });

  it.each([[undefined], [null], [{}], ["text"], [[]]])("has nothing for requestParameters %j", (requestParameters) => {
    expect(emptiedOf({ requestParameters })).toEqual([]);
  });

  it("stays small and finite on hostile records", () => {
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, []]));
    expect(emptiedOf({ requestParameters: wide })).toHaveLength(100);
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(emptiedOf({ requestParameters: deep as Record<string, unknown> })).toEqual([]);
  });
});

describe("the shipped pack tells a plan that stops paging from a rename", () => {
  const { policies } = loadPolicies(`${repoRoot}/rules`, { tests: false });
  const set = createPolicySet(policies);
  const update = (requestParameters: Record<string, unknown>) => ({
    eventSource: "ssm-incidents.amazonaws.com", eventName: "UpdateResponsePlan", eventID: "e1", awsRegion: "us-east-1",
    recipientAccountId: "111122223333", userIdentity: { type: "IAMUser", userName: "bob", arn: "arn:aws:iam::111122223333:user/bob", accountId: "111122223333" },
    requestParameters: { arn: "arn:aws:ssm-incidents::111122223333:response-plan/p", ...requestParameters },
  });

  it.each([
    ["engagements emptied", { engagements: [] }],
    ["chat channel removed", { chatChannel: { empty: {} } }],
    ["notification targets emptied", { incidentTemplateNotificationTargets: [] }],
  ])("%s is one high alert of its own", (_what, params) => {
    const alerts = set.evaluate(update(params)).filter((a) => a.policy.startsWith("ssm-incidents."));
    expect(alerts.map((a) => [a.policy, a.severity])).toEqual([["ssm-incidents.response-plan-paging-removed", "high"]]);
  });

  it("a rename with paging intact is no louder than medium", () => {
    const alerts = set.evaluate(update({ displayName: "Payments", engagements: ["arn:aws:ssm-contacts:us-east-1:111122223333:contact/oncall"] }));
    expect(alerts.map((a) => [a.policy, a.severity])).toEqual([["ssm-incidents.response-plan-updated", "medium"]]);
  });
});
