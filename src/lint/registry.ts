import type { LintCheck } from "./check.js";
import { busLimitsCheck, patternSizeCheck, unscopedCheck, wildcardCheck } from "./checks/eventbridge.js";
import { outcomeCheck, runbookCheck, testsCheck } from "./checks/hygiene.js";
import { eventNameCheck, eventSourceCheck, readOnlyCheck, requestParameterCheck } from "./checks/names.js";
import { contradictionCheck, duplicateCheck, swallowedCheck } from "./checks/never-match.js";

function registry(checks: readonly LintCheck[]): ReadonlyMap<string, LintCheck> {
  const map = new Map<string, LintCheck>();
  for (const check of checks) {
    if (map.has(check.name)) throw new Error(`lint check "${check.name}" is registered twice`);
    map.set(check.name, check);
  }
  return map;
}

/** Every lint check `trailwatch validate` runs, by the name its warnings end with. */
export const lintChecks: ReadonlyMap<string, LintCheck> = registry([
  eventNameCheck,
  eventSourceCheck,
  requestParameterCheck,
  readOnlyCheck,
  contradictionCheck,
  swallowedCheck,
  duplicateCheck,
  patternSizeCheck,
  unscopedCheck,
  wildcardCheck,
  busLimitsCheck,
  testsCheck,
  runbookCheck,
  outcomeCheck,
]);
