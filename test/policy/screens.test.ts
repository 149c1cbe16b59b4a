import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern } from "../../src/pattern/index.js";
import { loadPolicies } from "../../src/policy/load.js";
import { createPolicySet, viewsUsedByPolicies } from "../../src/policy/policy-set.js";
import type { Policy } from "../../src/policy/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { withViews } from "../../src/record/views.js";
import { repoRoot } from "../support/shared.js";

const pack = loadPolicies(path.join(repoRoot, "rules"), { tests: true }).policies;
const events = pack.flatMap((p) => p.tests.map((t) => t.event as CloudTrailRecord));

// Policies whose screen field (the first besides eventName/eventSource) is reached through
// arrays, may be absent, or sits in $or branches: the screen must never reject what the whole
// pattern accepts.
const extra: Policy[] = [
  { errorCode: [{ exists: false }], sourceIPAddress: [{ cidr: "10.0.0.0/8" }] },
  { resources: { type: ["AWS::SSMContacts::Contact"] }, userIdentity: { type: ["Root"] } },
  { $or: [{ sourceIPAddress: ["192.0.2.44"] }, { userAgent: [{ prefix: "aws-cli/" }] }], eventName: [{ prefix: "Delete" }] },
  { requestParameters: { actions: { deleteRegionAction: { regionName: [{ exists: true }] } } } },
].map((match, i) => ({ ...(pack[0] as Policy), id: `screen.t${i}`, match: compilePattern(match), matchSource: match, unless: [] }));
const policies = [...pack, ...extra];

const mutation = fc.record({
  event: fc.constantFrom(...events),
  sourceIPAddress: fc.constantFrom(undefined, "10.1.2.3", "192.0.2.44", ["10.0.0.1", "8.8.8.8"], null),
  errorCode: fc.constantFrom(undefined, "AccessDenied", ["AccessDenied"], null),
  resources: fc.constantFrom(undefined, [{ type: "AWS::SSMContacts::Contact" }, { type: "x" }], { type: "AWS::SSMContacts::Contact" }),
  userType: fc.constantFrom(undefined, "Root", "IAMUser", ["Root"]),
});

describe("policy set screens", () => {
  it("give exactly the alerts of trying every policy's whole pattern on every record", () => {
    const set = createPolicySet(policies);
    fc.assert(
      fc.property(mutation, (m) => {
        const record: Record<string, unknown> = { ...m.event };
        for (const key of ["sourceIPAddress", "errorCode", "resources"] as const) {
          if (m[key] === undefined) delete record[key];
          else record[key] = m[key];
        }
        if (m.userType !== undefined) record.userIdentity = { ...(record.userIdentity as object), type: m.userType };
        const subject = record as CloudTrailRecord;
        const withActor = withViews(subject, viewsUsedByPolicies(policies));
        const expected = policies.filter((p) => p.match.matches(withActor) && !p.unless.some((u) => u.matches(withActor))).map((p) => p.id);
        expect(set.evaluate(subject).map((a) => a.policy)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
