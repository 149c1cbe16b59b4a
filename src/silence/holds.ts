import type { Alert } from "../alert/types.js";
import type { Severity } from "../record/severity.js";
import { routeView } from "../routing/view.js";
import { isActive, PROTECTED_FOLDERS, PROTECTED_TAGS, type Silence } from "./types.js";

/** Critical alerts and the self-protection pack: held only by a silence that says `holdCritical`. */
export function isProtected(policy: string, severity: Severity, tags: readonly string[]): boolean {
  if (severity === "critical") return true;
  if (tags.some((t) => PROTECTED_TAGS.includes(t))) return true;
  return PROTECTED_FOLDERS.some((folder) => policy.startsWith(`${folder}.`));
}

/** Why a matching silence does not hold this alert, or undefined when it does. */
export function whyNotHeld(silence: Silence, alert: Alert, tags: readonly string[], now: Date): string | undefined {
  if (!isActive(silence, now)) return Date.parse(silence.end) <= now.getTime() ? "it has ended" : "it has not started";
  if (!silence.match.matches(routeView(alert, tags))) return "its match does not cover this alert";
  if (isProtected(alert.policy, alert.severity, tags) && !silence.holdCritical) {
    return "the alert is critical or self-protection, and the silence does not say holdCritical";
  }
  return undefined;
}

/** The first silence (in the given order) that holds this alert now, if any. */
export function holdingSilence(silences: readonly Silence[], alert: Alert, tags: readonly string[], now: Date): Silence | undefined {
  return silences.find((s) => whyNotHeld(s, alert, tags, now) === undefined);
}
