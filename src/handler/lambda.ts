import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import ssm from "@middy/ssm";
import type { Context, EventBridgeEvent } from "aws-lambda";
import type { OutputDeps } from "../outputs/output.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { RoutingConfig } from "../routing/config.js";
import { SSM_REQUEST_HANDLER, invocationDeadline, systemClock, type Clock } from "../deadline.js";
import { readEnv, type Env } from "../env.js";
import { isScheduledSweep } from "../input/formats.js";
import type { NoiseControl } from "../pipeline/noise-gate.js";
import { DeliveryFailedError, processRecord, startInvocation, type AlertOutcome, type Invocation, type Pipeline } from "../pipeline/process.js";
import { createPipeline } from "../pipeline/setup.js";
import type { Silence } from "../silence/types.js";
import { refreshSilences, silenceControl } from "./silences.js";
import { flushSummaries, type FlushReport } from "../pipeline/summary-flush.js";
import { StateStore } from "../state/store.js";
import { publishInvocationMetrics } from "./metrics.js";
import { envelopeGuard, type DroppedEvent } from "./middleware/envelope-guard.js";
import { invocationResult, type InvocationResult } from "./result.js";

export type CloudTrailEvent = EventBridgeEvent<string, CloudTrailRecord>;

/**
 * Claims lapse this long after the invocation's own timeout: the clocks of two containers
 * (and DynamoDB's) may differ by a second or two, and a lease must never lapse early.
 */
export const LEASE_SKEW_MS = 5000;

export interface HandlerOptions {
  readonly policySet: PolicySet;
  readonly routing: RoutingConfig;
  readonly env: Env;
  readonly logger?: Logger;
  /** Noise control; by default a DynamoDB store when TRAILWATCH_STATE_TABLE is set, else none. */
  readonly noise?: NoiseControl;
  /** Silences declared in rules/local/silences.yml (bundled); table silences are read per invocation. */
  readonly declaredSilences?: readonly Silence[];
  /** The clock for budgets, leases and waits (tests inject one that sleeps by advancing); the system's by default. */
  readonly clock?: Clock;
  /** Powertools Metrics (EMF); by default namespace POWERTOOLS_METRICS_NAMESPACE, else "Trailwatch". */
  readonly metrics?: Metrics;
  /** Client settings for the outputs (tests pass fast retry strategies here). */
  readonly deps?: Omit<OutputDeps, "slack"> & { slack?: Omit<NonNullable<OutputDeps["slack"]>, "token"> };
}

/** The Slack token: from SSM via @middy/ssm (deployed), or SLACK_BOT_TOKEN (local runs only). */
function slackToken(context: Context, env: HandlerOptions["env"]): string | undefined {
  const fromSsm = (context as Context & { slackBotToken?: unknown }).slackBotToken;
  return typeof fromSsm === "string" && fromSsm !== "" ? fromSsm : readEnv(env, "SLACK_BOT_TOKEN");
}

/** Builds the Middy-wrapped handler; `handlers/alert.ts` calls this once per container. */
export function createAlertHandler(options: HandlerOptions) {
  const logger = options.logger ?? new Logger({ serviceName: readEnv(options.env, "POWERTOOLS_SERVICE_NAME") ?? "trailwatch" });
  const noiseNow = options.noise?.now;
  const clock: Clock = options.clock ?? (noiseNow ? { now: () => noiseNow().getTime(), sleep: systemClock.sleep } : systemClock);
  const table = readEnv(options.env, "TRAILWATCH_STATE_TABLE");
  const noise = options.noise ?? (table ? { store: new StateStore(table), now: () => new Date(clock.now()) } : undefined);
  if (noise === undefined) logger.warn("TRAILWATCH_STATE_TABLE is not set: no dedupe, throttling or delivery ledger");
  const silences = silenceControl(noise, options.declaredSilences ?? [], logger);
  const pipelines = new Map<string, Pipeline>();
  const pipelineFor = (token: string | undefined): Pipeline => {
    let pipeline = pipelines.get(token ?? "");
    if (pipeline === undefined) {
      const deps: OutputDeps = { ...options.deps, env: options.env, slack: { ...options.deps?.slack, ...(token ? { token } : {}) } };
      pipeline = createPipeline({ policySet: options.policySet, routing: options.routing, logger, deps, noise, ...(silences ? { silences } : {}) });
      pipelines.set(token ?? "", pipeline);
    }
    return pipeline;
  };

  const metrics = options.metrics ?? new Metrics({ namespace: readEnv(options.env, "POWERTOOLS_METRICS_NAMESPACE") ?? "Trailwatch", serviceName: readEnv(options.env, "POWERTOOLS_SERVICE_NAME") ?? "trailwatch" });

  const sweep = async (pipeline: Pipeline, invocation: Invocation): Promise<FlushReport> => {
    try {
      return await flushSummaries(pipeline, invocation);
    } catch (error) {
      logger.error("throttle summaries could not be flushed; the next invocation retries", { error: (error as Error).message });
      return { owed: 0, outcomes: [], deferred: 0 };
    }
  };

  /** The budget: Lambda's remaining time minus a margin; claims last until the invocation is certainly over. */
  const begin = (pipeline: Pipeline, context: Context): Invocation => {
    const remaining = context.getRemainingTimeInMillis();
    return startInvocation(pipeline, invocationDeadline(remaining, clock), new Date(clock.now() + remaining + LEASE_SKEW_MS));
  };

  const finish = (event: string | undefined, outcomes: readonly AlertOutcome[], flush: FlushReport, invocation: Invocation): InvocationResult => {
    publishInvocationMetrics(metrics, [...outcomes, ...flush.outcomes], flush);
    const result = invocationResult(event, outcomes, flush, invocation);
    if (result.degraded.length > 0 || result.skipped.length > 0) logger.warn("invocation degraded or skipped work", { result });
    const failures = outcomes.flatMap((o) => o.failures);
    if (failures.length > 0) throw new DeliveryFailedError(failures);
    return result;
  };

  const run = async (event: CloudTrailEvent, context: Context): Promise<InvocationResult> => {
    const pipeline = pipelineFor(slackToken(context, options.env));
    const invocation = begin(pipeline, context);
    // Silences first: new ones are announced (and only then hold), ended ones summarised.
    await refreshSilences(pipeline, invocation);
    if (isScheduledSweep(event)) return finish(undefined, [], await sweep(pipeline, invocation), invocation);
    const record = event.detail;
    // Only strings: Powertools deep-merges keys, and a hostile 10k-deep eventID would overflow it.
    logger.appendKeys({ eventID: typeof record.eventID === "string" ? record.eventID : undefined, eventName: record.eventName });
    // The incoming event first: owed summaries get what budget it leaves (or the sweep's).
    const outcomes = await processRecord(pipeline, record, invocation);
    return finish(record.eventID, outcomes, await sweep(pipeline, invocation), invocation);
  };

  const handler = middy<CloudTrailEvent, InvocationResult | DroppedEvent>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(envelopeGuard(logger) as middy.MiddlewareObj<CloudTrailEvent, InvocationResult | DroppedEvent>);
  const parameter = readEnv(options.env, "SLACK_BOT_TOKEN_PARAMETER");
  if (parameter) {
    // Cached for 5 minutes per container: one SSM call per cold start, and a rotated token is picked up.
    // Under `serverless invoke local` (one invocation per process) middy's refresh timer, re-armed
    // every 5 minutes, would keep the process alive forever: there the token is fetched once.
    const cacheExpiry = readEnv(options.env, "IS_LOCAL") === "true" ? -1 : 5 * 60 * 1000;
    handler.use(ssm({ fetchData: { slackBotToken: parameter }, setToContext: true, cacheExpiry, awsClientOptions: { requestHandler: SSM_REQUEST_HANDLER } }) as middy.MiddlewareObj<CloudTrailEvent, InvocationResult | DroppedEvent>);
  }
  return handler.handler(run);
}

export type { InvocationResult, RoutingConfig };
