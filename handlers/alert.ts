import { bundledPolicySet, bundledRouting, bundledSilences } from "../src/handler/bundle.js";
import { createAlertHandler } from "../src/handler/lambda.js";
import { processEnv } from "../src/env.js";

// Once per container: policies and routes compiled from the bundle, never per event.
const env = processEnv();
const { routing, warnings } = bundledRouting(env);
const declared = bundledSilences(new Date());
for (const warning of [...warnings, ...declared.problems]) console.warn(warning);

/** Lambda `alert`: EventBridge "AWS API Call via CloudTrail" events in, alerts out (src/handler/). */
export const handler = createAlertHandler({ policySet: bundledPolicySet(), routing, env, declaredSilences: declared.silences });
