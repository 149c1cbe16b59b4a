import type { Alert } from "../alert/types.js";
import type { Policy } from "../policy/types.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { ThrottleWindow } from "../state/store.js";
import { shortHash } from "./noise-keys.js";

function firstEventSource(policy: Policy): string {
  const sources = policy.matchSource.eventSource;
  return Array.isArray(sources) && typeof sources[0] === "string" ? sources[0] : "trailwatch";
}

/** The one alert that stands for every alert a throttle window counted instead of sending. */
export function summaryAlert(policy: Policy, window: ThrottleWindow): Alert {
  const suppressed = window.count - window.limit;
  const eventId = `summary-${shortHash(`${window.pk}|${window.sk}`)}`;
  const who = window.group === "*" ? "" : ` for ${window.group}`;
  const first = window.firstSuppressed ?? window.windowStart;
  const last = window.lastSuppressed ?? window.windowEnd;
  const samples = window.samples.length > 0 ? ` Sample eventIDs: ${window.samples.join(", ")}.` : "";
  const summary =
    `${suppressed} more alert(s) of ${policy.id}${who} were counted, not sent, between ${first} and ${last} ` +
    `(throttle: ${window.limit} per window ${window.windowStart} – ${window.windowEnd}).${samples}`;
  const record: CloudTrailRecord = {
    eventSource: firstEventSource(policy),
    eventName: "TrailwatchThrottleSummary",
    eventID: eventId,
    eventTime: last,
    throttle: { policy: policy.id, group: window.group, suppressed, limit: window.limit, windowStart: window.windowStart, windowEnd: window.windowEnd, firstSuppressed: first, lastSuppressed: last, sampleEventIds: window.samples },
  };
  return {
    policy: policy.id,
    severity: policy.severity,
    title: `[SUMMARY] ${policy.title}: ${suppressed} more`,
    summary,
    eventId,
    eventName: "TrailwatchThrottleSummary",
    eventSource: record.eventSource as string,
    eventTime: last,
    awsRegion: undefined,
    account: undefined,
    sourceIPAddress: undefined,
    description: policy.description,
    references: policy.references,
    mitre: policy.mitre,
    record,
  };
}
