import { RECORD_VIEWS } from "../record/views.js";
import { didYouMean } from "../text/did-you-mean.js";
import { RECORD_KEYS } from "../record/fields.js";

/** Keys of the EventBridge envelope, which people write when they copy a deployed rule. */
const ENVELOPE_KEYS: readonly string[] = ["detail", "detail-type", "source", "account", "region", "time", "version", "id"];

/**
 * What is wrong with a path into the record (a template hole or a pattern field), when it
 * can never hold a value: an unknown top-level key, or a key a view does not have.
 * Undefined when the path may hold a value.
 */
export function recordPathProblem(path: readonly (string | number)[]): string | undefined {
  const [head, next] = path;
  if (typeof head !== "string") return "a path starts with a field name";
  const view = RECORD_VIEWS.get(head);
  if (view === undefined) {
    if (RECORD_KEYS.includes(head)) return undefined;
    if (ENVELOPE_KEYS.includes(head)) {
      return `"${head}" is a key of the EventBridge envelope; policies are written over the CloudTrail record itself (EventBridge's detail), so write ${head === "detail" ? "its keys at the top level" : "eventSource, awsRegion or recipientAccountId instead"}`;
    }
    const candidates = [...RECORD_KEYS, ...RECORD_VIEWS.keys()];
    return `"${head}" is neither a CloudTrail record field nor a view (${[...RECORD_VIEWS.keys()].join(", ")})${didYouMean(head, candidates)}, so it never has a value`;
  }
  if (next === undefined) return undefined;
  if (view.keys === undefined) {
    return typeof next === "number" ? undefined : `${head} is a list (${view.summary}): use it whole (in a pattern "${head}: [...]", in a template {{${head}}}), not ${head}.${next}`;
  }
  if (typeof next === "number") return `${head} is not a list; it has keys ${view.keys.join(", ")}`;
  if (view.keys.includes(next) && path.length === 2) return undefined;
  if (!view.keys.includes(next)) {
    return `${head} has no key "${next}"${didYouMean(next, view.keys)}; it has exactly ${view.keys.join(", ")}`;
  }
  return `${head}.${next} holds a single value, with nothing under it`;
}
