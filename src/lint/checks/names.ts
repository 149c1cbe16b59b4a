import { describeOperand, keyPathOf, operandsOf } from "../../pattern/source.js";
import type { CompiledPattern, FieldCondition } from "../../pattern/types.js";
import type { JsonObject, JsonPath, JsonValue } from "../../pattern/json.js";
import { closest, didYouMean, editDistance } from "../../text/did-you-mean.js";
import { parseTemplate, templatePaths, type Template } from "../../alert/template.js";
import { patternsOf, type LintCheck, type LintedPolicy, type Report } from "../check.js";
import { fieldNamed, patternOperations, patternServices, servicesOf, someNames } from "../facts.js";
import { KNOWN_EVENT_SOURCES, PAGINATION_PARAMETERS, type Service } from "../operations.js";

/** Every field of a policy's patterns at `order`, once per place in the source (branches share fields). */
function fieldsNamed(lp: LintedPolicy, test: (field: FieldCondition) => boolean): { field: FieldCondition; base: JsonPath; services: Service[] | undefined; source: JsonObject }[] {
  const seen = new Set<string>();
  const matchServices = patternServices(lp.policy.match);
  return patternsOf(lp.policy).flatMap(({ pattern, base }) =>
    pattern.branches.flatMap((branch) =>
      branch.filter(test).flatMap((field) => {
        const key = JSON.stringify([base, field.at]);
        if (seen.has(key)) return [];
        seen.add(key);
        // An unless pattern is about the calls the match lets through.
        const services = base[0] === "match" ? servicesOf(pattern.source, branch) : matchServices;
        return [{ field, base, services, source: pattern.source }];
      }),
    ),
  );
}

/** Whether an eventName operand can match one of `names` (exact values by name, operators by trying each). */
function operandMatches(field: FieldCondition, operand: JsonValue, i: number, names: readonly string[]): boolean {
  const matcher = field.matchers[i];
  if (matcher === undefined || matcher.kind === "absent") return true;
  return typeof operand === "string" ? names.includes(operand) : names.some((n) => matcher.test(n));
}

/** Operation names the branch's services have; undefined when the branch is not about known services. */
function namesFor(services: Service[] | undefined): string[] | undefined {
  return services === undefined || services.length === 0 ? undefined : services.flatMap((s) => s.operations.map((op) => op.name));
}

/** A match whose every branch requires an eventName no operation has: the policy can never alert. */
function matchNeverFires(match: CompiledPattern): boolean {
  return match.branches.every((branch) => {
    const names = namesFor(servicesOf(match.source, branch));
    const field = fieldNamed(branch, "eventName");
    if (names === undefined || field === undefined || field.absent) return false;
    return operandsOf(match.source, field).every((operand, i) => !operandMatches(field, operand, i, names));
  });
}

export const eventNameCheck: LintCheck = {
  name: "unknown-event-name",
  summary: "eventName values (or operators) that no operation of the named Incident Manager services has; an error when no value of the match can ever match.",
  run(policies, report) {
    for (const lp of policies) {
      const dead = matchNeverFires(lp.policy.match);
      for (const { field, base, services, source } of fieldsNamed(lp, (f) => f.order === "eventName")) {
        const names = namesFor(services);
        if (names === undefined) continue;
        const what = `${(services as Service[]).map((s) => s.name).join(" or ")} operation`;
        const level = dead && base[0] === "match" ? "error" : "warning";
        const never = level === "error" ? "no value of this eventName list ever matches, so the policy can never alert" : "so this value never matches";
        operandsOf(source, field).forEach((operand, i) => {
          if (operandMatches(field, operand, i, names)) return;
          const at = [...base, ...field.at, i];
          if (typeof operand === "string") {
            const hint = closest(operand, names);
            report(lp, at, `"${operand}" is not an ${what}${hint ? ` (did you mean "${hint}"?)` : ""}, ${never}; see data/operations.json for the operation list`, level);
          } else {
            report(lp, at, `${describeOperand(operand)} matches no ${what}, ${never}; list the operations by name`, level);
          }
        });
      }
    }
  },
};

function sourceHint(value: string): string | undefined {
  if (value.startsWith("aws.")) {
    return `"${value}" is the EventBridge source; the CloudTrail record's eventSource is "${value.slice(4)}.amazonaws.com"`;
  }
  let best: string | undefined;
  // The edit distance is at least the difference in length: most sources (s3, iam...) are skipped without computing it.
  for (const known of KNOWN_EVENT_SOURCES) if (best === undefined && Math.abs(value.length - known.length) <= 2 && editDistance(value, known) <= 2) best = known;
  return best === undefined ? undefined : `"${value}" is not an Incident Manager eventSource (did you mean "${best}"?): no CloudTrail record carries it`;
}

export const eventSourceCheck: LintCheck = {
  name: "unknown-event-source",
  summary: "eventSource values one typo away from ssm-contacts/ssm-incidents, or the EventBridge `aws.` spelling.",
  run(policies, report) {
    for (const lp of policies) {
      for (const { field, base, source } of fieldsNamed(lp, (f) => f.order === "eventSource")) {
        operandsOf(source, field).forEach((operand, i) => {
          if (typeof operand !== "string" || KNOWN_EVENT_SOURCES.includes(operand)) return;
          const hint = sourceHint(operand);
          if (hint !== undefined) report(lp, [...base, ...field.at, i], hint);
        });
      }
    }
  },
};

function checkMember(lp: LintedPolicy, report: Report, at: JsonPath, member: string, opNames: string, known: readonly string[], hole = ""): void {
  if (known.includes(member)) return;
  const spelled = known.find((k) => k.toLowerCase() === member.toLowerCase());
  if (spelled !== undefined) {
    report(lp, at, `${hole}CloudTrail writes this request member as "${spelled}" (first letter lower-cased), not "${member}": use requestParameters.${spelled}`);
    return;
  }
  report(lp, at, `${hole}no operation this policy matches (${opNames}) has a request parameter "${member}"${didYouMean(member, known)}; known: ${someNames(known, 8)}`);
}

/** The policy's templates with their YAML paths: summary, dedupe key, throttle group. */
function templatesOf(lp: LintedPolicy): { at: JsonPath; template: Template }[] {
  const { policy } = lp;
  const written: [JsonPath, string | undefined][] = [
    [["summary"], Object.hasOwn(lp.raw, "summary") ? policy.summary : undefined],
    [["dedupe", "key"], policy.dedupe?.key],
    [["throttle", "groupBy"], policy.throttle?.groupBy],
  ];
  return written.flatMap(([at, text]) => {
    const parsed = text === undefined ? undefined : parseTemplate(text);
    return parsed === undefined || typeof parsed === "string" ? [] : [{ at, template: parsed }];
  });
}

export const requestParameterCheck: LintCheck = {
  name: "unknown-request-parameter",
  summary: "requestParameters members (in patterns and templates) in the wrong case or unknown to the operations the policy matches.",
  run(policies, report) {
    for (const lp of policies) {
      const ops = patternOperations(lp.policy.match);
      if (ops === undefined || ops.length === 0) continue;
      const known = [...new Set([...ops.flatMap((op) => op.requestParameters), ...PAGINATION_PARAMETERS])];
      const opNames = someNames(ops.map((op) => op.name), 3);
      const isMember = (f: FieldCondition) => f.path[0] === "requestParameters" && f.path.length >= 2;
      for (const { field, base } of fieldsNamed(lp, isMember)) {
        checkMember(lp, report, [...base, ...keyPathOf(field, 1)], field.path[1] as string, opNames, known);
      }
      for (const { at, template } of templatesOf(lp)) {
        for (const hole of templatePaths(template)) {
          const [head, member] = hole.path;
          if (head === "requestParameters" && typeof member === "string") checkMember(lp, report, at, member, opNames, known, `{{${hole.source}}}: `);
        }
      }
    }
  },
};

export const readOnlyCheck: LintCheck = {
  name: "read-only-flag",
  summary: "Patterns that decide on `readOnly`, which CloudTrail gets wrong for Incident Manager.",
  run(policies, report) {
    for (const lp of policies) {
      for (const { field, base } of fieldsNamed(lp, (f) => f.order === "readOnly")) {
        report(lp, [...base, ...keyPathOf(field, 0)], "readOnly is unreliable here (AWS's own DeleteContactChannel record says readOnly: true): match an explicit eventName list instead (data/operations.json marks each operation read-only or mutating)");
      }
    }
  },
};
