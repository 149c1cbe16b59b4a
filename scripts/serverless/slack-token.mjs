// @ts-check
// The Slack bot token lives in an SSM SecureString parameter created outside CloudFormation
// (CloudFormation cannot create SecureString parameters). The stack only knows its name.

/** An SSM parameter name with a leading slash: `/trailwatch/prod/slack-bot-token`. */
const PARAMETER_NAME = /^(\/[A-Za-z0-9_.-]+)+$/;

/**
 * @param {import("./resolver.mjs").ResolveVariable} resolveVariable
 * @returns {Promise<{ parameter: string, channel: string, kmsKeyArn: string }>}
 */
async function settings(resolveVariable) {
  const [parameter, channel, kmsKeyArn] = /** @type {[string, string, string]} */ (await Promise.all(
    ["param:slackTokenParameter", "param:slackChannel", "param:slackTokenKmsKeyArn"].map((v) => resolveVariable(v)),
  ));
  if (/^xox/.test(parameter)) {
    throw new Error("param slackTokenParameter looks like a Slack token: pass the NAME of the SecureString parameter that holds it; a token must never reach the template");
  }
  if (!PARAMETER_NAME.test(parameter)) {
    throw new Error(`param slackTokenParameter must be a parameter name with a leading slash (e.g. /trailwatch/prod/slack-bot-token), not ${JSON.stringify(parameter)}`);
  }
  return { parameter, channel: channel ?? "", kmsKeyArn: kmsKeyArn ?? "" };
}

/** @param {string} name */
const parameterArn = (name) => ({ "Fn::Sub": `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}` });

/**
 * For `ssm:GetParameter`: the one parameter, never a path wildcard.
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function slackTokenParameterArn({ resolveVariable }) {
  return parameterArn((await settings(resolveVariable)).parameter);
}

/**
 * SLACK_BOT_TOKEN_PARAMETER for the function: the name only when Slack is on. The handler
 * fetches the parameter whenever this is set, so with Slack off (no channel) an unset
 * variable keeps a parameter nobody created from failing every invocation.
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function slackTokenParameterEnv({ resolveVariable }) {
  const { parameter, channel } = await settings(resolveVariable);
  return channel === "" ? "" : parameter;
}

/**
 * With the default AWS managed key (aws/ssm), GetParameter is enough: that key's policy lets
 * the account's principals use it through SSM. A customer managed key needs kms:Decrypt from
 * the role, given here only for that key, only through SSM in this region, and only for this
 * parameter (SSM puts the parameter's ARN in the encryption context).
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function slackTokenResources({ resolveVariable }) {
  const { parameter, kmsKeyArn } = await settings(resolveVariable);
  if (kmsKeyArn === "") return { Resources: {} };
  const statement = {
    Sid: "DecryptSlackTokenThroughSsm",
    Effect: "Allow",
    Action: "kms:Decrypt",
    Resource: kmsKeyArn,
    Condition: {
      StringEquals: {
        "kms:ViaService": { "Fn::Sub": "ssm.${AWS::Region}.amazonaws.com" },
        "kms:EncryptionContext:PARAMETER_ARN": parameterArn(parameter),
      },
    },
  };
  return {
    Resources: {
      SlackTokenKeyPolicy: {
        Type: "AWS::IAM::Policy",
        Properties: { PolicyName: "slack-token-key", Roles: [{ Ref: "IamRoleLambdaExecution" }, { Ref: "InteractRole" }], PolicyDocument: { Version: "2012-10-17", Statement: [statement] } },
      },
    },
  };
}
