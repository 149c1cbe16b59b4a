import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

// Scripts are JavaScript checked by TypeScript (`// @ts-check`, tsconfig.scripts.json in
// `npm run typecheck`) and read their flags one way (`node:util` parseArgs).
function scripts(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(mjs|cjs|js)$/.test(e.name))
    .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)))
    .sort();
}
const ALL = [...scripts("scripts"), ...scripts("bin")];

describe("scripts", () => {
  it("are all type-checked by npm run typecheck", () => {
    expect(ALL.length).toBeGreaterThan(30);
    expect(ALL.filter((file) => !readFileSync(path.join(repoRoot, file), "utf8").includes("// @ts-check"))).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.typecheck).toContain("tsconfig.scripts.json");
  });

  it("parse their arguments with parseArgs, not by hand", () => {
    const byHand = /process\.argv\.(slice|includes|indexOf)\(|process\.argv\[[2-9]\]/;
    // bench/cold.mjs's PROBE is a child program's own source text; serverless/command.mjs reads the
    // Framework's argv; bin/trailwatch.js hands the CLI its arguments (src/cli parses them).
    const exempt = new Set(["scripts/bench/cold.mjs", "scripts/serverless/command.mjs", "bin/trailwatch.js"]);
    expect(ALL.filter((file) => !exempt.has(file) && byHand.test(readFileSync(path.join(repoRoot, file), "utf8")))).toEqual([]);
  });
});
