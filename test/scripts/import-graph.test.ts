import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";

// `npm run lint` enforces src/'s import graph (scripts/lint/import-graph.mjs, wired in
// eslint.config.js): these lint real files of the tree with one import added, through the
// project's own ESLint config, and expect the lint to fail.
const eslint = new ESLint({ cwd: repoRoot });

async function lintWith(file: string, extraImport: string): Promise<string[]> {
  const text = `${extraImport}\n${readFileSync(path.join(repoRoot, file), "utf8")}`;
  const [result] = await eslint.lintText(text, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ""}: ${m.message}`);
}

describe("npm run lint: import cycles and layers", () => {
  it("passes on the tree as it is", async () => {
    expect(await lintWith("src/policy/types.ts", "")).toEqual([]);
  });

  it("fails on an import cycle made of type-only imports", async () => {
    // policy/types.ts -> pattern/index.ts -> pattern/compile.ts ... -> back to policy/types.ts
    const messages = await lintWith("src/pattern/types.ts", 'import type { Policy } from "../policy/types.js";');
    expect(messages).toContainEqual(expect.stringMatching(/^trailwatch\/no-import-cycle: import cycle: pattern\/types\.ts -> policy\/types\.ts -> .*pattern\/types\.ts/));
  });

  it("fails on an import from a lower layer up to a higher one", async () => {
    const messages = await lintWith("src/policy/types.ts", 'import type { Pipeline } from "../pipeline/process.js";');
    expect(messages).toContainEqual(expect.stringMatching(/^trailwatch\/import-layers: policy\/ imports pipeline\/ \(\.\.\/pipeline\/process\.js\), a higher layer/));
  });

  it("fails on a src/ file over 300 lines", async () => {
    const messages = await lintWith("src/text/truncate.ts", "\n".repeat(300));
    expect(messages).toContainEqual(expect.stringMatching(/^max-lines: /));
  });
});
