import { describe, expect, it } from "vitest";
import type { Alert } from "../../src/alert/types.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { loadRoutingConfigText, type RoutingConfig } from "../../src/routing/config.js";
import { routeAlert } from "../../src/routing/router.js";

// Route order, `continue:` and catch-all routes, with every destination distinct so that the
// result shows which routes were taken.
const DESTINATIONS = [
  "destinations:",
  "  mail: { type: sns, topicArn: arn:aws:sns:us-east-1:111122223333:mail }",
  "  pager: { type: sns, topicArn: arn:aws:sns:us-east-1:111122223333:pager }",
  "  chat: { type: slack, channel: C0SECOPS }",
  "  log: { type: console }",
  "  audit: { type: sns, topicArn: \"${AUDIT_TOPIC_ARN}\" }",
].join("\n");

function load(routes: string): RoutingConfig {
  const { config, diagnostics } = loadRoutingConfigText(`${DESTINATIONS}\n${routes}`, "trailwatch.yml", {});
  if (!config) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
  return config;
}

function alert(severity: Alert["severity"], eventSource: string): Alert {
  return { policy: "p.x", severity, title: "t", summary: "s", eventId: "e", eventName: "DeleteContact", eventSource, eventTime: undefined, awsRegion: "us-east-1", account: "111122223333", sourceIPAddress: undefined, description: undefined, references: [], mitre: [], record: {} };
}

const CONTACTS = "ssm-contacts.amazonaws.com";
const INCIDENTS = "ssm-incidents.amazonaws.com";

describe("routes with continue and a catch-all", () => {
  const config = load([
    "routes:",
    "  - match: { severity: [critical] }",
    "    destinations: [pager]",
    "    continue: true",
    "  - match: { service: [ssm-incidents] }",
    "    destinations: [chat]",
    "  - match: { service: [ssm-incidents] }",
    "    destinations: [mail]",
    "  - destinations: [log]",
    "default: [mail]",
  ].join("\n"));

  it.each([
    ["continue goes on to the next matching route, adding its destination", alert("critical", INCIDENTS), ["pager", "chat"]],
    ["continue goes on past routes that do not match, to the catch-all", alert("critical", CONTACTS), ["pager", "log"]],
    ["without continue the first match wins: later matching routes add nothing", alert("high", INCIDENTS), ["chat"]],
    ["a route without match: takes everything left, and the default is not used", alert("high", CONTACTS), ["log"]],
  ])("%s", (_name, a, expected) => {
    expect(routeAlert(config, a)).toEqual(expected);
  });
});

describe("routes without a catch-all", () => {
  const config = load([
    "routes:",
    "  - match: { severity: [critical] }",
    "    destinations: [pager, chat]",
    "    continue: true",
    "  - match: { severity: [critical, high] }",
    "    destinations: [chat, log]",
    "  - match: { severity: [low] }",
    "    destinations: [audit]",
    "default: [mail]",
  ].join("\n"));

  it("sends an alert no route matched to the default", () => {
    expect(routeAlert(config, alert("medium", CONTACTS))).toEqual(["mail"]);
  });

  it("names each destination once, in route order", () => {
    expect(routeAlert(config, alert("critical", CONTACTS))).toEqual(["pager", "chat", "log"]);
  });

  it("leaves out a destination that is switched off, without falling back to the default", () => {
    expect(config.inactive.map((d) => d.name)).toEqual(["audit"]);
    expect(routeAlert(config, alert("low", CONTACTS))).toEqual([]);
  });

  it("matches routes on the policy's tags", () => {
    const tagged = load("routes:\n  - match: { tags: [paging] }\n    destinations: [pager]\n  - match: { tags: [{ exists: true }] }\n    destinations: [chat]\ndefault: [mail]");
    expect(routeAlert(tagged, alert("low", CONTACTS), ["paging"])).toEqual(["pager"]);
    expect(routeAlert(tagged, alert("low", CONTACTS), ["other"])).toEqual(["chat"]);
    expect(routeAlert(tagged, alert("low", CONTACTS))).toEqual(["mail"]);
  });
});
