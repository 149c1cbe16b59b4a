import { operandsOf } from "../../pattern/source.js";
import { compileRulePatterns, MAX_PATTERN_CHARS, MAX_RULES_PER_BUS } from "../../deploy/rule-patterns.js";
import { isJsonObject, type JsonValue } from "../../pattern/json.js";
import { patternsOf, type LintCheck } from "../check.js";

/** Amazon EventBridge quotas (User Guide, eb-quota.html): targets per rule, rules with wildcards per bus. */
export const MAX_TARGETS_PER_RULE = 5;
export const MAX_WILDCARD_RULES_PER_BUS = 30;

/** The wildcard text of `{wildcard: ...}` or `{anything-but: {wildcard: ...}}`. */
function wildcardText(operand: JsonValue): string | undefined {
  if (!isJsonObject(operand)) return undefined;
  if (typeof operand.wildcard === "string") return operand.wildcard;
  const inner = operand["anything-but"];
  return isJsonObject(inner) && typeof inner.wildcard === "string" ? inner.wildcard : undefined;
}

/** `*text*`: a star at both ends (an escaped `\*` at the end is a literal star, not a wildcard). */
function openAtBothEnds(text: string): boolean {
  return text.length > 1 && text.startsWith("*") && text.endsWith("*") && !text.endsWith("\\*");
}

export const patternSizeCheck: LintCheck = {
  name: "eventbridge-pattern-size",
  summary: `A policy whose own EventBridge rule pattern exceeds ${MAX_PATTERN_CHARS} characters.`,
  run(policies, report) {
    for (const lp of policies) {
      const longest = Math.max(0, ...compileRulePatterns([lp.policy]).patterns.map((p) => JSON.stringify(p).length));
      if (longest <= MAX_PATTERN_CHARS) continue;
      report(lp, ["match"], `the EventBridge pattern for this policy is ${longest} characters, above EventBridge's ${MAX_PATTERN_CHARS}; shorten long operator values in eventName or split the policy`);
    }
  },
};

export const unscopedCheck: LintCheck = {
  name: "eventbridge-unscoped",
  summary: "A policy with no exact eventSource: its rule receives every CloudTrail API call of the account.",
  run(policies, report) {
    for (const lp of policies) {
      if (compileRulePatterns([lp.policy]).unscoped.length === 0) continue;
      report(lp, ["match"], "match names no exact eventSource, so its EventBridge rule receives every CloudTrail API call in the account (cost, Lambda invocations): add eventSource: [ssm-contacts.amazonaws.com, ...]");
    }
  },
};

export const wildcardCheck: LintCheck = {
  name: "wildcard-both-ends",
  summary: "wildcard values with * at both ends: the costliest EventBridge patterns, and counted toward its wildcard limits.",
  run(policies, report) {
    for (const lp of policies) {
      for (const { pattern, base } of patternsOf(lp.policy)) {
        const seen = new Set<string>();
        for (const field of pattern.branches.flat()) {
          if (seen.has(JSON.stringify(field.at))) continue;
          seen.add(JSON.stringify(field.at));
          operandsOf(pattern.source, field).forEach((operand, i) => {
            const text = wildcardText(operand);
            if (text === undefined || !openAtBothEnds(text)) return;
            report(lp, [...base, ...field.at, i], `wildcard "${text}" has * at both ends: EventBridge evaluates these most expensively (long fields such as userAgent or errorMessage make it worse) and limits rules with wildcards to ${MAX_WILDCARD_RULES_PER_BUS} per bus; use prefix, suffix or exact values`);
          });
        }
      }
    }
  },
};

export const busLimitsCheck: LintCheck = {
  name: "eventbridge-bus-limits",
  summary: `The deployed rules against EventBridge's quotas: ${MAX_RULES_PER_BUS} rules per bus, ${MAX_TARGETS_PER_RULE} targets per rule, ${MAX_WILDCARD_RULES_PER_BUS} rules with wildcards.`,
  run(policies, report, options) {
    const { patterns } = compileRulePatterns(policies.map((lp) => lp.policy));
    if (patterns.length > MAX_RULES_PER_BUS) {
      report(undefined, [], `the policies compile to ${patterns.length} EventBridge rules, above the default quota of ${MAX_RULES_PER_BUS} per event bus: merge policies per service or request a quota increase`);
    }
    const wildcards = patterns.filter((p) => JSON.stringify(p).includes('"wildcard":')).length;
    if (wildcards > MAX_WILDCARD_RULES_PER_BUS) {
      report(undefined, [], `${wildcards} EventBridge rules use wildcard, above EventBridge's ${MAX_WILDCARD_RULES_PER_BUS} per bus: replace eventName wildcards with exact names`);
    }
    const targets = options.targetsPerRule ?? 1;
    if (targets > MAX_TARGETS_PER_RULE) {
      report(undefined, [], `each rule would have ${targets} targets, above EventBridge's ${MAX_TARGETS_PER_RULE}: fan out from the alert function (SNS, routes) instead`);
    }
  },
};
