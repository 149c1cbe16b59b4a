#!/usr/bin/env node
// @ts-check
// Writes generated/rules.json: the text of every policy and tune file under rules/ and of
// the routing config (trailwatch.yml), so the Lambda bundle carries them and compiles them
// once per container (no file reads per event). Run by `npm run build` (and so by
// `npm ci`); re-run after editing rules.
//
// The files come from the same lister the loader uses (src/policy/policy-files.ts), so the
// Lambda runs exactly the policies `trailwatch validate` checked, symbolic links included.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { importSource } from "./lib/import-src.mjs";

const rulesDir = process.argv[2] ?? "rules";
const out = process.argv[3] ?? "generated/rules.json";
const configFile = process.argv[4] ?? "trailwatch.yml";

const src = /** @type {{ listPolicyFiles: typeof import("../src/policy/policy-files.js").listPolicyFiles; formatDiagnostic: typeof import("../src/policy/diagnostics.js").formatDiagnostic }} */ (
  await importSource(`
export { listPolicyFiles } from "./src/policy/policy-files.js";
export { formatDiagnostic } from "./src/policy/diagnostics.js";
`)
);

const { files, problems } = src.listPolicyFiles(rulesDir);
if (problems.length > 0) {
  for (const problem of problems) console.error(src.formatDiagnostic(problem));
  console.error(`bundle-rules: ${problems.length} problem(s) in ${rulesDir}/: not bundling a pack that differs from what validate loads`);
  process.exit(1);
}
const sources = files.map((file) => ({
  relative: file.relative,
  display: path.join(rulesDir, path.relative(rulesDir, file.path)),
  text: readFileSync(file.path, "utf8"),
}));
mkdirSync(path.dirname(out), { recursive: true });
const config = existsSync(configFile) ? { display: configFile, text: readFileSync(configFile, "utf8") } : null;
writeFileSync(out, JSON.stringify({ rulesDir, sources, config }));
console.error(`bundled ${sources.length} rule file(s) from ${rulesDir}/ into ${out}`);
