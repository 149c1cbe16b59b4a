import { describeOperand, operandsOf } from "../../pattern/source.js";
import type { CompiledPattern, Conjunction, FieldCondition } from "../../pattern/types.js";
import { isJsonObject, isJsonPrimitive, type JsonObject } from "../../pattern/json.js";
import { patternsOf, type LintCheck } from "../check.js";
import { accepts, exactValues, fieldNamed, isExactList } from "../facts.js";

/**
 * CloudTrail fields that hold one value, never an array: two conditions on one of them in
 * the same branch must agree on that value. (Under an array, two conditions can be met by
 * different elements, so nothing is concluded there.)
 */
const SCALAR_FIELDS: ReadonlySet<string> = new Set([
  "eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
  "errorCode", "errorMessage", "requestID", "eventID", "readOnly", "eventType", "managementEvent",
  "recipientAccountId", "eventCategory", "sessionCredentialFromConsole", "sharedEventID", "vpcEndpointId",
  "userIdentity.type", "userIdentity.principalId", "userIdentity.arn", "userIdentity.accountId",
  "userIdentity.accessKeyId", "userIdentity.userName", "userIdentity.invokedBy",
  "userIdentity.sessionContext.attributes.mfaAuthenticated", "userIdentity.sessionContext.sessionIssuer.type",
  "userIdentity.sessionContext.sessionIssuer.arn", "userIdentity.sessionContext.sessionIssuer.userName",
]);

/** Fields every CloudTrail record has (CloudTrail User Guide, record contents). */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set([
  "eventVersion", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "eventID", "eventType", "recipientAccountId",
]);

const onlyAbsent = (f: FieldCondition): boolean => f.absent && f.tests.length === 0;
const acceptsAnyValue = (f: FieldCondition): boolean => f.matchers.some((m) => m.kind === "test" && m.operator === "exists");

/** Whether no single value (or its absence) satisfies both conditions on one scalar field. */
function contradicts(source: JsonObject, f: FieldCondition, g: FieldCondition): boolean {
  if (onlyAbsent(f) || onlyAbsent(g)) return onlyAbsent(f) ? !g.absent : !f.absent;
  if (f.absent && g.absent) return false;
  const candidates = [...exactValues(source, f), ...exactValues(source, g)];
  if (candidates.some((v) => accepts(f, v) && accepts(g, v))) return false;
  // Proven only when one side is a finite list of exact values, all of them tried above.
  return isExactList(source, f) || isExactList(source, g);
}

function contradiction(source: JsonObject, branch: Conjunction): [FieldCondition, FieldCondition] | undefined {
  for (let i = 0; i < branch.length; i++) {
    for (let j = i + 1; j < branch.length; j++) {
      const [f, g] = [branch[i] as FieldCondition, branch[j] as FieldCondition];
      if (f.order === g.order && SCALAR_FIELDS.has(f.order) && contradicts(source, f, g)) return [f, g];
    }
  }
  return undefined;
}

function describeField(source: JsonObject, f: FieldCondition): string {
  const operands = operandsOf(source, f).map(describeOperand);
  return operands.length > 3 ? `${operands.slice(0, 3).join(" or ")} or …` : operands.join(" or ");
}

export const contradictionCheck: LintCheck = {
  name: "never-matches",
  summary: "Patterns (or $or branches) that require one field to be two incompatible things at once.",
  run(policies, report) {
    for (const lp of policies) {
      for (const { pattern, base } of patternsOf(lp.policy)) {
        const found = pattern.branches.map((b) => contradiction(pattern.source, b));
        const all = found.every((c) => c !== undefined);
        const label = base[0] === "match" ? "match" : `unless[${String(base[1])}]`;
        found.forEach((pair, i) => {
          if (pair === undefined || (all && i > 0)) return;
          const [f, g] = pair;
          const why = `${f.order} would have to be ${describeField(pattern.source, f)} and ${describeField(pattern.source, g)} at once`;
          const what = all ? `${label} can never match${pattern.branches.length > 1 ? " (every $or branch has a conflict like this one)" : ""}` : `$or branch ${i + 1} of ${label} can never match`;
          report(lp, [...base, ...g.at], `${what}: ${why}; remove one condition or move it into its own $or branch`);
        });
      }
    }
  },
};

/** Whether every event the match branch lets through satisfies the exception's field. */
function implied(exception: FieldCondition, branch: Conjunction, source: JsonObject): boolean {
  const field = fieldNamed(branch, exception.order);
  if (field === undefined) return acceptsAnyValue(exception) && (exception.absent || ALWAYS_PRESENT.has(exception.order));
  if (onlyAbsent(field)) return exception.absent;
  if (field.absent && !exception.absent) return false;
  if (acceptsAnyValue(exception)) return true;
  // Provable only for a list of exact values (plus exists:false): each is tried with the exception's matchers.
  return operandsOf(source, field).every((v) => (isJsonPrimitive(v) ? accepts(exception, v) : isJsonObject(v) && v.exists === false));
}

function swallows(exception: CompiledPattern, match: CompiledPattern): boolean {
  return match.branches.every((branch) =>
    contradiction(match.source, branch) !== undefined ||
    exception.branches.some((e) => e.every((f) => implied(f, branch, match.source))),
  );
}

export const swallowedCheck: LintCheck = {
  name: "unless-swallows-match",
  summary: "An unless pattern that matches every event the match allows, so the policy never alerts.",
  run(policies, report) {
    for (const lp of policies) {
      const { match, unless } = lp.policy;
      if (match.branches.every((b) => contradiction(match.source, b) !== undefined)) continue;
      unless.forEach((exception, i) => {
        if (!swallows(exception, match)) return;
        report(lp, ["unless", i], `unless[${i}] suppresses every event the match allows, so this policy can never alert: narrow the exception with the field that tells the expected case apart (sourceIPAddress, userIdentity...) or remove it`);
      });
    }
  },
};

/** A pattern as a key where the order of keys and of list elements does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(",")}]`;
  if (isJsonObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

export const duplicateCheck: LintCheck = {
  name: "duplicate-policy",
  summary: "Two policies with the same match and unless: they alert on exactly the same events.",
  run(policies, report) {
    const seen = new Map<string, (typeof policies)[number]>();
    for (const lp of policies) {
      const key = canonical({ match: lp.policy.matchSource, unless: lp.policy.unless.map((u) => u.source) });
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, lp);
        continue;
      }
      report(lp, ["match"], `same match and unless as ${first.policy.id} (${first.policy.file}): both alert on exactly the same events; merge them into one policy or make them differ`);
    }
  },
};
