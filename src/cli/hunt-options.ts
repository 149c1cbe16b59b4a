import { buildPrefilter, type Prefilter } from "../hunt/prefilter.js";
import type { Policy } from "../policy/types.js";
import { selectPolicies } from "../replay/engine.js";
import type { TimeWindow } from "../replay/time-window.js";
import { RULES_OPTION, UsageError, type Io } from "./io.js";
import { loadRulesOrReport } from "./load-rules.js";
import { parseWindow } from "./replay.js";

/** The flags `hunt` and `sql` share, so `sql` prints exactly the query `hunt` runs. */
export const SELECTION_OPTIONS = {
  ...RULES_OPTION,
  since: { type: "string" },
  until: { type: "string" },
  policy: { type: "string", multiple: true },
} as const;

export interface Selection {
  readonly policies: Policy[];
  readonly window: TimeWindow;
  readonly prefilter: Prefilter;
}

/** `--policy ID` may repeat; each must name a policy. Undefined when the rules do not load (reported). */
export function selectHuntPolicies(values: { rules: string; since?: string; until?: string; policy?: string[] }, io: Io): Selection | undefined {
  const window = parseWindow(values.since, values.until);
  const loaded = loadRulesOrReport(values.rules, io);
  if (loaded === undefined) return undefined;
  const ids = values.policy ?? [];
  const policies: Policy[] = [];
  for (const id of ids.length === 0 ? [undefined] : ids) {
    const chosen = selectPolicies(loaded, id);
    if (typeof chosen === "string") throw new UsageError(`${chosen} in ${values.rules}`);
    for (const policy of chosen) if (!policies.includes(policy)) policies.push(policy);
  }
  return { policies, window, prefilter: buildPrefilter(policies) };
}
