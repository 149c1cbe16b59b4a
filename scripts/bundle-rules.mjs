#!/usr/bin/env node
// Writes generated/rules.json: the text of every policy and tune file under rules/ and of
// the routing config (trailwatch.yml), so the Lambda bundle carries them and compiles them
// once per container (no file reads per event). Run by `npm run build` (and so by
// `npm ci`); re-run after editing rules. Refuses a pack `trailwatch validate` finds errors
// in, printing the same diagnostics, so a broken policy never reaches the bundle.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadSource } from "./serverless/source.mjs";

const rulesDir = process.argv[2] ?? "rules";
const out = process.argv[3] ?? "generated/rules.json";
const configFile = process.argv[4] ?? "trailwatch.yml";

function list(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

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

const sources = list(rulesDir).map((file) => ({
  relative: path.relative(rulesDir, file).split(path.sep).join("/"),
  display: path.join(rulesDir, path.relative(rulesDir, file)),
  text: readFileSync(file, "utf8"),
}));
mkdirSync(path.dirname(out), { recursive: true });
const config = existsSync(configFile) ? { display: configFile, text: readFileSync(configFile, "utf8") } : null;
writeFileSync(out, JSON.stringify({ rulesDir, sources, config }));
console.error(`bundled ${sources.length} rule file(s) from ${rulesDir}/ into ${out}`);
