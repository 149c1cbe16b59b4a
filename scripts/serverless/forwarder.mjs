#!/usr/bin/env node
// @ts-check
// Prints a CloudFormation template for the member accounts of an organization (docs/deploy.md,
// "Organization"): rules on each account's default bus with the same patterns and state as
// the Trailwatch stack, forwarding what they match to the central account's event bus, where
// the stack's own rules (param eventBus) pick it up. Deploy it with a StackSet to every
// account and region to watch:
//   node scripts/serverless/forwarder.mjs > trailwatch-forwarder.json
import { pathToFileURL } from "node:url";
import { RULE_STATE, ruleIds, stateOf } from "./event-rules.mjs";
import { compiledRules } from "./source.mjs";

/** @typedef {import("./event-rules.mjs").EventPattern} EventPattern */

/** @param {string} id */
const getArn = (id) => ({ "Fn::GetAtt": [id, "Arn"] });

/**
 * A forwarder that cannot deliver (a wrong bus policy in the central account, a deleted bus)
 * must not drop events silently: EventBridge retries for a day, then parks them in a
 * dead-letter queue in the member account, and two alarms say so (queue depth, the rules'
 * FailedInvocations), to param AlarmTopicArn when given.
 * @param {readonly string[]} ids
 */
function deliveryResources(ids) {
  /**
   * @param {string} name
   * @param {string} description
   * @param {Record<string, unknown>} props
   */
  const alarm = (name, description, props) => ({
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmName: { "Fn::Sub": `trailwatch-forwarder-\${AWS::Region}-${name}` },
      AlarmDescription: description,
      Statistic: "Maximum",
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "notBreaching",
      AlarmActions: { "Fn::If": ["HasAlarmTopic", [{ Ref: "AlarmTopicArn" }], { Ref: "AWS::NoValue" }] },
      ...props,
    },
  });
  return {
    ForwardDeadLetterQueue: { Type: "AWS::SQS::Queue", Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true } },
    ForwardDeadLetterQueuePolicy: {
      Type: "AWS::SQS::QueuePolicy",
      Properties: {
        Queues: [{ Ref: "ForwardDeadLetterQueue" }],
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Sid: "UndeliverableEventsFromTheseRulesOnly", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: getArn("ForwardDeadLetterQueue"), Condition: { ArnEquals: { "aws:SourceArn": ids.map(getArn) } } }],
        },
      },
    },
    ForwardDeadLetterAlarm: alarm("dead-letters", "Events for the central Trailwatch bus could not be delivered (check the central bus policy allows this account); read ForwardDeadLetterQueue", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["ForwardDeadLetterQueue", "QueueName"] } }],
    }),
    ...Object.fromEntries(ids.map((id) => [`${id}FailedAlarm`, alarm(`${id}-failed`, `Rule ${id} failed to put events on the central Trailwatch bus (retried for a day, then dead-lettered)`, {
      Namespace: "AWS/Events",
      MetricName: "FailedInvocations",
      Statistic: "Sum",
      Dimensions: [{ Name: "RuleName", Value: { Ref: id } }],
    })])),
  };
}

/** @param {readonly EventPattern[]} allPatterns */
export function forwarderTemplate(allPatterns) {
  // The drill's custom-source rule lives on the central bus only.
  const patterns = allPatterns.filter((p) => stateOf(p) === RULE_STATE);
  const ids = ruleIds(patterns).map((id) => id.replace(/^AlertRule/, "ForwardRule"));
  /** @type {Record<string, unknown>} */
  const resources = {
    ForwardRole: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "events.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
            },
          ],
        },
        Policies: [
          {
            PolicyName: "put-events-on-the-trailwatch-bus",
            PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "events:PutEvents", Resource: { Ref: "CentralEventBusArn" } }] },
          },
        ],
      },
    },
  };
  patterns.forEach((pattern, i) => {
    resources[ids[i] ?? ""] = {
      Type: "AWS::Events::Rule",
      Properties: {
        Description: "Trailwatch: forwards matching CloudTrail API calls to the central account (see event-rules.mjs for the state)",
        EventBusName: "default",
        EventPattern: pattern,
        State: RULE_STATE,
        Targets: [
          {
            Id: "trailwatch-bus",
            Arn: { Ref: "CentralEventBusArn" },
            RoleArn: { "Fn::GetAtt": ["ForwardRole", "Arn"] },
            RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 },
            DeadLetterConfig: { Arn: getArn("ForwardDeadLetterQueue") },
          },
        ],
      },
    };
  });
  Object.assign(resources, deliveryResources(ids));
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Trailwatch forwarder: Incident Manager changes in this account and region, to the central Trailwatch event bus",
    Parameters: {
      CentralEventBusArn: { Type: "String", AllowedPattern: "^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/.+$", Description: "ARN of the bus the Trailwatch stack's rules sit on (its param eventBus)" },
      AlarmTopicArn: { Type: "String", Default: "", Description: "SNS topic (in this account and Region) for the forwarder's delivery alarms; empty: alarms without actions" },
    },
    Conditions: { HasAlarmTopic: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "AlarmTopicArn" }, ""] }] } },
    Resources: resources,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { patterns } = await compiledRules();
  process.stdout.write(`${JSON.stringify(forwarderTemplate(patterns), null, 2)}\n`);
}
