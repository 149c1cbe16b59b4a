#!/usr/bin/env node
// @ts-check
// Mutation score per area (stryker.config.mjs). `npm run mutation` mutates every area in one
// Stryker run (one dry run of the suite, ~6 min here, instead of one per area) and scores each
// area on its own; `npm run mutation -- noise routing` mutates only those. Each set of areas
// keeps its own incremental file, so a re-run only re-tests mutants whose code or covering
// tests changed. Slow and not part of CI: the scores go in closing notes, like a benchmark.
// `--quick` runs only each area's own test folders (areaTests in stryker.config.mjs): faster,
// and a lower bound of the whole-suite score (fewer tests can only kill fewer mutants). It
// narrows vitest's `include` (MUTATION_TEST_FILES, read by vitest.mutation.config.ts), not
// Stryker's `testFiles`: with `testFiles`, Stryker 9.6.1 runs a static mutant (one in a
// module-level constant) as a runtime one, so the module never sees it and it always survives.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Stryker } from "@stryker-mutator/core";
import { areas, areaTests } from "../stryker.config.mjs";

/** @typedef {keyof typeof areas} Area */
/** @type {string[]} */
let wanted;
let quick = false;
try {
  const parsed = parseArgs({ allowPositionals: true, options: { quick: { type: "boolean", default: false } } });
  wanted = parsed.positionals;
  quick = parsed.values.quick === true;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}; usage: npm run mutation -- [--quick] [AREA...]`);
  process.exit(2);
}
/** @param {string} name @returns {name is Area} */
const isArea = (name) => name in areas;
const unknown = wanted.filter((name) => !isArea(name));
if (unknown.length > 0) {
  console.error(`unknown area(s) ${unknown.join(", ")}; areas: ${Object.keys(areas).join(", ")}`);
  process.exit(2);
}
/** @type {Area[]} */
const names = wanted.length > 0 ? wanted.filter(isArea) : /** @type {Area[]} */ (Object.keys(areas));

/**
 * `src/pattern/**\/*.ts` as a RegExp over repository-relative paths with forward slashes.
 * @param {string} glob
 */
function globRegExp(glob) {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").split("**/").map((/** @type {string} */ part) => part.replace(/\*/g, "[^/]*")).join("(?:.*/)?");
  return new RegExp(`^${body}$`);
}

/**
 * Stryker's file names may be absolute: compare them relative to the repository.
 * @param {string} file
 */
const relativeName = (file) => path.relative(process.cwd(), path.resolve(file)).replaceAll("\\", "/");

/**
 * @param {string} file
 * @param {readonly string[]} patterns
 */
function inArea(file, patterns) {
  const name = relativeName(file);
  const included = patterns.filter((p) => !p.startsWith("!")).some((p) => globRegExp(p).test(name));
  return included && !patterns.filter((p) => p.startsWith("!")).some((p) => globRegExp(p.slice(1)).test(name));
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

/** @param {readonly { status: string }[]} results */
function score(results) {
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const undetected = results.filter((r) => UNDETECTED.has(r.status)).length;
  const total = detected + undetected;
  return { mutants: total, detected, undetected, score: total === 0 ? 100 : (100 * detected) / total };
}

const dir = `reports/mutation/${quick ? "quick-" : ""}${names.join("+")}`;
const testFiles = quick ? [...new Set(names.flatMap((name) => areaTests[name]))] : [];
if (quick) process.env["MUTATION_TEST_FILES"] = testFiles.join(",");
mkdirSync(dir, { recursive: true });
const results = await new Stryker({
  configFile: "stryker.config.mjs",
  mutate: names.flatMap((name) => areas[name]),
  incrementalFile: `${dir}/incremental.json`,
  htmlReporter: { fileName: `${dir}/mutation.html` },
  jsonReporter: { fileName: `${dir}/mutation.json` },
}).runMutationTest();

const rows = names.map((name) => {
  const mine = results.filter((r) => inArea(r.fileName, areas[name]));
  const survivors = mine.filter((r) => UNDETECTED.has(r.status))
    .map((r) => `${relativeName(r.fileName)}:${r.location.start.line}:${r.location.start.column + 1} ${r.mutatorName} ${r.status}: ${JSON.stringify(r.replacement ?? "")}`);
  writeFileSync(`${dir}/survivors-${name}.txt`, survivors.length > 0 ? `${survivors.join("\n")}\n` : "");
  return { area: name, ...score(mine) };
});

if (quick) console.log(`\nquick run: only ${testFiles.join(", ")} (a lower bound of the whole-suite score)`);
console.log(`\narea       mutants  killed  survived  score     (survivors: ${dir}/survivors-<area>.txt)`);
for (const r of rows) console.log(`${r.area.padEnd(10)} ${String(r.mutants).padStart(7)} ${String(r.detected).padStart(7)} ${String(r.undetected).padStart(9)}  ${r.score.toFixed(1)}%`);
