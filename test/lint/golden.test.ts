import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintChecks } from "../../src/lint/registry.js";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";


describe("trailwatch validate: lint warnings", () => {
  it("prints every warning for the deliberately flawed policies, as the golden file says", async () => {
    const r = await runCli(["validate", "--rules", "test/fixtures/golden/lint-rules"]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("../fixtures/golden/lint-rules.golden.txt");
  });

  it("fails with --strict when there are warnings", async () => {
    const r = await runCli(["validate", "--rules", "test/fixtures/golden/lint-rules", "--strict"]);
    expect(r.code).toBe(1);
  });

  it("finds nothing to warn about in the shipped rules and the clean fixture", async () => {
    const shipped = await runCli(["validate", "--rules", "rules", "--strict"]);
    expect(shipped.stdout).toMatch(/, 0 warning\(s\)\n$/);
    const golden = readFileSync(path.join(repoRoot, "test/fixtures/golden/lint-rules.golden.txt"), "utf8");
    expect(golden).not.toContain("clean.yml");
  });

  it("keeps errors as errors: broken rules still exit 1 without --strict", async () => {
    const r = await runCli(["validate", "--rules", "test/fixtures/broken-rules"]);
    expect(r.code).toBe(1);
  });

  it("every lint check is documented in docs/authoring.md under its name", () => {
    const docs = readFileSync(path.join(repoRoot, "docs/authoring.md"), "utf8");
    for (const check of lintChecks.values()) {
      expect(check.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(docs, check.name).toContain(`\`${check.name}\``);
    }
  });
});
