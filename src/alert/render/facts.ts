import { actorOf, actorLabel, type Actor } from "../../record/actor.js";
import type { Alert } from "../types.js";
import { cloudTrailEventUrl } from "./console-link.js";

/** The raw (not yet escaped) facts every output shows; each renderer escapes for its sink. */
export interface AlertFacts {
  readonly severity: string;
  readonly actor: Actor;
  /** `role OnCallAdmin/alice`. */
  readonly who: string;
  readonly mfa: "yes" | "no" | "unknown";
  readonly console: "yes" | "no";
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly sourceIp: string | undefined;
  readonly time: string | undefined;
  /** `ssm-contacts.amazonaws.com DeleteContactChannel`. */
  readonly event: string;
  readonly error: { readonly code: string; readonly message: string | undefined } | undefined;
  readonly consoleUrl: string;
}

const MFA_WORDS = { true: "yes", false: "no", unknown: "unknown" } as const;

function errorOf(alert: Alert): AlertFacts["error"] {
  const { errorCode, errorMessage } = alert.record;
  // Record fields are untrusted: only strings are shown; a non-string code is still a failure.
  const message = typeof errorMessage === "string" && errorMessage !== "" ? errorMessage : undefined;
  if (typeof errorCode === "string" && errorCode !== "") return { code: errorCode, message };
  return errorCode === undefined || errorCode === null || errorCode === "" ? undefined : { code: "(non-text errorCode)", message };
}

export function alertFacts(alert: Alert): AlertFacts {
  const actor = actorOf(alert.record);
  return {
    severity: alert.severity.toUpperCase(),
    actor,
    who: actorLabel(actor),
    mfa: MFA_WORDS[actor.mfa],
    console: actor.console ? "yes" : "no",
    account: alert.account,
    region: alert.awsRegion,
    sourceIp: alert.sourceIPAddress,
    time: alert.eventTime,
    event: `${alert.eventSource} ${alert.eventName}`,
    error: errorOf(alert),
    consoleUrl: cloudTrailEventUrl(alert.awsRegion, alert.eventId),
  };
}
