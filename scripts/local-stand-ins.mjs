#!/usr/bin/env node
// @ts-check
// `npm run local:stand-ins`: the SNS, Slack, SSM and DynamoDB stand-ins the tests use
// (test/support/*-server.ts with real wire protocols, and dynalite with the state table), on fixed
// loopback ports, so `trailwatch send` and `serverless invoke local` run by hand with no AWS
// account and nothing but `npm ci` (README, docs/deploy.md).
// `--ephemeral` (or TRAILWATCH_STAND_INS_PORTS=free) picks free ports instead: what the tests that
// run the documented steps use, so a stand-in someone left running cannot collide with them.
// Prints the shell exports, then "# ready", then one line per message received, until Ctrl-C.
import * as esbuild from "esbuild";
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = path.resolve(import.meta.dirname, "..");
export const PORTS = { sns: 4566, slack: 4567, ssm: 4568, dynamodb: 4569 };
const ephemeral = parseArgs({ options: { ephemeral: { type: "boolean", default: false } } }).values.ephemeral || process.env.TRAILWATCH_STAND_INS_PORTS === "free";
/** @param {keyof typeof PORTS} name */
const port = (name) => (ephemeral ? 0 : PORTS[name]);

const ENTRY = `
export { startSnsServer } from "./test/support/sns-server.ts";
export { startSlackServer } from "./test/support/slack-server.ts";
export { startSsmServer } from "./test/support/ssm-server.ts";
export { startDynamo } from "./test/support/dynamo.ts";
`;
// The SDK's own switch for its Node-version notice (as the CLI sets it): the output is for people.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Written under node_modules/ (not a data: URL) so its package imports (dynalite, the AWS SDK)
// resolve; one file per process, so two runs at once never read each other's half-written file.
const bundle = path.join(repoRoot, `node_modules/.cache/trailwatch/local-stand-ins-${process.pid}.mjs`);
await esbuild.build({
  stdin: { contents: ENTRY, resolveDir: repoRoot, sourcefile: "stand-ins.ts", loader: "ts" },
  bundle: true, outfile: bundle, format: "esm", platform: "node", target: "node20", logLevel: "silent", packages: "external",
});
const servers = await import(pathToFileURL(bundle).href);
rmSync(bundle, { force: true });

// The names a default `serverless invoke local` (stage dev) and `trailwatch send` use.
const TOKEN_PARAMETER = "/trailwatch/local/slack-bot-token";
const STATE_TABLE = "trailwatch-dev-state";
// serverless.yml takes it from the shell under invoke local (no Fn::GetAtt offline); nothing calls KMS.
const ALERT_KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000000";

// One line per message as it arrives (before the reply), so a step after the send can read it.
const sns = await servers.startSnsServer({ port: port("sns"), onPublish: (/** @type {{ subject?: string }} */ m) => console.log(`sns    ${m.subject ?? "(no subject)"}`) });
const slack = await servers.startSlackServer({ port: port("slack"), onPost: (/** @type {{ channel: string, text: unknown }} */ p) => console.log(`slack  ${p.channel} ${String(p.text).slice(0, 120)}`) });
const ssm = await servers.startSsmServer({ [TOKEN_PARAMETER]: { value: "xoxb-local", type: "SecureString" } }, { port: port("ssm") });
const dynamo = await servers.startDynamo({ port: port("dynamodb"), table: STATE_TABLE });

console.log(`# local stand-ins: SNS ${sns.url}  Slack ${slack.apiUrl}  SSM ${ssm.url}  DynamoDB ${dynamo.url}`);
console.log(`export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true`);
console.log(`export AWS_ENDPOINT_URL_SNS=${sns.url} AWS_ENDPOINT_URL_SSM=${ssm.url} AWS_ENDPOINT_URL_DYNAMODB=${dynamo.url} SLACK_API_URL=${slack.apiUrl}`);
console.log(`export TRAILWATCH_SNS_TOPIC_ARN=arn:aws:sns:us-east-1:111122223333:trailwatch-local TRAILWATCH_STATE_TABLE=${STATE_TABLE} TRAILWATCH_ALERT_KEY_ARN=${ALERT_KEY_ARN} TRAILWATCH_SLACK_CHANNEL=C0LOCAL SLACK_BOT_TOKEN_PARAMETER=${TOKEN_PARAMETER}`);
console.log("# ready");

const stop = async () => {
  await Promise.all([sns.close(), slack.close(), ssm.close(), dynamo.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
