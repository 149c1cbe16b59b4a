#!/usr/bin/env node
// @ts-check
// Differential fuzzer: our EventBridge pattern engine against aws/event-ruler (an oracle command
// found through EVENT_RULER_ORACLE, default tools/event-ruler/oracle inside the repository; see
// docs/pattern-engine.md). Deterministic for a given seed (fast-check, seeded: draw.mjs).
//
//   npm run fuzz:oracle -- [--seed 42] [--cases 20000] [--no-build] [--no-shrink] [--show 5]
//   (or FUZZ_SEED / FUZZ_CASES in the environment)
//
// Every case (cases.mjs) is a (pattern, event) pair written as JSON text; the same text goes to
// the oracle and, through JSON.parse, to our `parsePattern(...).matches(...)` (invalid <=> issues
// non-empty). The whole corpus goes to the oracle in one call (one JVM); disagreements are then
// shrunk with a few more batched calls (shrink.mjs). Answers that differ in a documented way
// (known.mjs, docs/pattern-engine.md) are counted apart. Exit 1 on any other disagreement, 2 on
// a usage or setup error. It builds the engine first (tsc -p tsconfig.build.json; --no-build to
// skip). Not part of `npm test`: it needs Java. Then the deployed rules go through the oracle too
// (deployed-rules.mjs): every alerting test event must match some deployed pattern.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { makeCase } from "./cases.mjs";
import { checkDeployedRules } from "./deployed-rules.mjs";
import { sampleCases } from "./draw.mjs";
import { SetupError, oracleRunner, ourEngine } from "./engines.mjs";
import { toJson } from "./json-text.mjs";
import { verdict } from "./known.mjs";
import { printReport } from "./report.mjs";

const root = join(import.meta.dirname, "..", "..");
const USAGE = "usage: npm run fuzz:oracle -- [--seed N] [--cases N] [--no-build] [--no-shrink] [--show N]";

function options() {
  const { values } = parseArgs({
    options: {
      seed: { type: "string", default: process.env.FUZZ_SEED ?? "20240611" },
      cases: { type: "string", default: process.env.FUZZ_CASES ?? "20000" },
      show: { type: "string", default: "5" },
      "no-build": { type: "boolean", default: false },
      "no-shrink": { type: "boolean", default: false },
    },
    strict: true,
  });
  const opts = { seed: Number(values.seed), cases: Number(values.cases), show: Number(values.show), build: !values["no-build"], shrink: !values["no-shrink"] };
  if (!Number.isSafeInteger(opts.seed) || !Number.isSafeInteger(opts.cases) || opts.cases < 1 || !Number.isSafeInteger(opts.show)) {
    throw new UsageError("--seed, --cases and --show take integers");
  }
  return opts;
}

class UsageError extends Error {}

/** Builds the engine; only errors inside src/pattern/ stop the run. */
function build() {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  const errors = `${r.stdout}${r.stderr}`.split("\n").filter((line) => / error TS/u.test(line));
  const engine = errors.filter((line) => line.startsWith("src/pattern/"));
  if (engine.length > 0) throw new SetupError(`the pattern engine does not compile:\n${engine.join("\n")}`);
  if (r.status !== 0) console.warn(`fuzz-oracle: tsc reported ${errors.length} error(s) outside src/pattern; fuzzing what it emitted`);
}

/**
 * @param {string} file a module of dist/
 * @returns {Promise<Record<string, unknown>>}
 */
async function built(file) {
  const entry = join(root, "dist", file);
  if (!existsSync(entry)) throw new SetupError(`${entry} is missing: run \`npm run build\` first`);
  return import(pathToFileURL(entry).href);
}

async function main() {
  const opts = options();
  const oraclePath = process.env.EVENT_RULER_ORACLE ?? join(root, "tools", "event-ruler", "oracle");
  if (opts.build) build();
  if (!existsSync(oraclePath)) throw new SetupError(`oracle not found at ${oraclePath}`);
  const runOracle = oracleRunner(oraclePath);
  const { parsePattern } = await built("src/pattern/index.js");
  const ip = await built("src/pattern/ip.js");
  const ours = ourEngine(/** @type {import("./engines.mjs").ParsePattern} */ (parsePattern));
  const ipEngine = /** @type {import("./ip.mjs").IpEngine} */ (/** @type {unknown} */ (ip));

  const generated = sampleCases(opts.seed, opts.cases, (draw) => makeCase(draw, ipEngine));
  const cases = generated.map((c) => {
    const patternText = toJson(c.pattern);
    const eventText = toJson(c.event);
    return { ...c, patternText, eventText, ours: ours(patternText, eventText), oracle: { kind: "", detail: "" } };
  });
  const answers = runOracle(cases.map((c) => `${c.patternText}\t${c.eventText}`));
  if (Object.keys(Object.prototype).length > 0) throw new SetupError("Object.prototype was polluted");
  cases.forEach((c, i) => {
    c.oracle = answers[i] ?? { kind: "missing", detail: "" };
  });
  const disagreements = printReport(opts, cases.map((c) => ({ ...c, verdict: verdict(c) })), ours, runOracle);
  const deployed = await checkDeployedRules(root, runOracle);
  console.log(`\n${deployed.summary}`);
  for (const failure of deployed.failures) console.log(`  ${failure}`);
  return disagreements > 0 || deployed.failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof SetupError || error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")))) throw error;
  console.error(`fuzz-oracle: ${error.message}${error instanceof SetupError ? "" : `\n${USAGE}`}`);
  process.exitCode = 2;
}
