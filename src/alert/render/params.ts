import type { CloudTrailRecord } from "../../record/cloudtrail.js";
import { cleanText } from "../../text/sanitise.js";

/**
 * `requestParameters` as indented JSON for a human. `JSON.stringify` already escapes C0
 * controls inside strings; `cleanText` takes care of C1 controls and bidi overrides, which
 * it leaves as they are.
 */
export function requestParametersText(record: CloudTrailRecord): string {
  const params = record.requestParameters;
  if (params === undefined || params === null) return "(none)";
  let json: string;
  try {
    json = JSON.stringify(params, null, 2);
  } catch {
    // A hostile record can nest deeper than the stack allows; the alert still goes out.
    return "[request parameters nested too deeply to show: see the event in CloudTrail]";
  }
  // JSON.stringify escapes C0 controls but writes U+2028, U+2029 and NEL (U+0085) as they
  // are, and each is a line break to `cleanText`: escaped here, a value cannot forge a line.
  return cleanText(json.replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`), { multiline: true });
}
