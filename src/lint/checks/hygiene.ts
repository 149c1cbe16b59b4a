import { keyPathOf } from "../../pattern/source.js";
import type { Conjunction, FieldCondition } from "../../pattern/types.js";
import type { JsonPath } from "../../pattern/json.js";
import type { LintCheck } from "../check.js";
import { fieldNamed } from "../facts.js";

export const testsCheck: LintCheck = {
  name: "missing-tests",
  summary: "Policies without tests, or without a negative test (an event that must not alert).",
  run(policies, report) {
    for (const lp of policies) {
      const { tests } = lp.policy;
      if (tests.length === 0) {
        report(lp, ["match"], "no tests: add one that must alert (alert: true) and a near miss that must not (alert: false), so `trailwatch test` guards the policy");
      } else if (!tests.some((t) => !t.alert)) {
        report(lp, ["tests"], "no negative test: add a near miss that must not alert (alert: false), e.g. the same call by an expected principal or a read-only call");
      }
    }
  },
};

export const runbookCheck: LintCheck = {
  name: "missing-runbook",
  summary: "critical and high policies without a description, which is the alert's runbook (\"What to do\").",
  run(policies, report) {
    for (const lp of policies) {
      const { severity, description } = lp.policy;
      if ((severity !== "critical" && severity !== "high") || description !== undefined) continue;
      report(lp, ["severity"], `${severity} policy without description: write the runbook (what happened, why it matters, first checks); alerts show it under "What to do"`);
    }
  },
};

/** A list item starts its own line; so does the line after a heading ("First checks:"). */
const LIST_ITEM = /^\s*(?:\d+[.)]|[-*•])\s/;

/** 1-based line numbers within `text` that continue the line before it: a hard wrap. */
export function hardWrappedLines(text: string): number[] {
  const lines = text.split("\n");
  const wrapped: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1] ?? "";
    const line = lines[i] ?? "";
    if (before.trim() === "" || line.trim() === "" || LIST_ITEM.test(line) || before.trimEnd().endsWith(":")) continue;
    wrapped.push(i + 1);
  }
  return wrapped;
}

export const wrappedRunbookCheck: LintCheck = {
  name: "wrapped-runbook",
  summary: "A description (the alert's runbook) with line breaks inside a paragraph, which phones and Slack show as ragged breaks.",
  run(policies, report) {
    for (const lp of policies) {
      const wrapped = lp.policy.description === undefined ? [] : hardWrappedLines(lp.policy.description);
      if (wrapped.length === 0) continue;
      report(lp, ["description"], `line ${wrapped.join(", ")} of the description continues the line before, and alerts show every line break as written: put each paragraph and list item on one line (or use YAML ">"); remarks for policy authors belong in notes`);
    }
  },
};

/** errorCode must be absent (success), or present (failure), in this branch; undefined when it does not say. */
function requiredOutcome(branch: Conjunction): { outcome: "success" | "failure"; field: FieldCondition } | undefined {
  const errorCode = fieldNamed(branch, "errorCode");
  if (errorCode !== undefined && errorCode.tests.length === 0 && errorCode.absent) return { outcome: "success", field: errorCode };
  if (errorCode !== undefined && !errorCode.absent) return { outcome: "failure", field: errorCode };
  // responseElements is null for failed calls: requiring a member of it means success only.
  const response = branch.find((f) => f.path[0] === "responseElements" && f.path.length > 1 && !f.absent);
  return response === undefined ? undefined : { outcome: "success", field: response };
}

export const outcomeCheck: LintCheck = {
  name: "implicit-outcome",
  summary: "Policies whose match only allows successful (or only failed) calls without saying so with outcome.",
  run(policies, report) {
    for (const lp of policies) {
      const written = lp.raw.outcome;
      if (written !== undefined && written !== "any") continue;
      const found = lp.policy.match.branches.map(requiredOutcome);
      const first = found[0];
      if (first === undefined || !found.every((f) => f?.outcome === first.outcome)) continue;
      const at: JsonPath = ["match", ...keyPathOf(first.field, first.field.path.length - 1)];
      const how = first.field.order === "errorCode" ? "errorCode" : `${first.field.order} (responseElements is null when a call fails)`;
      const fix = written === "any" ? `outcome says any, but match only lets ${first.outcome === "success" ? "successful" : "failed"} calls through via ${how}` : `this policy only alerts on ${first.outcome === "success" ? "successful" : "failed"} calls (via ${how}) without saying so`;
      report(lp, at, `${fix}: write outcome: ${first.outcome}${first.field.order === "errorCode" ? " and drop the errorCode condition" : ", or match on requestParameters so that failed attempts alert too"}`);
    }
  },
};
