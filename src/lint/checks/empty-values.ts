import { keyPathOf } from "../../pattern/source.js";
import { patternsOf, type LintCheck } from "../check.js";
import { patternOperations } from "../facts.js";
import { SERVICES, type Operation } from "../operations.js";

/** Every emptyOnly member path of these operations (all known operations when the match is open-ended). */
function emptyOnlyPaths(ops: readonly Operation[] | undefined): Set<string> {
  const all = ops ?? SERVICES.flatMap((s) => s.operations);
  return new Set(all.flatMap((op) => op.emptyOnly ?? []));
}

export const emptyValueCheck: LintCheck = {
  name: "empty-value-field",
  summary: "Patterns on a request member that only ever holds {} (chatChannel.empty): event patterns see no value there; use the emptied view.",
  run(policies, report) {
    for (const lp of policies) {
      const paths = emptyOnlyPaths(patternOperations(lp.policy.match));
      if (paths.size === 0) continue;
      for (const { pattern, base } of patternsOf(lp.policy)) {
        for (const field of pattern.branches.flat()) {
          if (field.path[0] !== "requestParameters") continue;
          const member = [...paths].find((p) => field.order === `requestParameters.${p}` || field.order.startsWith(`requestParameters.${p}.`));
          if (member === undefined) continue;
          const depth = member.split(".").length;
          const effect = field.absent ? "matches whether or not the call sent it" : "never matches";
          report(lp, [...base, ...keyPathOf(field, depth)], `requestParameters.${member} only ever holds {} (an empty object), and EventBridge sees no value in {} or []: this condition ${effect}; match the emptied view instead: emptied: [${member}]`);
        }
      }
    }
  },
};
