#!/usr/bin/env node
// @ts-check
// Writes generated/rules.json: the text of every policy and tune file under rules/ and of
// the routing config (trailwatch.yml), so the Lambda bundle carries them and compiles them
// once per container (no file reads per event). Run by `npm run build` (and so by
// `npm ci`); re-run after editing rules. Refuses a pack `trailwatch validate` finds errors
// in, printing the same diagnostics, so a broken policy never reaches the bundle.
//
// The files come from the same lister the loader uses (src/policy/policy-files.ts), so the
// Lambda runs exactly the policies `trailwatch validate` checked, symbolic links included.
// Policies go in without their embedded tests (`withoutTests`, as replay loads them): the
// handler never runs them, they were ~140 KB of the bundle, and their sample records carry
// key-like values that secret scanners flag.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadSource } from "./serverless/source.mjs";

// Positional, as `npm run build` and the serverless helpers call it: [RULES_DIR [OUT [CONFIG]]].
const [rulesDir = "rules", out = "generated/rules.json", configFile = "trailwatch.yml"] = parseArgs({ allowPositionals: true }).positionals;

const tw = await loadSource();
const checked = tw.checkRules(rulesDir);
if ("problem" in checked) {
  console.error(`npm run build: ${checked.problem}`);
  process.exit(2);
}
const errors = checked.diagnostics.filter((d) => d.level === "error");
if (errors.length > 0) {
  for (const d of checked.diagnostics) console.error(tw.formatDiagnostic(d));
  console.error(`${checked.policies.length} policies, ${errors.length} error(s), ${checked.diagnostics.length - errors.length} warning(s)`);
  console.error(`not bundling ${rulesDir}/ into ${out}: fix the error(s) above (\`npx trailwatch validate --rules ${rulesDir}\` prints them too)`);
  process.exit(1);
}

// Validation passed, so the lister found no broken or looping link (those are errors above).
const sources = tw.listPolicyFiles(rulesDir).files.map((file) => ({
  relative: file.relative,
  display: path.join(rulesDir, path.relative(rulesDir, file.path)),
  text: file.relative.startsWith("local/") ? readFileSync(file.path, "utf8") : tw.withoutTests(readFileSync(file.path, "utf8")),
}));
mkdirSync(path.dirname(out), { recursive: true });
const config = existsSync(configFile) ? { display: configFile, text: readFileSync(configFile, "utf8") } : null;
writeFileSync(out, JSON.stringify({ rulesDir, sources, config }));
console.error(`bundled ${sources.length} rule file(s) from ${rulesDir}/ into ${out}`);
