import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/alert/types.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadRoutingConfigText, type RoutingConfig } from "../../src/routing/config.js";
import { substituteEnv } from "../../src/routing/env.js";
import { routeAlert } from "../../src/routing/router.js";
import { repoRoot } from "../support/shared.js";

const env = { TRAILWATCH_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:alerts", TRAILWATCH_SLACK_CHANNEL: "C0SECOPS" };

function load(file: string, vars: Record<string, string | undefined> = env): RoutingConfig {
  const { config, diagnostics } = loadRoutingConfigText(readFileSync(path.join(repoRoot, file), "utf8"), file, vars);
  if (!config) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
  return config;
}

function alert(policy: string, severity: Alert["severity"], eventSource = "ssm-contacts.amazonaws.com"): Alert {
  return { policy, severity, title: "t", summary: "s", eventId: "e", eventName: "DeleteContact", eventSource, eventTime: undefined, awsRegion: "us-east-1", account: "111122223333", sourceIPAddress: undefined, description: undefined, references: [], mitre: [], record: {} };
}

describe("routing (examples/trailwatch.routes.yml)", () => {
  const config = load("examples/trailwatch.routes.yml");

  it.each([
    ["critical continues past the first route, then hits the default", alert("ssm-contacts.x", "critical"), ["pager", "slack"]],
    ["critical ssm-incidents policy continues into the second route", alert("ssm-incidents.x", "critical", "ssm-incidents.amazonaws.com"), ["pager", "slack"]],
    ["first match wins for ssm-incidents", alert("ssm-incidents.y", "high", "gamma-ssm-incidents.amazonaws.com"), ["slack"]],
    ["info is chat only", alert("ssm-contacts.y", "info"), ["slack"]],
    ["everything else goes to the default", alert("ssm-contacts.y", "high"), ["email", "slack"]],
  ])("%s", (_name, a, expected) => {
    expect(routeAlert(config, a)).toEqual(expected);
  });

  it("uses ${NAME:-default} when the variable is unset", () => {
    expect(config.destinations.find((d) => d.name === "pager")?.config.topicArn).toBe("arn:aws:sns:us-east-1:111122223333:pager");
  });
});

describe("the shipped trailwatch.yml", () => {
  it("works from environment variables alone", () => {
    expect(routeAlert(load("trailwatch.yml"), alert("ssm-contacts.x", "high"))).toEqual(["email", "slack"]);
  });

  it("switches a destination off, with a warning, when its variable is unset", () => {
    const { config, diagnostics } = loadRoutingConfigText(readFileSync(path.join(repoRoot, "trailwatch.yml"), "utf8"), "trailwatch.yml", { TRAILWATCH_SNS_TOPIC_ARN: env.TRAILWATCH_SNS_TOPIC_ARN });
    expect(config?.inactive).toEqual([{ name: "slack", reason: "environment variable TRAILWATCH_SLACK_CHANNEL is not set" }]);
    expect(diagnostics.map((d) => d.level)).toEqual(["warning"]);
    expect(routeAlert(config as RoutingConfig, alert("ssm-contacts.x", "info"))).toEqual([]);
  });
});

describe("routing config diagnostics", () => {
  it("reports every mistake with its position", () => {
    const text = [
      "destinations:",
      "  mail: { type: snss, topicArn: x }",
      "  chat: { type: slack, chanel: C0 }",
      "routes:",
      "  - match: { severty: [high] }",
      "    destinations: [chat, pagr]",
      "default: [mail]",
    ].join("\n");
    const { config, diagnostics } = loadRoutingConfigText(text, "trailwatch.yml", {});
    expect(config).toBeUndefined();
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'trailwatch.yml:2:11 error destinations.mail.type: type must be one of sns, slack, console, not "snss" (did you mean "sns"?)',
      'trailwatch.yml:3:24 error destinations.chat.chanel: unknown key "chanel" for a slack destination (did you mean "channel"?); allowed: channel',
      'trailwatch.yml:3:3 error destinations.chat: missing required key "channel" (channel id (C0123ABCD) or name (#secops))',
      'trailwatch.yml:5:14 error routes[0].match.severty: routes match on policy, severity, service, tags, eventName, eventSource, account, region, actor; not "severty" (did you mean "severity"?)',
      'trailwatch.yml:6:26 error routes[0].destinations[1]: no destination named "pagr"',
    ]);
  });
});

describe("substituteEnv", () => {
  it.each([
    ["${A}", { A: "x" }, { value: "x" }],
    ["pre-${A}-post", { A: "x" }, { value: "pre-x-post" }],
    ["${A:-dflt}", {}, { value: "dflt" }],
    ["${A}", {}, { missing: "A" }],
    ["${A}", { A: "" }, { missing: "A" }],
    ["plain", {}, { value: "plain" }],
  ])("%s with %j", (text, vars, expected) => {
    expect(substituteEnv(text, vars)).toEqual(expected);
  });
});
