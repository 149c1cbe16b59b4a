import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";
import { startSlackServer, type SlackServer } from "../support/slack-server.js";
import { startSnsServer, type SnsServer } from "../support/sns-server.js";

let sns: SnsServer;
let slack: SlackServer;
const saved = { ...process.env };
const args = ["send", "--rules", path.join(repoRoot, "test/fixtures/rules"), "--config", path.join(repoRoot, "trailwatch.yml"), "--event", path.join(repoRoot, "test/fixtures/records/delete-channel-root.json")];

beforeAll(async () => {
  [sns, slack] = await Promise.all([startSnsServer(), startSlackServer({ channels: ["C0SECOPS"] })]);
  Object.assign(process.env, {
    AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_MAX_ATTEMPTS: "1",
    AWS_ENDPOINT_URL_SNS: sns.url, SLACK_API_URL: slack.apiUrl, SLACK_BOT_TOKEN: "xoxb-local",
    TRAILWATCH_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:alerts", TRAILWATCH_SLACK_CHANNEL: "C0SECOPS",
  });
});

afterAll(async () => {
  process.env = saved;
  await Promise.all([sns.close(), slack.close()]);
});

beforeEach(() => {
  sns.published.length = 0;
  slack.posts.length = 0;
  sns.heal();
  slack.heal();
});

describe("trailwatch send", () => {
  it("delivers one message per destination for a record three policies fired on, and exits 0", async () => {
    const r = await runCli(args);
    expect(r.stdout).toContain("1 record(s), 3 alert(s), 0 delivery failure(s)");
    expect(r.code).toBe(0);
    expect(sns.published).toHaveLength(1);
    expect(slack.posts).toHaveLength(1);
    const body = JSON.stringify(sns.published[0]);
    const post = JSON.stringify(slack.posts[0]);
    for (const policy of ["ssm-contacts.any-write-by-root", "ssm-contacts.channel-deleted", "ssm-contacts.channel-deleted-by-root"]) {
      expect(body, policy).toContain(policy);
      expect(post, policy).toContain(policy);
    }
    expect(body).toContain("POLICIES THAT FIRED ON THIS EVENT (3)");
  });

  it("exits 1 and prints the failure once when a destination fails, still delivering to the other", async () => {
    slack.failWith("channel_not_found", 100);
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/FAIL {2}alert delivery failed/g)).toHaveLength(1);
    expect(r.stderr).toContain("destination=slack reason=channel_not_found");
    expect(sns.published).toHaveLength(1);
  });

  it("exits 2 when the routing config is broken", async () => {
    const r = await runCli([...args.slice(0, 3), "--config", path.join(repoRoot, "test/fixtures/records/delete-channel-root.json"), "--event", "-"]);
    expect(r.code).toBe(2);
  });
});
