// @ts-check
// The heartbeat: EventBridge Scheduler puts the fire-drill record on the bus every
// param heartbeatHours (PutEvents, source trailwatch.drill), the drill rule sends it to the
// function, the function alerts every destination; a metric filter counts the drills the
// function delivered, and an alarm fires when a period passes without one (missing data is
// breaching). A disabled rule, a zero concurrency, a broken destination or a deleted log
// group all end in the alarm within one period, without anyone remembering to drill.
import { loadSource } from "./source.mjs";

export const HEARTBEAT_ALARM_ID = "HeartbeatMissingAlarm";

/**
 * `24` -> `rate(24 hours)`; EventBridge Scheduler wants the singular for 1.
 * @param {number} hours
 */
function rateOf(hours) {
  return hours === 1 ? "rate(1 hour)" : `rate(${hours} hours)`;
}

/** @param {string} eventBus */
export function busArn(eventBus) {
  return eventBus.startsWith("arn:") ? eventBus : { "Fn::Sub": `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${eventBus}` };
}

/** @param {import("./resolver.mjs").VariableContext} context */
export async function heartbeatResources({ resolveVariable }) {
  const [hoursText, eventBus, service, stage] = await Promise.all(["param:heartbeatHours", "param:eventBus", "self:service", "sls:stage"].map((v) => resolveVariable(v)));
  const hours = Number(hoursText);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24) {
    throw new Error(`param heartbeatHours must be a whole number of hours from 1 to 24 (the alarm period is at most a day), not ${JSON.stringify(hoursText)}`);
  }
  const tw = await loadSource();
  const bus = busArn(String(eventBus));
  // The function's own metrics live in Trailwatch/<stage> (serverless.yml POWERTOOLS_METRICS_NAMESPACE).
  const namespace = `Trailwatch/${stage}`;
  return {
    Resources: {
      HeartbeatRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } } }],
          },
          Policies: [{ PolicyName: "put-the-drill-on-the-bus", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: bus }] } }],
        },
      },
      HeartbeatSchedule: {
        Type: "AWS::Scheduler::Schedule",
        Properties: {
          Description: `Trailwatch ${stage}: fire drill through the deployed rules every ${hours} hour(s)`,
          ScheduleExpression: rateOf(hours),
          FlexibleTimeWindow: { Mode: "OFF" },
          State: "ENABLED",
          Target: {
            Arn: bus,
            RoleArn: { "Fn::GetAtt": ["HeartbeatRole", "Arn"] },
            EventBridgeParameters: { Source: tw.DRILL_SOURCE.source, DetailType: tw.DRILL_SOURCE.detailType },
            Input: { "Fn::Sub": tw.heartbeatDetail() },
            RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 },
          },
        },
      },
      DrillDeliveredMetricFilter: {
        Type: "AWS::Logs::MetricFilter",
        Properties: {
          LogGroupName: { Ref: "AlertLogGroup" },
          // src/handler/pipeline.ts logs one "alert delivered" line per destination.
          FilterPattern: '{ ($.message = "alert delivered") && ($.policy = "trailwatch.fire-drill") }',
          MetricTransformations: [{ MetricNamespace: namespace, MetricName: "DrillsDelivered", MetricValue: "1", Unit: "Count" }],
        },
      },
      [HEARTBEAT_ALARM_ID]: {
        Type: "AWS::CloudWatch::Alarm",
        Properties: {
          AlarmName: `${service}-${stage}-heartbeat-missing`,
          AlarmDescription: `No fire drill reached a destination in ${hours} hour(s): alerting may be silenced (rule disabled or deleted, target removed, concurrency 0, destination broken). Run \`trailwatch verify\` and \`trailwatch fire-drill --via eventbridge\`; read the alert function's logs`,
          Namespace: namespace,
          MetricName: "DrillsDelivered",
          Statistic: "Sum",
          Period: hours * 3600,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: "LessThanThreshold",
          TreatMissingData: "breaching",
          AlarmActions: [{ Ref: "AlertTopic" }],
        },
      },
    },
  };
}
