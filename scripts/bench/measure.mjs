// @ts-check
// Runs a command and measures it: wall time, CPU time, peak RSS, stdout line count.
// Peak RSS comes from GNU time (`/usr/bin/time -f`) when present, else from polling
// /proc/<pid>/status VmHWM; CPU time needs GNU time.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { clearInterval, setInterval } from "node:timers";

export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** @param {number | undefined} pid */
function pollPeakRss(pid) {
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // the process has exited
    }
  }, 25);
  return () => {
    clearInterval(timer);
    return peakKb;
  };
}

/**
 * Runs `command args`; resolves with { wall, cpu, peakRssKb, lines, stderr, code }.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ wall: number, cpu: number | undefined, peakRssKb: number, lines: number, stderr: string, code: number | null }>}
 */
export function measure(command, args, { cwd, env } = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "trailwatch-bench-time-"));
  const timeFile = path.join(scratch, "time.txt");
  const [cmd, argv] = GNU_TIME ? [GNU_TIME, ["-f", "%e %U %S %M", "-o", timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const stopPolling = GNU_TIME ? () => 0 : pollPeakRss(child.pid);
    let lines = 0;
    /** @type {Buffer[]} */
    const stderr = [];
    child.stdout.on("data", (chunk) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const wall = (performance.now() - started) / 1000;
      let cpu;
      let peakRssKb = stopPolling();
      if (GNU_TIME && existsSync(timeFile)) {
        const [, user, sys, rss] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-4).map(Number);
        cpu = (user ?? 0) + (sys ?? 0);
        peakRssKb = rss ?? 0;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolve({ wall, cpu, peakRssKb, lines, stderr: Buffer.concat(stderr).toString("utf8"), code });
    });
  });
}

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The best run of each measurement, their runs interleaved (a, b, c, a, b, c, ...): on a
 * shared machine a load spike then hits every measurement alike, not just one.
 * @template {Record<string, () => Promise<{ wall: number }>>} M
 * @param {number} runs
 * @param {M} measurements
 * @param {(text: string) => void} [log]
 * @returns {Promise<{ [K in keyof M]: Awaited<ReturnType<M[K]>> & { runs: number[] } }>}
 */
export async function interleaved(runs, measurements, log = () => undefined) {
  /** @type {Record<string, { wall: number, runs: number[] }>} */
  const results = {};
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(measurements)) {
      log(`${name} (run ${i + 1} of ${runs})`);
      const r = await run();
      const previous = results[name];
      if (previous === undefined || r.wall < previous.wall) results[name] = { ...r, runs: [...(previous?.runs ?? []), r.wall] };
      else previous.runs.push(r.wall);
    }
  }
  return /** @type {{ [K in keyof M]: Awaited<ReturnType<M[K]>> & { runs: number[] } }} */ (results);
}
