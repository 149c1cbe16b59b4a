#!/usr/bin/env node
// Mutation score per area (stryker.config.mjs): `npm run mutation` runs every area,
// `npm run mutation -- noise routing` some of them. Each area keeps its own incremental
// file, so a re-run only re-tests mutants whose code or tests changed. Slow (~40 min for
// all areas on 2 cores) and not part of CI: the scores go in closing notes.
import { mkdirSync, writeFileSync } from "node:fs";
import { Stryker } from "@stryker-mutator/core";
import { areas } from "../stryker.config.mjs";

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in areas));
if (unknown.length > 0) {
  console.error(`unknown area(s) ${unknown.join(", ")}; areas: ${Object.keys(areas).join(", ")}`);
  process.exit(2);
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

function score(results) {
  const detected = results.filter((r) => DETECTED.has(r.status)).length;
  const undetected = results.filter((r) => UNDETECTED.has(r.status)).length;
  const total = detected + undetected;
  return { mutants: total, detected, undetected, score: total === 0 ? 100 : (100 * detected) / total };
}

const rows = [];
for (const name of wanted.length > 0 ? wanted : Object.keys(areas)) {
  const dir = `reports/mutation/${name}`;
  mkdirSync(dir, { recursive: true });
  const results = await new Stryker({
    configFile: "stryker.config.mjs",
    mutate: areas[name],
    incrementalFile: `${dir}/incremental.json`,
    htmlReporter: { fileName: `${dir}/mutation.html` },
    jsonReporter: { fileName: `${dir}/mutation.json` },
  }).runMutationTest();
  const survivors = results.filter((r) => UNDETECTED.has(r.status))
    .map((r) => `${r.fileName}:${r.location.start.line}:${r.location.start.column + 1} ${r.mutatorName} ${r.status}: ${JSON.stringify(r.replacement ?? "")}`);
  writeFileSync(`${dir}/survivors.txt`, survivors.join("\n") + "\n");
  rows.push({ area: name, ...score(results) });
}

console.log("\narea       mutants  killed  survived  score");
for (const r of rows) console.log(`${r.area.padEnd(10)} ${String(r.mutants).padStart(7)} ${String(r.detected).padStart(7)} ${String(r.undetected).padStart(9)}  ${r.score.toFixed(1)}%`);
