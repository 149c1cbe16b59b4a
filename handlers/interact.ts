import { bundledRouting } from "../src/handler/bundle.js";
import { createInteractHandler } from "../src/handler/interact.js";

// Who may press the buttons comes from the bundled trailwatch.yml (interact:), once per container.
const { routing } = bundledRouting(process.env);

/** Lambda `interact` (Function URL): Slack's Acknowledge / Silence 1h clicks (src/interact/). */
export const handler = createInteractHandler({ access: routing.interact, env: process.env });
