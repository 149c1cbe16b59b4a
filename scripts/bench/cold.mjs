// @ts-check
// The Lambda handler's cold path: a fresh `node` that imports the compiled handler
// (dist/handlers/alert.js, which compiles generated/rules.json at module load) and evaluates
// one event, against `node -e 0`; and the size of the esbuild bundle that gets deployed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { measure, median } from "./measure.mjs";

// Runs in the child: times the import and the first evaluation, prints them as JSON on stderr.
// The event is a read that no policy alerts on, so no delivery is attempted.
const PROBE = `
const t0 = performance.now();
const { handler } = await import(process.argv[1]);
const t1 = performance.now();
const { readFileSync } = await import("node:fs");
const detail = JSON.parse(readFileSync(process.argv[2], "utf8"));
const event = { version: "0", id: "bench", "detail-type": "AWS API Call via CloudTrail", source: "aws.ssm-contacts", account: detail.recipientAccountId, time: detail.eventTime, region: detail.awsRegion, resources: [], detail };
const context = { awsRequestId: "bench", functionName: "trailwatch-bench", getRemainingTimeInMillis: () => 30000 };
await handler(event, context);
process.stderr.write(JSON.stringify({ importMs: t1 - t0, firstEvalMs: performance.now() - t1 }) + "\\n");
`;

/** Medians over `runs` fresh processes of: `node -e 0`, and importing `handlerFile` plus one evaluation. */
/**
 * @param {string} repoRoot
 * @param {string} handlerFile
 * @param {number} runs
 */
export async function measureColdStart(repoRoot, handlerFile, runs) {
  const handlerUrl = new URL(`file://${path.resolve(repoRoot, handlerFile)}`).href;
  const event = path.join(repoRoot, "test/fixtures/records/get-channel-root.json");
  const bare = [];
  const cold = [];
  const inside = [];
  for (let i = 0; i < runs; i++) {
    bare.push((await measure(process.execPath, ["-e", "0"])).wall);
    const r = await measure(process.execPath, ["--input-type=module", "-e", PROBE, handlerUrl, event], { cwd: repoRoot });
    if (r.code !== 0) throw new Error(`the handler probe failed:\n${r.stderr}`);
    cold.push(r.wall);
    inside.push(JSON.parse(r.stderr.trim().split("\n").pop() ?? ""));
  }
  return {
    bareMs: median(bare) * 1000,
    coldMs: median(cold) * 1000,
    importMs: median(inside.map((x) => x.importMs)),
    firstEvalMs: median(inside.map((x) => x.firstEvalMs)),
  };
}

// serverless.yml's banner: the CommonJS dependencies call require(), which ESM output lacks.
const BANNER = 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';

/** Bundles handlers/alert.ts as serverless.yml does (ES module builds, minified, names kept); `remove()` deletes the bundle once it has been measured. */
/** @param {string} repoRoot */
export function buildBundle(repoRoot) {
  const out = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-bundle-"));
  const file = path.join(out, "alert.mjs");
  const esbuild = path.join(repoRoot, "node_modules/.bin/esbuild");
  execFileSync(esbuild, ["handlers/alert.ts", "--bundle", "--platform=node", "--format=esm", "--minify", "--keep-names", "--main-fields=module,main", `--banner:js=${BANNER}`, `--outfile=${file}`, "--log-level=error"], { cwd: repoRoot });
  return { file, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length, remove: () => rmSync(out, { recursive: true, force: true }) };
}

/**
 * The alert function's zip as `serverless package` writes it (offline), or undefined with the
 * reason when packaging fails: the deployed-zip goal is about this file, not the bundle.
 * @param {string} repoRoot
 */
export function packagedZipBytes(repoRoot) {
  const out = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-package-"));
  try {
    const env = { ...process.env, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "dummy-not-a-secret", SLS_TELEMETRY_DISABLED: "1", SLS_NOTIFICATIONS_MODE: "off" };
    execFileSync(process.execPath, [path.join(repoRoot, "node_modules/osls/bin/serverless.js"), "package", "--package", out], { cwd: repoRoot, env, stdio: "ignore" });
    return { bytes: statSync(path.join(out, "alert.zip")).size };
  } catch (cause) {
    return { bytes: undefined, why: /** @type {Error} */ (cause).message.split("\n")[0] };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
