/**
 * The request parameters a call set to an empty object or list, as dotted paths under
 * `requestParameters` (`engagements`, `chatChannel.empty`). EventBridge flattens an event to
 * its leaf values, so `{}` and `[]` look exactly like an absent field to a pattern: this list
 * is how a policy tells "engagements emptied" from "engagements not sent". List indexes are
 * left out of paths, as in event patterns (`actions.ssmAutomation.parameters`).
 */

/** Deeper members are not looked at: Incident Manager's request shapes nest about five levels. */
const MAX_DEPTH = 12;
/** At most this many paths are listed, so a hostile record cannot make the view huge. */
const MAX_PATHS = 100;

function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && value !== null && Object.keys(value).length === 0;
}

function walk(value: unknown, path: string, depth: number, out: Set<string>): void {
  if (out.size >= MAX_PATHS || depth > MAX_DEPTH || typeof value !== "object" || value === null) return;
  if (isEmptyContainer(value)) {
    if (path !== "") out.add(path);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, path, depth + 1, out);
    return;
  }
  for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, depth + 1, out);
}

/** `["engagements", "chatChannel.empty"]` for `{engagements: [], chatChannel: {empty: {}}}`; [] for none. */
export function emptiedOf(record: { readonly requestParameters?: unknown }): string[] {
  const out = new Set<string>();
  const params = record.requestParameters;
  // requestParameters itself being {} says nothing about any one member.
  if (typeof params === "object" && params !== null && !isEmptyContainer(params)) walk(params, "", 0, out);
  return [...out];
}
