// @ts-check
// The benchmark corpus: gzipped CloudTrail log files in the S3 layout
// (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz), written once per seed and size
// and reused while its manifest matches. Each file has its own PRNG stream derived from the seed,
// so two processes can write halves of the corpus and the result is the same.
import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { createRecordFactory, createRng } from "./records.mjs";

const GENERATOR_VERSION = 4;
const ACCOUNTS = ["111122223333", "444455556666"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const START = Date.UTC(2026, 10, 18, 0, 0, 0);
const FILE_MINUTES = 5;

/**
 * @param {number} n
 * @param {number} [width]
 */
const pad = (n, width = 2) => String(n).padStart(width, "0");

/**
 * Where file `index` sits and which five minutes it covers.
 * @param {number} index
 * @param {number} seed
 */
export function fileSlot(index, seed) {
  const account = ACCOUNTS[index % ACCOUNTS.length] ?? "";
  const region = REGIONS[Math.floor(index / ACCOUNTS.length) % REGIONS.length] ?? "";
  const start = START + Math.floor(index / (ACCOUNTS.length * REGIONS.length)) * FILE_MINUTES * 60_000;
  const d = new Date(start);
  const day = path.join(String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()));
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  const name = `${account}_CloudTrail_${region}_${stamp}_${createRng(seed ^ (index * 2654435761)).upper(16)}.json.gz`;
  return { account, region, start, relative: path.join("AWSLogs", account, "CloudTrail", region, day, name) };
}

/** @typedef {{ imShare: number, changeRate: number }} Mix */

/**
 * @param {string} dir
 * @param {number} index
 * @param {number} count
 * @param {number} seed
 * @param {Mix} mix
 * @returns {number} gzipped bytes written
 */
function writeFile(dir, index, count, seed, mix) {
  const slot = fileSlot(index, seed);
  const rng = createRng((seed * 31 + index) >>> 0);
  const record = createRecordFactory(rng, mix);
  const times = Array.from({ length: count }, () => slot.start + rng.int(FILE_MINUTES * 60_000)).sort((a, b) => a - b);
  const records = times.map((t) => record(slot.account, slot.region, new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z")));
  const target = path.join(dir, slot.relative);
  mkdirSync(path.dirname(target), { recursive: true });
  const gz = gzipSync(JSON.stringify({ Records: records }));
  writeFileSync(target, gz);
  return gz.length;
}

/**
 * @param {number} records
 * @param {number} perFile
 */
function plan(records, perFile) {
  const files = Math.ceil(records / perFile);
  return Array.from({ length: files }, (_, i) => Math.min(perFile, records - i * perFile));
}

/**
 * @param {string} dir
 * @param {number} seed
 * @param {readonly number[]} counts
 * @param {number} from
 * @param {number} to
 * @param {Mix} mix
 */
function generateRange(dir, seed, counts, from, to, mix) {
  let bytes = 0;
  for (let i = from; i < to; i++) bytes += writeFile(dir, i, counts[i] ?? 0, seed, mix);
  return bytes;
}

/**
 * A corpus directory name that tells its parameters apart.
 * @param {number} seed
 * @param {number} records
 * @param {number} perFile
 * @param {Mix} mix
 */
function corpusName(seed, records, perFile, mix) {
  /** @param {number} x */
  const share = (x) => String(Math.round(x * 1e6) / 1e4).replace(".", "_");
  return `corpus-seed${seed}-records${records}-per${perFile}-im${share(mix.imShare)}-changes${share(mix.changeRate)}`;
}

/**
 * The corpus for this seed, size and mix (`{ imShare, changeRate }`: shares of Incident
 * Manager reads and changes), generated with `parallel` processes unless its manifest matches.
 * @param {{ root: string, records: number, seed: number, perFile?: number, mix: { imShare: number, changeRate: number }, parallel?: number, log?: (text: string) => void }} options
 * @returns {Promise<{ dir: string, version: number, seed: number, records: number, perFile: number, imShare: number, changeRate: number, files: number, bytes: number, reused: boolean }>}
 */
export async function ensureCorpus({ root, records, seed, perFile = 1000, mix, parallel = 2, log = () => undefined }) {
  const dir = path.join(root, corpusName(seed, records, perFile, mix));
  const manifestFile = path.join(dir, "manifest.json");
  const wanted = { version: GENERATOR_VERSION, seed, records, perFile, imShare: mix.imShare, changeRate: mix.changeRate };
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    if (Object.entries(wanted).every(([k, v]) => manifest[k] === v)) return { dir, ...manifest, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counts = plan(records, perFile);
  log(`generating ${records.toLocaleString("en-US")} records in ${counts.length} files under ${dir} (seed ${seed}) ...`);
  const started = Date.now();
  const share = Math.ceil(counts.length / parallel);
  const parts = await Promise.all(Array.from({ length: parallel }, (_, p) => runPart(dir, seed, records, perFile, mix, p * share, Math.min(counts.length, (p + 1) * share))));
  const manifest = { ...wanted, files: counts.length, bytes: parts.reduce((a, b) => a + b, 0) };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(manifest.bytes / 1e6).toFixed(1)} MB gzipped`);
  return { dir, ...manifest, reused: false };
}

/**
 * @param {string} dir
 * @param {number} seed
 * @param {number} records
 * @param {number} perFile
 * @param {Mix} mix
 * @param {number} from
 * @param {number} to
 * @returns {Promise<number>}
 */
function runPart(dir, seed, records, perFile, mix, from, to) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--part", dir, seed, records, perFile, JSON.stringify(mix), from, to].map(String), { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    child.on("message", (bytes) => resolve(Number(bytes)));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? undefined : reject(new Error(`corpus generator exited with ${code}`))));
  });
}

// A child forked by runPart: `--part DIR SEED RECORDS PER_FILE MIX FROM TO`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values, positionals } = parseArgs({ options: { part: { type: "string" } }, allowPositionals: true });
  const [seed, records, perFile, mix = "{}", from, to] = positionals;
  if (values.part === undefined || process.send === undefined) throw new Error("corpus.mjs runs as a child of ensureCorpus only");
  const counts = plan(Number(records), Number(perFile));
  process.send(generateRange(values.part, Number(seed), counts, Number(from), Number(to), JSON.parse(mix)));
}
