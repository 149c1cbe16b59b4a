import type { CloudTrailRecord } from "../../record/cloudtrail.js";
import { cleanText } from "./text.js";

/**
 * `requestParameters` as indented JSON for a human. `JSON.stringify` already escapes C0
 * controls inside strings; `cleanText` takes care of C1 controls and bidi overrides, which
 * it leaves as they are.
 */
export function requestParametersText(record: CloudTrailRecord): string {
  const params = record.requestParameters;
  if (params === undefined || params === null) return "(none)";
  return cleanText(JSON.stringify(params, null, 2), { multiline: true });
}
