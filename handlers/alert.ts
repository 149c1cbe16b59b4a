import middy from "@middy/core";
import { bundledPolicySet } from "../src/handler/bundled-policies.js";

const policySet = bundledPolicySet();

/** EventBridge "AWS API Call via CloudTrail" events in; alerts out. The work lives in src/handler/. */
export const handler = middy().handler(async (event: { detail?: unknown }) => {
  const alerts = policySet.evaluate(event.detail as never);
  return { alerts: alerts.length };
});
