import { compilePattern, type CompiledPattern } from "../pattern/index.js";
import { createPolicySet } from "../policy/policy-set.js";
import type { Policy } from "../policy/types.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { compileRulePatterns, envelopeFor } from "./rule-patterns.js";

/** What the deployed rules do with a corpus: how many records reach the function, how many alert. */
export interface PatternStats {
  readonly records: number;
  /** Records some deployed rule passes to the function. */
  readonly passed: number;
  /** The same with rules filtering on eventSource and eventName only (the rules before conditions were compiled). */
  readonly passedNameOnly: number;
  /** Records some policy alerts on. */
  readonly alerting: number;
  /** Alerting records no deployed rule passes: false negatives, always a bug. */
  readonly missed: number;
  readonly missedExamples: readonly string[];
}

const matchesAny = (patterns: readonly CompiledPattern[], envelope: unknown) => patterns.some((p) => p.matches(envelope));

/** A counter fed one record at a time, so a corpus never has to fit in memory. */
export function createPatternStats(policies: readonly Policy[]) {
  const deployed = compileRulePatterns(policies).patterns.map((p) => compilePattern(p));
  const nameOnly = compileRulePatterns(policies, { conditions: false }).patterns.map((p) => compilePattern(p));
  const set = createPolicySet(policies);
  let records = 0;
  let passed = 0;
  let passedNameOnly = 0;
  let alerting = 0;
  let missed = 0;
  const missedExamples: string[] = [];
  return {
    add(record: CloudTrailRecord): void {
      records++;
      const envelope = envelopeFor(record);
      const through = matchesAny(deployed, envelope);
      if (through) passed++;
      if (matchesAny(nameOnly, envelope)) passedNameOnly++;
      if (set.evaluate(record).length === 0) return;
      alerting++;
      if (through) return;
      missed++;
      if (missedExamples.length < 10) missedExamples.push(`${String(record.eventName)} ${String(record.eventID)}`);
    },
    result(): PatternStats {
      return { records, passed, passedNameOnly, alerting, missed, missedExamples };
    },
  };
}

const pct = (n: number, of: number) => (of === 0 ? "0.0%" : `${((100 * n) / of).toFixed(1)}%`);
const num = (n: number) => n.toLocaleString("en-US");

export function formatPatternStats(s: PatternStats): string[] {
  return [
    `records                          ${num(s.records)}`,
    `passed by the deployed rules     ${num(s.passed)} (${pct(s.passed, s.records)})`,
    `passed by name-only rules        ${num(s.passedNameOnly)} (${pct(s.passedNameOnly, s.records)})  eventSource + eventName, as before conditions were compiled`,
    `alerting                         ${num(s.alerting)} (${pct(s.alerting, s.records)})`,
    `passed without alerting          ${num(s.passed - (s.alerting - s.missed))}`,
    `alerting but not passed          ${num(s.missed)}${s.missed > 0 ? `  FALSE NEGATIVES, e.g. ${s.missedExamples.join("; ")}` : ""}`,
  ];
}
