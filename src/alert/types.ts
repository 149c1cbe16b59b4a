import type { Severity } from "../record/severity.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** One policy matched one CloudTrail record: what every output renders and delivers. */
export interface Alert {
  readonly policy: string;
  readonly severity: Severity;
  readonly title: string;
  /** The policy's summary template, rendered against the record. */
  readonly summary: string;
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: string | undefined;
  readonly awsRegion: string | undefined;
  /** The account the call was made in (`recipientAccountId`, else the caller's account). */
  readonly account: string | undefined;
  readonly sourceIPAddress: string | undefined;
  readonly description: string | undefined;
  readonly references: readonly string[];
  readonly mitre: readonly string[];
  readonly record: CloudTrailRecord;
  /**
   * The other policies that fired on the same record and share this one message (set by
   * `groupAlerts`; this alert leads, with the highest severity). Absent for a lone alert.
   */
  readonly also?: readonly Alert[];
  /** Trailwatch's own word on how this alert went out (e.g. without noise control); shown in every output. */
  readonly notice?: string;
}

/** What an alert takes from the policy that raised it (a loaded policy fits). */
export interface AlertSource {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** `{{dotted.path}}` template rendered against the record. */
  readonly summary: string;
  readonly description: string | undefined;
  readonly references: readonly string[];
  readonly mitre: readonly string[];
}
