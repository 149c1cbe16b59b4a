import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { policyTable } from "../../src/cli/list.js";
import { loadPolicies } from "../../src/policy/load.js";
import { repoRoot } from "../support/shared.js";

describe("docs/policies.md", () => {
  it("is the current generated table (regenerate: npx trailwatch list --markdown > docs/policies.md)", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "rules"));
    expect(readFileSync(path.join(repoRoot, "docs/policies.md"), "utf8")).toBe(policyTable(policies));
  });

  it("lists every shipped policy", () => {
    const { policies } = loadPolicies(path.join(repoRoot, "rules"));
    const table = policyTable(policies);
    for (const p of policies) expect(table).toContain(`\`${p.id}\``);
    expect(policies.length).toBeGreaterThanOrEqual(30);
  });
});
