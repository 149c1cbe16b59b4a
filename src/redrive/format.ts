import type { AlertOutcome } from "../pipeline/process.js";
import type { Disposition, MessageResult, PlannedAlert, RedriveReport } from "./redrive.js";

const STATUS: Readonly<Record<Disposition, string>> = {
  deleted: "redriven",
  kept: "kept",
  "would-delete": "would redrive",
  "would-keep": "would keep",
};
const STATUS_WIDTH = Math.max(...Object.values(STATUS).map((s) => s.length));
const MAX_REASON = 300;

/** One line, bounded: an error message may carry newlines or a whole stack of failures. */
function oneLine(text: string, max = MAX_REASON): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function outcomeText(o: AlertOutcome): string {
  if (o.decision === "dedupe") return `${o.alert.policy}: deduplicated (an earlier event with the same key alerted)`;
  if (o.decision === "silenced") return `${o.alert.policy}: held by a silence (counted for its end summary)`;
  if (o.decision === "throttle") return `${o.alert.policy}: throttled (counted for the next summary)`;
  const parts = [
    o.delivered.length > 0 ? `delivered to ${o.delivered.join(", ")}` : undefined,
    o.skipped.length > 0 ? `skipped ${o.skipped.join(", ")} (already delivered, per the delivery ledger)` : undefined,
    ...o.failures.map((f) => `FAILED ${f.destination} (${oneLine(f.reason, 160)})`),
  ];
  return `${o.alert.policy}: ${parts.filter((p) => p !== undefined).join(", ")}`;
}

const planText = (p: PlannedAlert): string => `${p.policy}: would deliver to ${p.destinations.join(", ")}`;

function detail(result: MessageResult): string {
  if (!result.parsed.ok) return `unusable: ${result.problem ?? ""}`;
  if (result.disposition === "would-delete") {
    return result.plan.length > 0 ? result.plan.map(planText).join("; ") : "no policy matches: nothing to deliver, would delete";
  }
  const delivery = result.outcomes.length > 0 ? result.outcomes.map(outcomeText).join("; ") : "no policy matches: nothing to deliver";
  if (result.problem === undefined || result.outcomes.some((o) => o.failures.length > 0)) return delivery;
  return result.outcomes.length > 0 ? `${delivery}; ${result.problem}` : result.problem;
}

/** `redriven <MessageId> eventID <id> <eventName> (<shape>): <what happened> | failed before: <reason>` */
export function formatResult(result: MessageResult): string {
  const { message, parsed } = result;
  const subject = parsed.ok ? `eventID ${parsed.record.eventID ?? "?"} ${parsed.record.eventName} (${parsed.shape})` : `(${parsed.shape ?? "unrecognised body"})`;
  const before = parsed.reason === undefined ? "" : ` | failed before: ${oneLine(parsed.reason)}`;
  return `${STATUS[result.disposition].padEnd(STATUS_WIDTH)}  ${message.id}  ${subject}: ${detail(result)}${before}`;
}

function count(results: readonly MessageResult[], test: (r: MessageResult) => boolean): number {
  return results.filter(test).length;
}

/** The closing line: how many went, how many stay and why. */
export function formatSummary(report: RedriveReport, dryRun: boolean): string {
  const { results } = report;
  const unusable = count(results, (r) => !r.parsed.ok);
  if (dryRun) {
    const would = count(results, (r) => r.disposition === "would-delete");
    return `${results.length} message(s) examined (dry run: nothing delivered, deleted or decided): ${would} would be redriven, ${unusable} would stay (unusable)`;
  }
  const deleted = count(results, (r) => r.disposition === "deleted");
  const failed = count(results, (r) => r.parsed.ok && r.disposition === "kept");
  const skipped = results.reduce((n, r) => n + r.outcomes.reduce((m, o) => m + o.skipped.length, 0), 0);
  const ledger = skipped > 0 ? `; ${skipped} destination(s) skipped as already delivered` : "";
  return `${results.length} message(s): ${deleted} redriven and deleted, ${unusable + failed} kept in the queue (${unusable} unusable, ${failed} not fully delivered)${ledger}`;
}
