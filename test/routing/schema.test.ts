import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputTypes } from "../../src/outputs/registry.js";
import { formatDiagnostic } from "../../src/policy/diagnostics.js";
import { CONFIG_FIELDS, loadRoutingConfigText, ROUTE_FIELDS } from "../../src/routing/config.js";
import { INTERACT_FIELDS } from "../../src/routing/interact-access.js";
import { routingJsonSchema } from "../../src/routing/json-schema.js";
import { parse } from "yaml";
import { acceptsJson } from "../support/json-schema-subset.js";
import { repoRoot } from "../support/shared.js";

type Node = { properties?: Record<string, Node>; items?: Node; additionalProperties?: Node | boolean; oneOf?: Node[]; required?: string[] };
const schema = routingJsonSchema() as Node;
const props = schema.properties ?? {};
const keysOf = (node: Node | undefined): string[] => Object.keys(node?.properties ?? {});

describe("routing config JSON Schema (schema/routing.schema.json)", () => {
  it("is shipped up to date (regenerate: npx trailwatch schema --routing > schema/routing.schema.json)", () => {
    const shipped = JSON.parse(readFileSync(path.join(repoRoot, "schema/routing.schema.json"), "utf8"));
    expect(shipped).toEqual(routingJsonSchema());
  });

  it("closes every mapping the loader closes, with the same keys", () => {
    expect(keysOf(schema)).toEqual(CONFIG_FIELDS.map((f) => f.key));
    expect(keysOf(props.routes?.items)).toEqual(ROUTE_FIELDS.map((f) => f.key));
    expect(keysOf(props.interact)).toEqual(INTERACT_FIELDS.map((f) => f.key));
    const destinations = (props.destinations?.additionalProperties as Node).oneOf ?? [];
    expect(destinations.map((d) => keysOf(d))).toEqual([...outputTypes.values()].map((o) => ["type", ...o.configKeys.map((k) => k.key)]));
    expect(destinations.map((d) => d.required)).toEqual([...outputTypes.values()].map((o) => ["type", ...o.configKeys.filter((k) => k.required).map((k) => k.key)]));
  });
});

const load = (yaml: string) => loadRoutingConfigText(yaml, "trailwatch.yml", {}).diagnostics.map(formatDiagnostic);

describe("trailwatch.yml values go through the field kinds", () => {
  it.each([
    ["a console stream, with did-you-mean", "destinations:\n  local:\n    type: console\n    stream: stdrr\n", 'trailwatch.yml:4:5 error destinations.local.stream: must be one of stdout, stderr, not "stdrr" (did you mean "stderr"?)'],
    ["an SNS topic ARN", "destinations:\n  mail:\n    type: sns\n    topicArn: arn:aws:sqs:us-east-1:111122223333:q\n", 'trailwatch.yml:4:5 error destinations.mail.topicArn: must be an SNS topic ARN like arn:aws:sns:us-east-1:111122223333:alerts, not "arn:aws:sqs:us-east-1:111122223333:q"'],
    ["a route key, with did-you-mean", "destinations:\n  local: { type: console }\nroutes:\n  - destinations: [local]\n    contineu: true\n", 'trailwatch.yml:5:5 error routes[0].contineu: unknown route key "contineu" (did you mean "continue"?); allowed: match, destinations, continue'],
    ["a route's continue", "destinations:\n  local: { type: console }\nroutes:\n  - destinations: [local]\n    continue: yes please\n", 'trailwatch.yml:5:5 error routes[0].continue: must be true or false, not string "yes please"'],
    ["a route without destinations", "destinations:\n  local: { type: console }\nroutes:\n  - continue: true\n", 'trailwatch.yml:4:5 error routes[0]: a route needs "destinations" (where matching alerts go)'],
    ["an empty default", "destinations:\n  local: { type: console }\ndefault: []\n", "trailwatch.yml:3:1 error default: must be a non-empty list of destination names, not an empty list"],
    ["a Slack user id", "destinations:\n  local: { type: console }\ninteract:\n  allowedUsers: [alice]\n", 'trailwatch.yml:4:18 error interact.allowedUsers[0]: must be a Slack user id like U0123ABCD, not "alice" (names can be renamed; ids cannot)'],
  ])("%s", (_name, yaml, expected) => {
    expect(load(yaml)).toContain(expected);
  });
});

describe("the routing schema and the loader agree on whole files", () => {
  const root = routingJsonSchema() as Record<string, unknown>;
  const env = { TRAILWATCH_SNS_TOPIC_ARN: "arn:aws:sns:us-east-1:111122223333:alerts", TRAILWATCH_SLACK_CHANNEL: "C0SECOPS" };

  it.each(["trailwatch.yml", "examples/trailwatch.routes.yml"])("the shipped %s is accepted by both", (file) => {
    const text = readFileSync(path.join(repoRoot, file), "utf8");
    expect(loadRoutingConfigText(text, file, env).config).toBeDefined();
    expect(acceptsJson(root, parse(text))).toBe(true);
  });

  it.each([
    ["destinations:\n  local: { type: console, stream: stdlog }\n"],
    ["destinations:\n  mail: { type: sns, topicArn: not-an-arn }\n"],
    ["destinations:\n  mail: { type: sns, topicArn: '${TOPIC}', regoin: us-east-1 }\n"],
    ["destinations:\n  chat: { type: slack }\n"],
    ["destinations:\n  local: { type: console }\nroutes:\n  - { destinations: [local], continue: 'yes' }\n"],
    ["destinations:\n  local: { type: console }\nroutes:\n  - { destinations: [local], match: { eventID: [x] } }\n"],
    ["destinations:\n  local: { type: console }\ndefault: []\n"],
    ["destinations:\n  local: { type: console }\ndefault: [local, 7]\n"],
    ["destinations:\n  local: { type: console }\ninteract: { allowedGroups: [oncall] }\n"],
  ])("%j is refused by both", (text) => {
    expect(loadRoutingConfigText(text, "trailwatch.yml", {}).diagnostics.some((d) => d.level === "error")).toBe(true);
    expect(acceptsJson(root, parse(text))).toBe(false);
  });
});
