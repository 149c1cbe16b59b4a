import { bundledPolicySet, bundledRouting, bundledSilences } from "../src/handler/bundle.js";
import { createAlertHandler } from "../src/handler/lambda.js";

// Once per container: policies and routes compiled from the bundle, never per event.
const { routing, warnings } = bundledRouting(process.env);
const declared = bundledSilences(new Date());
for (const warning of [...warnings, ...declared.problems]) console.warn(warning);

/** Lambda `alert`: EventBridge "AWS API Call via CloudTrail" events in, alerts out (src/handler/). */
export const handler = createAlertHandler({ policySet: bundledPolicySet(), routing, env: process.env, declaredSilences: declared.silences });
