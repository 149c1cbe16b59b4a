import type { Alert } from "../../src/alert/types.js";
import type { CloudTrailRecord } from "../../src/record/cloudtrail.js";
import { loadIdentity } from "./identities.js";

/** An alert as the policy core would build it from `record` (default: root deleting a channel). */
export function sampleAlert(overrides: Partial<Alert> = {}, record: CloudTrailRecord = loadIdentity("root-console")): Alert {
  return {
    policy: "ssm-contacts.contact-channel-deleted",
    severity: "critical",
    title: "Contact channel deleted",
    summary: `${record.eventName} of ${JSON.stringify(record.requestParameters?.["contactChannelId"] ?? null)} in ${record.recipientAccountId}`,
    eventId: record.eventID ?? "no-event-id",
    eventName: record.eventName ?? "",
    eventSource: record.eventSource ?? "",
    eventTime: record.eventTime,
    awsRegion: record.awsRegion,
    account: record.recipientAccountId,
    sourceIPAddress: record.sourceIPAddress,
    description: "A paging route was removed: engagement stages that used it are skipped.\nConfirm with the contact's owner; recreate and activate the channel if unexpected.",
    references: ["https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html"],
    mitre: ["T1562.001", "T1485"],
    record,
    ...overrides,
  };
}

/** Strings an attacker can put into CloudTrail fields (user agent, request members, errors). */
export const HOSTILE = {
  channel: "<!channel>",
  here: "<!here>",
  user: "<@U0>",
  link: "<https://evil.example|click>",
  bold: "*bold*",
  ticks: "```code``` `x`",
  rlo: "\u202Egnp.exe",
  crlf: "line1\r\nSubject: injected",
  amp: "Tom & Jerry",
} as const;

/** A record whose attacker-controlled fields hold every string in `HOSTILE`. */
export function hostileRecord(): CloudTrailRecord {
  const base = loadIdentity("assumed-role");
  return {
    ...base,
    userIdentity: {
      ...base.userIdentity,
      arn: `arn:aws:sts::111122223333:assumed-role/OnCallAdmin/${HOSTILE.channel}${HOSTILE.rlo}`,
    },
    userAgent: `${HOSTILE.here} ${HOSTILE.crlf}`,
    errorCode: "AccessDenied",
    errorMessage: `${HOSTILE.user} ${HOSTILE.link} ${HOSTILE.bold}`,
    requestParameters: { ...HOSTILE, title: `${HOSTILE.ticks} ${HOSTILE.link}` },
  };
}

/** An alert over `hostileRecord()`, whose summary template interpolated hostile values. */
export function hostileAlert(): Alert {
  const record = hostileRecord();
  return sampleAlert(
    {
      summary: `Incident ${HOSTILE.link} ${HOSTILE.channel} ${HOSTILE.user} ${HOSTILE.bold} ${HOSTILE.ticks} ${HOSTILE.rlo} ${HOSTILE.crlf}`,
      title: `Contact deleted ${HOSTILE.crlf}`,
      account: "111122223333",
    },
    record,
  );
}
