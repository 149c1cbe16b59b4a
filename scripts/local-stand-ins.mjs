#!/usr/bin/env node
// @ts-check
// `npm run local:stand-ins`: the SNS, Slack and SSM stand-ins the tests use
// (test/support/*-server.ts, real wire protocols), on fixed loopback ports, so `trailwatch send`
// and `serverless invoke local` can run by hand with no AWS account (README, docs/deploy.md).
// `--ephemeral` picks free ports instead (what the test that runs these steps uses).
// Prints the shell exports, then one line per message received, until Ctrl-C.
import * as esbuild from "esbuild";
import path from "node:path";
import { setInterval } from "node:timers";
import { parseArgs } from "node:util";

const repoRoot = path.resolve(import.meta.dirname, "..");
export const PORTS = { sns: 4566, slack: 4567, ssm: 4568 };
const ephemeral = parseArgs({ options: { ephemeral: { type: "boolean", default: false } } }).values.ephemeral;
/** @param {keyof typeof PORTS} name */
const port = (name) => (ephemeral ? 0 : PORTS[name]);

const ENTRY = `
export { startSnsServer } from "./test/support/sns-server.ts";
export { startSlackServer } from "./test/support/slack-server.ts";
export { startSsmServer } from "./test/support/ssm-server.ts";
`;
const { outputFiles } = await esbuild.build({
  stdin: { contents: ENTRY, resolveDir: repoRoot, sourcefile: "stand-ins.ts", loader: "ts" },
  bundle: true, write: false, format: "esm", platform: "node", target: "node20", logLevel: "silent",
});
const servers = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0]?.text ?? "").toString("base64")}`);

const TOKEN_PARAMETER = "/trailwatch/local/slack-bot-token";
const sns = await servers.startSnsServer({ port: port("sns") });
const slack = await servers.startSlackServer({ port: port("slack") });
const ssm = await servers.startSsmServer({ [TOKEN_PARAMETER]: { value: "xoxb-local", type: "SecureString" } }, { port: port("ssm") });

console.log(`# local stand-ins: SNS ${sns.url}  Slack ${slack.apiUrl}  SSM ${ssm.url}`);
console.log(`export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`);
console.log(`export AWS_ENDPOINT_URL_SNS=${sns.url} AWS_ENDPOINT_URL_SSM=${ssm.url} SLACK_API_URL=${slack.apiUrl}`);
console.log(`export TRAILWATCH_SNS_TOPIC_ARN=arn:aws:sns:us-east-1:111122223333:trailwatch-local TRAILWATCH_SLACK_CHANNEL=C0LOCAL SLACK_BOT_TOKEN_PARAMETER=${TOKEN_PARAMETER}`);
console.log("# ready");

// One line per message, so a run by hand shows what arrived.
let seen = { sns: 0, slack: 0 };
setInterval(() => {
  for (const m of sns.published.slice(seen.sns)) console.log(`sns    ${m.subject ?? "(no subject)"}`);
  for (const p of slack.posts.slice(seen.slack)) console.log(`slack  ${p.channel} ${String(p.text).slice(0, 120)}`);
  seen = { sns: sns.published.length, slack: slack.posts.length };
}, 200).unref();

const stop = async () => {
  await Promise.all([sns.close(), slack.close(), ssm.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
