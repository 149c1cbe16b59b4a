import { SEVERITIES } from "../record/severity.js";

/** The kinds of value a policy key can hold; each has one entry (check and JSON Schema together) in field-kinds.ts. */
export type FieldKind =
  | "id"
  | "text"
  | "severity"
  | "outcome"
  | "urls"
  | "mitre"
  | "tags"
  | "pattern"
  | "patterns"
  | "template"
  | "tests"
  /** A CloudTrail record or an EventBridge envelope (an embedded test's event). */
  | "record"
  | "boolean"
  | "dedupe"
  | "throttle"
  /** Destination config and routing values (trailwatch.yml). */
  | "topic-arn"
  | "aws-region"
  | "slack-channel"
  | "console-stream"
  | "destination-names"
  | "slack-user-ids"
  | "slack-group-ids"
  /** Checked by the caller (nested structures such as routing destinations). */
  | "structure";

export interface FieldSpec {
  readonly key: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly description: string;
}

/** Where a console destination writes. */
export const CONSOLE_STREAMS = ["stdout", "stderr"] as const;
export type ConsoleStream = (typeof CONSOLE_STREAMS)[number];

export const OUTCOMES = ["success", "failure", "any"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Every key a policy file may hold: the closed schema behind validation, the JSON Schema and the docs. */
export const POLICY_FIELDS: readonly FieldSpec[] = [
  { key: "id", kind: "id", required: false, description: "Optional; when given it must equal <folder>.<file stem>." },
  { key: "title", kind: "text", required: true, description: "Short statement of what happened." },
  { key: "severity", kind: "severity", required: true, description: `One of ${SEVERITIES.join(", ")}.` },
  { key: "outcome", kind: "outcome", required: false, description: "success: only calls without errorCode; failure: only failed calls; any (default): both." },
  { key: "description", kind: "text", required: false, description: "For the on-call: what happened, why it matters, what to check first (runbook). One line per paragraph or list item (or YAML >): the pager shows every line break." },
  { key: "notes", kind: "text", required: false, description: "For policy authors only (why this severity, what the match leaves out, how to tune it); never shown in alerts." },
  { key: "references", kind: "urls", required: false, description: "Documentation URLs." },
  { key: "mitre", kind: "mitre", required: false, description: "MITRE ATT&CK technique ids, e.g. T1562.001." },
  { key: "tags", kind: "tags", required: false, description: "Free-form labels for routing and search." },
  { key: "match", kind: "pattern", required: true, description: "EventBridge event pattern over the CloudTrail record." },
  { key: "unless", kind: "patterns", required: false, description: "Exceptions: an event matching any of these patterns does not alert." },
  { key: "summary", kind: "template", required: false, description: "One-line alert text with {{dotted.path}} holes." },
  { key: "dedupe", kind: "dedupe", required: false, description: "{ key: template, window: duration }: the same key alerts once per window." },
  { key: "throttle", kind: "throttle", required: false, description: "{ limit, window, groupBy? }: at most limit alerts per window per group; the rest become one summary." },
  { key: "tests", kind: "tests", required: false, description: "Embedded tests run by `trailwatch test`." },
];

/** Keys of a tune file under `<rules>/local/`, which adjusts a shipped policy without editing it. */
export const TUNE_FIELDS: readonly FieldSpec[] = [
  { key: "tune", kind: "text", required: true, description: "Id of the policy to adjust." },
  { key: "enabled", kind: "boolean", required: false, description: "false turns the policy off." },
  { key: "severity", kind: "severity", required: false, description: "Replaces the policy's severity." },
  { key: "match", kind: "pattern", required: false, description: "Replaces the policy's match pattern." },
  { key: "unless", kind: "patterns", required: false, description: "Appended to the policy's exceptions." },
  { key: "summary", kind: "template", required: false, description: "Replaces the policy's summary template." },
];

/** Keys of one embedded test (`tests:` in a policy); give exactly one of event and file. */
export const TEST_FIELDS: readonly FieldSpec[] = [
  { key: "name", kind: "text", required: true, description: "what the test shows, e.g. root deleting a contact alerts" },
  { key: "alert", kind: "boolean", required: true, description: "true: the policy must alert on the event; false: it must not" },
  { key: "event", kind: "record", required: false, description: "a CloudTrail record or an EventBridge envelope" },
  { key: "file", kind: "text", required: false, description: "path to a JSON record, relative to this file" },
];
