import { isJsonObject } from "../pattern/json.js";
import { jsonType } from "../text/describe.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** An EventBridge "AWS API Call via CloudTrail" event: the record sits in `detail`. */
export function isEventBridgeEnvelope(value: unknown): value is { "detail-type": string; detail: CloudTrailRecord; source?: string } {
  return isJsonObject(value) && typeof value["detail-type"] === "string" && isJsonObject(value.detail);
}

/** A CloudTrail S3 log file: `{"Records": [...]}`. */
export function isLogFile(value: unknown): value is { Records: unknown[] } {
  return isJsonObject(value) && Array.isArray(value.Records);
}

/** Why a value is not a usable CloudTrail record, or undefined when it is one. */
export function recordProblem(value: unknown): string | undefined {
  if (!isJsonObject(value)) return `a CloudTrail record must be a JSON object, not ${jsonType(value)}`;
  for (const key of ["eventSource", "eventName"] as const) {
    const field = value[key];
    if (field === undefined) return `missing "${key}"`;
    if (typeof field !== "string") return `"${key}" must be a string, not ${jsonType(field)}`;
  }
  return undefined;
}

/** The CloudTrail record inside one event: the envelope's `detail`, or the value itself. */
export function recordOf(value: unknown): unknown {
  return isEventBridgeEnvelope(value) ? value.detail : value;
}

/** The schedule (EventBridge Scheduler / rate rule) that sweeps closed throttle windows. */
export function isScheduledSweep(event: unknown): boolean {
  return isJsonObject(event) && event["detail-type"] === "Scheduled Event";
}
