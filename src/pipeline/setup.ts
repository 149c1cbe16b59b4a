import type { Alert } from "../alert/types.js";
import { DeliveryError, OutputConfigError } from "../outputs/errors.js";
import type { Destination, OutputDeps } from "../outputs/output.js";
import { consoleOutput } from "../outputs/console.js";
import { createDestination } from "../outputs/registry.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { RoutingConfig } from "../routing/config.js";
import type { NoiseControl } from "./noise-gate.js";
import type { Pipeline, PipelineLogger } from "./process.js";
import type { SilenceControl } from "../silence/control.js";
import { ThreadStore } from "../slack-thread/store.js";
import { SUMMARY_EVENT, threadBursts } from "../slack-thread/threaded.js";
import type { ThreadKey } from "../slack-thread/store.js";
import { throttleWindow, throttleWindowKey } from "./throttle-window.js";

/**
 * A destination that could not be built (e.g. Slack with no token): every delivery to it
 * fails with the configuration problem, so the alert is reported and retried, never dropped.
 */
function misconfigured(name: string, type: string, problem: OutputConfigError): Destination {
  return {
    name,
    type,
    async deliver(alert: Alert) {
      const failure = { destination: name, destinationType: type, policy: alert.policy, eventId: alert.eventId };
      throw new DeliveryError({ ...failure, reason: problem.problems.join("; "), hint: "Fix the destination's configuration (trailwatch.yml and the function's environment)" }, { cause: problem });
    },
  };
}

export function createDestinations(routing: RoutingConfig, deps: OutputDeps): Map<string, Destination> {
  const map = new Map<string, Destination>();
  for (const spec of routing.destinations) {
    try {
      map.set(spec.name, createDestination(spec, deps));
    } catch (cause) {
      if (!(cause instanceof OutputConfigError)) throw cause;
      map.set(spec.name, misconfigured(spec.name, spec.type, cause));
    }
  }
  return map;
}

/** The burst an alert belongs to: its throttle window (a summary names its window in the record). */
function burstOf(policySet: PolicySet, alert: Alert, now: Date): ThreadKey | undefined {
  if (alert.eventName === SUMMARY_EVENT) {
    const t = alert.record.throttle as { policy?: unknown; group?: unknown; windowStart?: unknown } | undefined;
    return typeof t?.policy === "string" && typeof t.group === "string" && typeof t.windowStart === "string" ? throttleWindowKey(t.policy, t.group, t.windowStart) : undefined;
  }
  const policy = policySet.policy(alert.policy);
  return policy === undefined ? undefined : throttleWindow(policy, alert, now);
}

export interface PipelineOptions {
  readonly policySet: PolicySet;
  readonly routing: RoutingConfig;
  readonly logger: PipelineLogger;
  readonly deps: OutputDeps;
  readonly noise?: NoiseControl;
  readonly silences?: SilenceControl;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const built = createDestinations(options.routing, options.deps);
  // With a state table, Slack gets one thread per burst (its parent's ts lives in the table).
  const noise = options.noise;
  const destinations = noise === undefined ? built : threadBursts(built, { store: new ThreadStore(noise.store.table), now: noise.now, burstOf: (alert) => burstOf(options.policySet, alert, noise.now()), logger: options.logger });
  return {
    policySet: options.policySet,
    routing: options.routing,
    destinations,
    fallback: consoleOutput.create("fallback-console", { stream: "stdout" }, options.deps),
    logger: options.logger,
    noise: options.noise,
    silences: options.silences,
  };
}
