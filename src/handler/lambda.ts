import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import ssm from "@middy/ssm";
import type { Context, EventBridgeEvent } from "aws-lambda";
import type { OutputDeps } from "../outputs/output.js";
import type { PolicySet } from "../policy/policy-set.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";
import type { RoutingConfig } from "../routing/config.js";
import { flushSummaries } from "../pipeline/summary-flush.js";
import type { NoiseControl } from "../pipeline/noise-gate.js";
import { StateStore } from "../state/store.js";
import { readEnv, type Env } from "../env.js";
import { isScheduledSweep } from "../input/unwrap.js";
import { envelopeGuard, type DroppedEvent } from "./middleware/envelope-guard.js";
import { DeliveryFailedError, processRecord, type Pipeline } from "../pipeline/process.js";
import { createPipeline } from "../pipeline/setup.js";
import { refreshSilences, silenceControl } from "./silences.js";
import type { Silence } from "../silence/types.js";

export type CloudTrailEvent = EventBridgeEvent<string, CloudTrailRecord>;

export interface InvocationResult {
  readonly eventID: string | undefined;
  readonly alerts: number;
  readonly delivered: number;
  readonly suppressed: number;
  readonly summaries: number;
  /** Alerts a silence held (also counted in `suppressed`). */
  readonly silenced: number;
}

export interface HandlerOptions {
  readonly policySet: PolicySet;
  readonly routing: RoutingConfig;
  readonly env: Env;
  readonly logger?: Logger;
  /** Noise control; by default a DynamoDB store when TRAILWATCH_STATE_TABLE is set, else none. */
  readonly noise?: NoiseControl;
  /** Silences declared in rules/local/silences.yml (bundled); table silences are read per invocation. */
  readonly declaredSilences?: readonly Silence[];
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
  const table = readEnv(options.env, "TRAILWATCH_STATE_TABLE");
  const noise = options.noise ?? (table ? { store: new StateStore(table), now: () => new Date() } : undefined);
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

  const sweep = async (pipeline: Pipeline): Promise<number> => {
    try {
      return (await flushSummaries(pipeline)).length;
    } catch (error) {
      logger.error("throttle summaries could not be flushed; the next invocation retries", { error: (error as Error).message });
      return 0;
    }
  };

  const run = async (event: CloudTrailEvent, context: Context): Promise<InvocationResult> => {
    const pipeline = pipelineFor(slackToken(context, options.env));
    const summaries = await sweep(pipeline);
    await refreshSilences(pipeline);
    if (isScheduledSweep(event)) return { eventID: undefined, alerts: 0, delivered: 0, suppressed: 0, summaries, silenced: 0 };
    const record = event.detail;
    // Only strings: Powertools deep-merges keys, and a hostile 10k-deep eventID would overflow it.
    logger.appendKeys({ eventID: typeof record.eventID === "string" ? record.eventID : undefined, eventName: record.eventName });
    const outcomes = await processRecord(pipeline, record);
    const failures = outcomes.flatMap((o) => o.failures);
    if (failures.length > 0) throw new DeliveryFailedError(failures);
    const delivered = outcomes.reduce((n, o) => n + o.delivered.length, 0);
    const suppressed = outcomes.filter((o) => o.decision !== "send").length;
    const silenced = outcomes.filter((o) => o.decision === "silenced").length;
    return { eventID: record.eventID, alerts: outcomes.length, delivered, suppressed, summaries, silenced };
  };

  const handler = middy<CloudTrailEvent, InvocationResult | DroppedEvent>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(envelopeGuard(logger) as middy.MiddlewareObj<CloudTrailEvent, InvocationResult | DroppedEvent>);
  const parameter = readEnv(options.env, "SLACK_BOT_TOKEN_PARAMETER");
  if (parameter) {
    // Cached for 5 minutes per container: one SSM call per cold start, and a rotated token is picked up.
    handler.use(ssm({ fetchData: { slackBotToken: parameter }, setToContext: true, cacheExpiry: 5 * 60 * 1000 }) as middy.MiddlewareObj<CloudTrailEvent, InvocationResult | DroppedEvent>);
  }
  return handler.handler(run);
}

export type { RoutingConfig };
