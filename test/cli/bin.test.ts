import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

describe("the installed bin", () => {
  it("runs `trailwatch test` from the built dist/ (npm test builds first)", () => {
    const out = execFileSync(process.execPath, [path.join(repoRoot, "bin/trailwatch.js"), "test", "--rules", "test/fixtures/rules"], { cwd: repoRoot, encoding: "utf8" });
    expect(out).toMatch(/7 passed, 0 failed/);
  });
});
