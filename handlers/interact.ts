import { bundledRouting } from "../src/handler/bundle.js";
import { createInteractHandler } from "../src/handler/interact.js";
import { processEnv } from "../src/env.js";

// Who may press the buttons comes from the bundled trailwatch.yml (interact:), once per container.
const env = processEnv();
const { routing } = bundledRouting(env);

/** Lambda `interact` (Function URL): Slack's Acknowledge / Silence 1h clicks (src/interact/). */
export const handler = createInteractHandler({ access: routing.interact, env });
