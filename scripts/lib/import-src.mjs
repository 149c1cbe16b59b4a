// @ts-check
// Trailwatch's own TypeScript (src/), compiled in memory by esbuild, for scripts that must
// run from the current sources: before `npm run build` has made dist/ (bundle-rules.mjs is
// part of that build), or where dist/ may be stale (the serverless.yml helpers). One entry
// compiles in ~0.1-0.2 s and cannot disagree with src/.
import path from "node:path";
import * as esbuild from "esbuild";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/**
 * Compiles `entry` (ES module text whose imports are relative to the repository root, e.g.
 * `export { loadPolicies } from "./src/policy/load.js"`) and imports the result.
 * @param {string} entry
 * @returns {Promise<Record<string, unknown>>}
 */
export async function importSource(entry) {
  const { outputFiles } = await esbuild.build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: "trailwatch-src.js" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "silent",
    // `yaml` resolves to its CommonJS build, which require()s node built-ins; a data: URL
    // module has no require of its own, so lend it one rooted at the repository.
    banner: { js: `import { createRequire } from "node:module"; const require = createRequire(${JSON.stringify(`${repoRoot}/`)});` },
  });
  const text = outputFiles[0]?.text ?? "";
  return import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`);
}
