// @ts-check
// The fuzzer's report: agreements, known differences, answers per operator, and the smallest
// disagreements (shrunk) per operator.
import { toJson } from "./json-text.mjs";
import { shrink, size } from "./shrink.mjs";

/** @typedef {import("./known.mjs").Answer} Answer */
/** @typedef {import("./known.mjs").Judged & { verdict: string }} Verdicted */

/**
 * Prints the report; returns the number of disagreements.
 * @param {{ seed: number, shrink: boolean, show: number }} opts
 * @param {Verdicted[]} cases
 * @param {(patternText: string, eventText: string) => Answer} ours
 * @param {(lines: string[]) => Answer[]} oracle
 */
export function printReport(opts, cases, ours, oracle) {
  /** @type {Map<string, { cases: number, true: number, false: number, invalid: number, disagree: number }>} */
  const byFocus = new Map();
  /** @type {Map<string, Verdicted[]>} */
  const bad = new Map();
  /** @type {Map<string, number>} */
  const known = new Map();
  let agreements = 0;
  for (const c of cases) {
    const row = byFocus.get(c.focus) ?? { cases: 0, true: 0, false: 0, invalid: 0, disagree: 0 };
    row.cases++;
    if (c.oracle.kind === "true" || c.oracle.kind === "false" || c.oracle.kind === "invalid") row[c.oracle.kind]++;
    byFocus.set(c.focus, row);
    if (c.verdict === "agree") agreements++;
    else if (c.verdict !== "disagree") known.set(c.verdict, (known.get(c.verdict) ?? 0) + 1);
    else {
      row.disagree++;
      bad.set(c.focus, [...(bad.get(c.focus) ?? []), c]);
    }
  }

  const disagreements = [...bad.values()].reduce((sum, list) => sum + list.length, 0);
  console.log(`fuzz-oracle: seed ${opts.seed}, ${cases.length} cases compared against aws/event-ruler`);
  console.log(`  agreements: ${agreements}; disagreements: ${disagreements}`);
  if (known.size > 0) {
    console.log("  known deliberate differences (answers differ as documented, not counted as disagreements):");
    for (const [why, k] of [...known].sort()) console.log(`    ${String(k).padStart(5)}  ${why}`);
  }
  console.log("  by operator (oracle answers true / false / invalid; disagreements):");
  for (const [focus, row] of [...byFocus].sort()) {
    console.log(`    ${focus.padEnd(22)} ${String(row.cases).padStart(5)} cases  ${row.true}/${row.false}/${row.invalid}${row.disagree > 0 ? `  DISAGREE ${row.disagree}` : ""}`);
  }
  for (const [focus, list] of [...bad].sort((a, b) => b[1].length - a[1].length)) {
    const examples = list.sort((x, y) => size(x) - size(y)).slice(0, opts.show);
    if (opts.shrink) shrink(examples, ours, oracle);
    console.log(`\n[${focus}] ${list.length} disagreement(s); smallest${opts.shrink ? ", shrunk" : ""}:`);
    for (const ex of examples.sort((x, y) => size(x) - size(y))) {
      console.log(`  pattern ${toJson(ex.pattern)}\n  event   ${toJson(ex.event)}`);
      console.log(`  ours: ${ex.ours.kind}${ex.ours.detail ? ` (${ex.ours.detail.split("\n")[0]})` : ""}  event-ruler: ${ex.oracle.kind}${ex.oracle.detail ? ` (${ex.oracle.detail.slice(0, 160)})` : ""}\n`);
    }
  }
  return disagreements;
}
