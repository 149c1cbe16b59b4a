import type { CompiledPattern } from "../pattern/index.js";
import type { JsonPath } from "../pattern/json.js";
import type { DedupeOptions, ThrottleOptions } from "./noise-options.js";
import type { Severity } from "../record/severity.js";

/** Where something sits in a policy file (1-based line and column). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The policy file as the YAML parser read it: positions of its keys, and the mapping as written. */
export interface WrittenPolicy {
  /** 1-based line and column of the key or value at `path` (the nearest existing parent otherwise). */
  position(path: JsonPath): { line: number; column: number };
  /** The mapping as written, before defaults (e.g. whether `outcome` was given). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface PolicyTest {
  readonly name: string;
  /** The CloudTrail record (inline `event:` or loaded from `file:`), or an envelope. */
  readonly event: unknown;
  /** Whether the policy must alert on it. */
  readonly alert: boolean;
  readonly at: SourcePosition;
}

/** A loaded, validated policy: one YAML file under `rules/<service>/<name>.yml`. */
export interface Policy {
  /** `<folder>.<file stem>`, e.g. `ssm-contacts.contact-channel-deleted`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** success: only calls without errorCode; failure: only failed calls; any: both. */
  readonly outcome: "success" | "failure" | "any";
  /** `match` holds an errorCode condition because `outcome` added it (not written by the author). */
  readonly errorCodeFromOutcome: boolean;
  /** What happened, why it matters and what to check first (runbook text). */
  readonly description: string | undefined;
  /** For policy authors only; never reaches an alert. */
  readonly notes?: string | undefined;
  /** EventBridge pattern over the CloudTrail record, as written (after tuning). */
  readonly matchSource: Record<string, unknown>;
  readonly match: CompiledPattern;
  readonly unless: readonly CompiledPattern[];
  /** `{{dotted.path}}` template; defaults to a sentence built from the record. */
  readonly summary: string;
  readonly references: readonly string[];
  /** MITRE ATT&CK technique ids, e.g. `T1562.001`. */
  readonly mitre: readonly string[];
  readonly tags: readonly string[];
  readonly dedupe: DedupeOptions | undefined;
  /** The policy's own throttle; severity defaults apply when absent (src/policy/noise-options.ts). */
  readonly throttle: ThrottleOptions | undefined;
  readonly tests: readonly PolicyTest[];
  readonly file: string;
  readonly at: SourcePosition;
  /** Kept from loading, so lint positions its findings without parsing the file again. */
  readonly written?: WrittenPolicy;
}
