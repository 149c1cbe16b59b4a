// @ts-check
// Measurement (1), the yardstick: what plain Node does with the same files in one thread:
// read, gunzip, JSON.parse, touch each record's eventName. Prints {"records":N,"names":M}.
// With --gunzip-only, the physical floor: read and gunzip only. Prints {"bytes":N}.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* logFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* logFiles(full);
    else if (entry.name.endsWith(".json.gz")) yield full;
  }
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "gunzip-only": { type: "boolean", default: false } } });
const dir = positionals[0];
if (dir === undefined) {
  console.error("usage: node scripts/bench/baseline.mjs DIR [--gunzip-only] (a folder of CloudTrail *.json.gz log files)");
  process.exit(2);
}
if (values["gunzip-only"]) {
  let bytes = 0;
  for (const file of logFiles(dir)) bytes += gunzipSync(readFileSync(file)).length;
  process.stdout.write(`${JSON.stringify({ bytes })}\n`);
  process.exit(0);
}

let records = 0;
let names = 0;
for (const file of logFiles(dir)) {
  for (const record of JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")).Records) {
    records++;
    if (typeof record.eventName === "string") names++;
  }
}
process.stdout.write(`${JSON.stringify({ records, names })}\n`);
