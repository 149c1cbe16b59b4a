import { actorOf, type Actor } from "../record/actor.js";
import { matchSubject } from "../policy/policy-set.js";
import type { Policy } from "../policy/types.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { hiddenLine, policyLines, recordLines } from "./format.js";
import { explainPolicy, type PolicyExplanation } from "./policy.js";

export { explainPattern, type PatternExplanation } from "./pattern.js";
export { explainPolicy, type PolicyExplanation } from "./policy.js";

export interface ExplainOptions {
  /** Include policies that missed on eventName or eventSource (otherwise only counted). */
  readonly all?: boolean;
}

/** What `explain --json` prints for one record. */
export interface RecordExplanation {
  readonly origin: string;
  readonly eventID: string | null;
  readonly eventName: string | null;
  readonly eventSource: string | null;
  readonly actor: Actor;
  /** Policies that alerted, were suppressed or nearly matched (all of them with `all`). */
  readonly policies: readonly PolicyExplanation[];
  /** Policies left out, counted by the field they missed on. */
  readonly hidden: Readonly<Record<string, number>>;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Ranks alerts first, then suppressed, then misses, keeping load order inside each group. */
const RANK = { alert: 0, suppressed: 1, "no-match": 2 } as const;

export function explainRecord(policies: readonly Policy[], record: CloudTrailRecord, origin: string, options: ExplainOptions = {}): RecordExplanation {
  const subject = matchSubject(policies, record);
  const all = policies.map((policy) => explainPolicy(policy, record, subject));
  const shown = all.filter((e) => options.all === true || e.relevant).sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  const hidden: Record<string, number> = {};
  for (const e of all) if (!shown.includes(e)) hidden[e.missedOn ?? "?"] = (hidden[e.missedOn ?? "?"] ?? 0) + 1;
  return {
    origin,
    eventID: text(record.eventID),
    eventName: text(record.eventName),
    eventSource: text(record.eventSource),
    actor: actorOf(record),
    policies: shown,
    hidden,
  };
}

/** The readable form: the record and caller, one block per shown policy, then the hidden count. */
export function recordExplanationText(exp: RecordExplanation, record: CloudTrailRecord): string {
  const blocks = exp.policies.map((p) => policyLines(p).join("\n"));
  const counts = new Map(Object.entries(exp.hidden).sort((a, b) => b[1] - a[1]));
  const alerts = exp.policies.filter((p) => p.verdict === "alert").length;
  const tail = [hiddenLine(counts), `  ${alerts} alert(s)`].filter((l): l is string => l !== undefined);
  return [recordLines(record, exp.origin).join("\n"), ...blocks, tail.join("\n")].join("\n\n");
}
