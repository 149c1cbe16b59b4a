import { describe, expect, it } from "vitest";
import { cloudTrailEventUrl } from "../../src/alert/render/console-link.js";

describe("cloudTrailEventUrl", () => {
  it.each([
    ["us-east-2", "abc-123", "https://us-east-2.console.aws.amazon.com/cloudtrail/home?region=us-east-2#/events/abc-123"],
    ["ap-southeast-4", "e1", "https://ap-southeast-4.console.aws.amazon.com/cloudtrail/home?region=ap-southeast-4#/events/e1"],
    ["cn-north-1", "e1", "https://cn-north-1.console.amazonaws.cn/cloudtrail/home?region=cn-north-1#/events/e1"],
    ["us-gov-west-1", "e1", "https://us-gov-west-1.console.amazonaws-us-gov.com/cloudtrail/home?region=us-gov-west-1#/events/e1"],
    [undefined, "e1", "https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/e1"],
    ["evil.example/x#", "e1", "https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/e1"],
    ["us-east-1", "a/../b?c=<d>#e f", "https://us-east-1.console.aws.amazon.com/cloudtrail/home?region=us-east-1#/events/a%2F..%2Fb%3Fc%3D%3Cd%3E%23e%20f"],
  ])("%s / %s", (region, eventId, expected) => {
    const url = cloudTrailEventUrl(region, eventId);
    expect(url).toBe(expected);
    expect(new URL(url).hostname).toMatch(/\.console\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)$/);
  });
});
