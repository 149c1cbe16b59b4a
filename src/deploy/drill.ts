import { readEnv, type Env } from "../env.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import { DRILL_SOURCE } from "./rule-patterns.js";

/**
 * The synthetic record behind every drill alert, clearly marked: its own eventSource, an
 * eventID starting `drill-`. `trailwatch fire-drill` sends it (directly or through EventBridge)
 * and the scheduled heartbeat puts the same record on the bus.
 */
export interface DrillFields {
  /** eventTime. */
  readonly time: string;
  /** eventID; must start with `drill-` (the drill policy matches on it). */
  readonly eventId: string;
  readonly region: string;
  readonly account: string;
  readonly invokedBy: string;
}

export function drillRecordOf(f: DrillFields): CloudTrailRecord {
  return {
    eventVersion: "1.09",
    userIdentity: { type: "AWSService", invokedBy: f.invokedBy },
    eventTime: f.time,
    eventSource: DRILL_SOURCE.eventSource,
    eventName: "FireDrill",
    awsRegion: f.region,
    sourceIPAddress: "trailwatch",
    userAgent: `${f.invokedBy} fire-drill`,
    requestParameters: { drill: true, note: "Synthetic test alert: nothing happened in AWS" },
    responseElements: null,
    eventID: f.eventId,
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: false,
    recipientAccountId: f.account,
  };
}

/** A drill record stamped `now`: eventID `drill-<UTC timestamp>`. */
export function drillRecord(now: Date, env: Env = {}): CloudTrailRecord {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z");
  return drillRecordOf({
    time: stamp,
    eventId: `drill-${stamp.replace(/[-:]/g, "")}`,
    region: readEnv(env, "AWS_REGION") ?? "us-east-1",
    account: readEnv(env, "TRAILWATCH_DRILL_ACCOUNT") ?? "000000000000",
    invokedBy: "trailwatch",
  });
}

/**
 * The heartbeat's record as EventBridge Scheduler fills it in on every run (its context
 * attributes `<aws.scheduler.*>`), with `${AWS::Region}` / `${AWS::AccountId}` for Fn::Sub.
 */
export function heartbeatDetail(): string {
  return JSON.stringify(
    drillRecordOf({
      time: "<aws.scheduler.scheduled-time>",
      eventId: "drill-heartbeat-<aws.scheduler.execution-id>",
      region: "${AWS::Region}",
      account: "${AWS::AccountId}",
      invokedBy: "trailwatch-heartbeat",
    }),
  );
}
