import type { Alert } from "../alert/types.js";
import { DeliveryError, OutputConfigError } from "../outputs/errors.js";
import type { Destination, OutputDeps } from "../outputs/output.js";
import { consoleOutput } from "../outputs/console.js";
import { createDestination } from "../outputs/registry.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { RoutingConfig } from "../routing/config.js";
import type { NoiseControl } from "./noise-gate.js";
import type { Pipeline, PipelineLogger } from "./process.js";

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

export interface PipelineOptions {
  readonly policySet: PolicySet;
  readonly routing: RoutingConfig;
  readonly logger: PipelineLogger;
  readonly deps: OutputDeps;
  readonly noise?: NoiseControl;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  return {
    policySet: options.policySet,
    routing: options.routing,
    destinations: createDestinations(options.routing, options.deps),
    fallback: consoleOutput.create("fallback-console", { stream: "stdout" }, options.deps),
    logger: options.logger,
    noise: options.noise,
  };
}
