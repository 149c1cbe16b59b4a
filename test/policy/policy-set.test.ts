import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet, requiredEventNames } from "../../src/policy/policy-set.js";
import { repoRoot } from "../support/shared.js";

const { policies } = loadPolicies(path.join(repoRoot, "test/fixtures/rules"));
const set = createPolicySet(policies);

describe("PolicySet", () => {
  it("indexes policies by the exact eventNames they require", () => {
    expect(requiredEventNames({ eventName: ["A", "B"] })).toEqual(["A", "B"]);
    expect(requiredEventNames({ eventName: [{ prefix: "A" }] })).toBeUndefined();
    expect(requiredEventNames({ eventName: ["A"], $or: [{ a: [1] }, { b: [1] }] })).toEqual(["A"]);
    expect(requiredEventNames({ $or: [{ eventName: ["A"] }, { b: [1] }] })).toBeUndefined();
  });

  it("offers only indexed candidates plus unindexed ones, in load order", () => {
    const ids = (name: string) => set.candidates({ eventName: name }).map((p) => p.id);
    expect(ids("DeleteContactChannel")).toEqual(policies.map((p) => p.id));
    expect(ids("ListContacts")).toEqual(["ssm-contacts.any-write-by-root"]);
  });

  it("reports suppression by unless separately from no match", () => {
    const policy = policies.find((p) => p.id === "ssm-contacts.channel-deleted");
    const record = { eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContactChannel", sourceIPAddress: "10.9.9.9" };
    expect(policy && set.verdict(policy, record)).toBe("suppressed");
    expect(policy && set.verdict(policy, { ...record, sourceIPAddress: "8.8.8.8" })).toBe("alert");
    expect(policy && set.verdict(policy, { ...record, eventName: "GetContactChannel" })).toBe("no-match");
  });
});

describe("actor in patterns", () => {
  it("lets a policy match on the normalised caller", async () => {
    const { loadPolicyText } = await import("../../src/policy/load.js");
    const text = "title: t\nseverity: low\nmatch:\n  eventName: [DeleteContact]\n  actor:\n    kind: [root]\n    mfa: [\"false\"]\n";
    const { policy } = loadPolicyText(text, "x.yml", "x.root", { tests: false });
    const rootSet = createPolicySet(policy ? [policy] : []);
    const record = { eventSource: "ssm-contacts.amazonaws.com", eventName: "DeleteContact", userIdentity: { type: "Root", arn: "arn:aws:iam::111122223333:root", sessionContext: { attributes: { mfaAuthenticated: "false" } } } };
    expect(rootSet.evaluate(record).map((a) => a.policy)).toEqual(["x.root"]);
    expect(rootSet.evaluate({ ...record, userIdentity: { type: "IAMUser", userName: "alice" } })).toEqual([]);
  });
});
