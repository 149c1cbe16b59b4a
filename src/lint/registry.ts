import { buildRegistry } from "../registry.js";
import type { LintCheck } from "./check.js";
import { busLimitsCheck, patternSizeCheck, unscopedCheck, wildcardCheck } from "./checks/eventbridge.js";
import { outcomeCheck, runbookCheck, testsCheck, wrappedRunbookCheck } from "./checks/hygiene.js";
import { eventNameCheck, eventSourceCheck, readOnlyCheck, requestParameterCheck } from "./checks/names.js";
import { emptyValueCheck } from "./checks/empty-values.js";
import { contradictionCheck, duplicateCheck, swallowedCheck } from "./checks/never-match.js";

/** Every lint check `trailwatch validate` runs, by the name its warnings end with. */
export const lintChecks: ReadonlyMap<string, LintCheck> = buildRegistry("lint check", [
  eventNameCheck,
  eventSourceCheck,
  requestParameterCheck,
  readOnlyCheck,
  emptyValueCheck,
  contradictionCheck,
  swallowedCheck,
  duplicateCheck,
  patternSizeCheck,
  unscopedCheck,
  wildcardCheck,
  busLimitsCheck,
  testsCheck,
  runbookCheck,
  wrappedRunbookCheck,
  outcomeCheck,
], (check) => check.name);
