// @ts-check
// The two engines under comparison: aws/event-ruler through its oracle command (one call for a
// whole batch: one JVM), and ours (parsePattern from the built src/pattern/).
import { spawnSync } from "node:child_process";

/** @typedef {import("./known.mjs").Answer} Answer */

/** A setup fault (no oracle, a broken oracle): exit 2, as a usage error. */
export class SetupError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "SetupError";
  }
}

/**
 * Asks event-ruler about `pattern\tevent` lines; one answer `kind\tdetail` per line.
 * @param {string} oracle the oracle command
 * @returns {(lines: string[]) => Answer[]}
 */
export function oracleRunner(oracle) {
  return (lines) => {
    if (lines.length === 0) return [];
    const r = spawnSync(oracle, [], { input: `${lines.join("\n")}\n`, encoding: "utf8", maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new SetupError(`oracle exited with ${r.status}: ${r.stderr}`);
    const out = r.stdout.split("\n").slice(0, -1);
    if (out.length !== lines.length) throw new SetupError(`oracle answered ${out.length} lines for ${lines.length}`);
    return out.map((line) => {
      const [kind = "", ...rest] = line.split("\t");
      return { kind, detail: rest.join(" ") };
    });
  };
}

/**
 * @typedef {(pattern: unknown) => { pattern: { matches(event: unknown): boolean }, issues: readonly { message: string }[] }} ParsePattern
 */

/**
 * Our answer for one case: "true"/"false", "invalid" (issues non-empty), or "throw".
 * @param {ParsePattern} parsePattern
 * @returns {(patternText: string, eventText: string) => Answer}
 */
export function ourEngine(parsePattern) {
  return (patternText, eventText) => {
    try {
      const { pattern, issues } = parsePattern(JSON.parse(patternText));
      if (issues.length > 0) return { kind: "invalid", detail: issues.map((i) => i.message).join("; ") };
      return { kind: String(pattern.matches(JSON.parse(eventText))), detail: "" };
    } catch (error) {
      return { kind: "throw", detail: String(error instanceof Error ? error.stack : error) };
    }
  };
}
