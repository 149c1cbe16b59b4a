import middy from "@middy/core";
import type { EventBridgeEvent } from "aws-lambda";
import { bundledPolicySet } from "../src/handler/bundled-policies.js";
import type { CloudTrailRecord } from "../src/record/cloudtrail.js";

const policySet = bundledPolicySet();

/** EventBridge "AWS API Call via CloudTrail" events in; alerts out. The work lives in src/handler/. */
export const handler = middy<EventBridgeEvent<string, CloudTrailRecord>, { alerts: number }>().handler(async (event) => {
  const alerts = policySet.evaluate(event.detail);
  return { alerts: alerts.length };
});
