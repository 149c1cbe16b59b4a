import { createHash } from "node:crypto";
import { parseTemplate, renderTemplate } from "../alert/template.js";
import { viewsOf } from "../record/views.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** Keys longer than this are hashed: DynamoDB keys are bounded, and event fields are not. */
const MAX_KEY_CHARS = 200;

/** Renders a dedupe/group template against the record (with `actor`), as a bounded key. */
export function renderKey(template: string, record: CloudTrailRecord): string {
  const parsed = parseTemplate(template);
  const text = typeof parsed === "string" ? template : renderTemplate(parsed, record, viewsOf(record));
  return text.length <= MAX_KEY_CHARS ? text : `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
