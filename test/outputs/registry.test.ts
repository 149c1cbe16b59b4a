import { describe, expect, it } from "vitest";
import { checkConfig } from "../../src/outputs/config.js";
import { OutputConfigError } from "../../src/outputs/errors.js";
import type { OutputType } from "../../src/outputs/output.js";
import { buildRegistry } from "../../src/registry.js";
import { createDestination, outputTypes } from "../../src/outputs/registry.js";

const TOPIC = "arn:aws:sns:us-east-2:111122223333:alerts";

describe("output registry", () => {
  it("holds sns, slack and console", () => {
    expect([...outputTypes.keys()]).toEqual(["sns", "slack", "console"]);
  });

  it.each([...outputTypes.values()])("$type has a description and a closed, documented config schema", (output) => {
    expect(output.description.length).toBeGreaterThan(10);
    for (const key of output.configKeys) {
      expect(key.description.length).toBeGreaterThan(5);
      expect(checkConfig(output, { [key.key]: 42 }).some((p) => p.startsWith(`key "${key.key}": must be`)), key.key).toBe(true);
    }
    expect(checkConfig(output, { surely_not_a_key: 1 })[0]).toMatch(/^unknown key "surely_not_a_key"/);
  });

  it("refuses a type listed twice", () => {
    const fake: OutputType = { type: "x", description: "", configKeys: [], create: () => ({ name: "", type: "x", deliver: async () => {} }) };
    expect(() => buildRegistry("output type", [fake, fake], (o) => o.type)).toThrow('output type "x" is registered twice');
  });
});

describe("checkConfig", () => {
  it.each([
    ["sns", { topicArn: TOPIC }, []],
    ["sns", { topicArn: TOPIC, region: "us-east-2" }, []],
    ["sns", {}, ['missing required key "topicArn" (ARN of the SNS topic)']],
    ["sns", { topicArn: "arn:aws:sqs:us-east-2:111122223333:q" }, ['key "topicArn": must be an SNS topic ARN like arn:aws:sns:us-east-1:111122223333:alerts, not "arn:aws:sqs:us-east-2:111122223333:q"']],
    ["sns", { topicArn: TOPIC, topic: "x" }, ['unknown key "topic" for type sns (allowed: topicArn, region)']],
    ["slack", { channel: "#secops" }, []],
    ["slack", { channel: 7 }, ['key "channel": must be a Slack channel id like C0123ABCD or a #name, not number 7']],
    ["slack", { channel: "" }, ['key "channel": must be a Slack channel id like C0123ABCD or a #name, not ""']],
    ["slack", { channel: "C1", token: "xoxb-in-config" }, ['unknown key "token" for type slack (allowed: channel)']],
    ["console", {}, []],
    ["console", { stream: "stdlog" }, ['key "stream": must be one of stdout, stderr, not "stdlog"']],
    ["console", { stream: "stdrr" }, ['key "stream": must be one of stdout, stderr, not "stdrr" (did you mean "stderr"?)']],
    ["sns", { topicArn: TOPIC, regoin: "us-east-2" }, ['unknown key "regoin" for type sns (did you mean "region"?) (allowed: topicArn, region)']],
  ])("%s %j", (type, config, problems) => {
    expect(checkConfig(outputTypes.get(type) as OutputType, config)).toEqual(problems);
  });
});

describe("createDestination", () => {
  it("builds a destination with its name and type", () => {
    expect(createDestination({ name: "local", type: "console", config: {} })).toMatchObject({ name: "local", type: "console" });
  });

  it("names the destination and every problem at once", () => {
    const build = () => createDestination({ name: "mail", type: "sns", config: { topic: "x" } });
    expect(build).toThrow(OutputConfigError);
    expect(build).toThrow('destination "mail" is misconfigured: unknown key "topic" for type sns (allowed: topicArn, region); missing required key "topicArn"');
  });

  it("lists the known types for an unknown one", () => {
    expect(() => createDestination({ name: "pager", type: "pagerduty", config: {} })).toThrow(
      'destination "pager" is misconfigured: unknown type "pagerduty" (known types: sns, slack, console)',
    );
  });
});
