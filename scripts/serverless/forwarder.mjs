#!/usr/bin/env node
// Prints a CloudFormation template for the member accounts of an organization (docs/deploy.md,
// "Organization"): rules on each account's default bus with the same patterns and state as
// the Trailwatch stack, forwarding what they match to the central account's event bus, where
// the stack's own rules (param eventBus) pick it up. Deploy it with a StackSet to every
// account and region to watch:
//   node scripts/serverless/forwarder.mjs > trailwatch-forwarder.json
import { pathToFileURL } from "node:url";
import { RULE_STATE, ruleIds } from "./event-rules.mjs";
import { compiledRules } from "./source.mjs";

export function forwarderTemplate(patterns) {
  const ids = ruleIds(patterns).map((id) => id.replace(/^AlertRule/, "ForwardRule"));
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
    resources[ids[i]] = {
      Type: "AWS::Events::Rule",
      Properties: {
        Description: "Trailwatch: forwards matching CloudTrail API calls to the central account (see event-rules.mjs for the state)",
        EventBusName: "default",
        EventPattern: pattern,
        State: RULE_STATE,
        Targets: [{ Id: "trailwatch-bus", Arn: { Ref: "CentralEventBusArn" }, RoleArn: { "Fn::GetAtt": ["ForwardRole", "Arn"] } }],
      },
    };
  });
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Trailwatch forwarder: Incident Manager changes in this account and region, to the central Trailwatch event bus",
    Parameters: {
      CentralEventBusArn: { Type: "String", AllowedPattern: "^arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/.+$", Description: "ARN of the bus the Trailwatch stack's rules sit on (its param eventBus)" },
    },
    Resources: resources,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { patterns } = await compiledRules();
  process.stdout.write(`${JSON.stringify(forwarderTemplate(patterns), null, 2)}\n`);
}
