#!/usr/bin/env node
// Writes generated/rules.json: the text of every policy and tune file under rules/ and of
// the routing config (trailwatch.yml), so the Lambda bundle carries them and compiles them
// once per container (no file reads per event). Run by `npm run build` (and so by
// `npm ci`); re-run after editing rules. Policies go in without their embedded tests: the
// handler never runs them, they were ~140 KB of the bundle, and their sample records carry
// key-like values that secret scanners flag.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isMap, parseDocument } from "yaml";

const rulesDir = process.argv[2] ?? "rules";
const out = process.argv[3] ?? "generated/rules.json";
const configFile = process.argv[4] ?? "trailwatch.yml";

function list(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/**
 * The text with the top-level `tests` entry blanked, found by the YAML parser and replaced
 * by its newlines alone, so diagnostics still point at the right lines.
 * A text the parser rejects is kept whole: the handler reports its errors at start-up.
 */
function withoutTests(text) {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return text;
  const pair = doc.contents.items.find((p) => p.key?.value === "tests");
  const start = pair?.key?.range?.[0];
  const end = pair?.value?.range?.[2] ?? pair?.key?.range?.[2];
  if (start === undefined || end === undefined) return text;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, "") + text.slice(end);
}

const sources = list(rulesDir).map((file) => {
  const relative = path.relative(rulesDir, file).split(path.sep).join("/");
  const text = readFileSync(file, "utf8");
  return { relative, display: path.join(rulesDir, relative), text: relative.startsWith("local/") ? text : withoutTests(text) };
});
mkdirSync(path.dirname(out), { recursive: true });
const config = existsSync(configFile) ? { display: configFile, text: readFileSync(configFile, "utf8") } : null;
writeFileSync(out, JSON.stringify({ rulesDir, sources, config }));
console.error(`bundled ${sources.length} rule file(s) from ${rulesDir}/ into ${out}`);
