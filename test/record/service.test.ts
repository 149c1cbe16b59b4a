import { describe, expect, it } from "vitest";
import { emailBody, messageAttributes } from "../../src/alert/render/email.js";
import { eventBridgeSource } from "../../src/deploy/rule-patterns.js";
import { serviceName } from "../../src/record/service.js";
import { routeView } from "../../src/routing/view.js";
import { sampleAlert } from "../alert/sample-alert.js";

// One service name for routing, the EventBridge rule source and the SNS `service` attribute:
// an SNS subscription filtered on `service: ssm-contacts` must see the `gamma-` spelling too.
describe("one service name from an eventSource", () => {
  it.each([
    ["ssm-contacts.amazonaws.com", "ssm-contacts"],
    ["gamma-ssm-contacts.amazonaws.com", "ssm-contacts"],
    ["ssm-incidents.amazonaws.com", "ssm-incidents"],
    ["gamma-ssm-incidents.amazonaws.com", "ssm-incidents"],
  ])("%s -> %s in routing, EventBridge and the SNS attribute alike", (eventSource, service) => {
    const alert = sampleAlert({ eventSource });
    expect(serviceName(eventSource)).toBe(service);
    expect(routeView(alert).service).toBe(service);
    expect(eventBridgeSource(eventSource)).toBe(`aws.${service}`);
    expect(messageAttributes(alert).service?.StringValue).toBe(service);
  });

  it("the e-mail a person reads keeps the eventSource as CloudTrail wrote it", () => {
    const alert = sampleAlert({ eventSource: "gamma-ssm-contacts.amazonaws.com" });
    expect(emailBody(alert)).toContain("Call: gamma-ssm-contacts.amazonaws.com ");
  });
});
