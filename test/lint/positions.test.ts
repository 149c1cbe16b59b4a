import { describe, expect, it } from "vitest";
import { lintPolicies } from "../../src/lint/lint.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadPolicyText } from "../../src/policy/load.js";

// The loaded policy keeps the YAML parser's positions (`written`): lint places its findings
// with them and never reads or parses the file a second time.
describe("lint positions come from loading", () => {
  it("never reads the policy file again", () => {
    const text = "title: T\nseverity: low\noutcome: any\nmatch:\n  eventSource: [ssm-contacts.amazonaws.com]\n  eventName: [DeleteContactChanel, DeleteContact]\n";
    const { policy } = loadPolicyText(text, "rules/ssm-contacts/p.yml", "ssm-contacts.p", { tests: false });
    if (policy === undefined) throw new Error("policy did not load");
    const readText = (file: string): string => {
      throw new Error(`lint read ${file} again`);
    };
    const found = lintPolicies([policy], { rulesDir: "rules", readText }).map(formatDiagnostic);
    expect(found).toContainEqual(expect.stringMatching(/^rules\/ssm-contacts\/p\.yml:6:15 warning match\.eventName\[0\]: "DeleteContactChanel" is not an ssm-contacts operation/));
  });
});
