import { SilenceControl, type SilenceLogger } from "../silence/control.js";
import { SilenceStore } from "../silence/store.js";
import type { Silence } from "../silence/types.js";
import type { NoiseControl } from "../pipeline/noise-gate.js";
import { deliverEverywhere, type Invocation, type Pipeline } from "../pipeline/process.js";

/** Silences need the state table (to count holds and announce once); without it none applies. */
export function silenceControl(noise: NoiseControl | undefined, declared: readonly Silence[], logger: SilenceLogger): SilenceControl | undefined {
  if (noise === undefined) {
    if (declared.length > 0) logger.error("silences.yml declares silences but there is no state table: none applies (alerts are delivered)", {});
    return undefined;
  }
  return new SilenceControl(new SilenceStore(noise.store.table), declared, noise.now, logger);
}

/** Once per invocation: reads silences, announces new ones and ends to every destination. */
export async function refreshSilences(pipeline: Pipeline, invocation: Invocation): Promise<void> {
  await pipeline.silences?.refresh(async (alert) => {
    const outcome = await deliverEverywhere(pipeline, alert, invocation);
    // Announced only when every destination has it: a delivery another invocation owns is not "has it" yet.
    return outcome.failures.length === 0 && outcome.inFlight.length === 0;
  });
}
