import { Logger } from "@aws-lambda-powertools/logger";
import middy from "@middy/core";
import ssm from "@middy/ssm";
import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import type { Context } from "aws-lambda";
import type { InteractAccess } from "../routing/interact-access.js";
import { act } from "../interact/act.js";
import { parseClick } from "../interact/click.js";
import { InteractStore } from "../interact/store.js";
import { verifySlack, type FunctionUrlRequest } from "../interact/verify.js";
import { SilenceStore } from "../silence/store.js";
import { readEnv } from "../env.js";

export interface InteractResponse {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface InteractOptions {
  readonly access: InteractAccess;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

/**
 * Slack drops an interaction not answered within 3 s. Every call gets a deadline that fits:
 * DynamoDB 2 attempts of <= 0.5 s, Slack one attempt of <= 1.2 s; the function's own timeout is 3 s.
 */
const DYNAMO_DEADLINE: DynamoDBClientConfig = { maxAttempts: 2, requestHandler: { requestTimeout: 500, connectionTimeout: 250 } };
const SLACK_TIMEOUT_MS = 1200;

const reply = (statusCode: number, body = ""): InteractResponse => ({ statusCode, headers: { "content-type": "text/plain; charset=utf-8" }, body });

type Secrets = Context & { slackSigningSecret?: unknown; slackBotToken?: unknown };
const fromContext = (value: unknown, fallback: string | undefined) => (typeof value === "string" && value !== "" ? value : fallback);

async function slackClient(token: string, env: InteractOptions["env"]) {
  const { LogLevel, WebClient } = await import("@slack/web-api");
  const url = readEnv(env, "SLACK_API_URL");
  return new WebClient(token, { ...(url ? { slackApiUrl: url } : {}), timeout: SLACK_TIMEOUT_MS, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
}

/** Lambda `interact`, behind a Function URL: Slack button clicks in, acknowledgements and silences out. */
export function createInteractHandler(options: InteractOptions) {
  const { env } = options;
  const logger = options.logger ?? new Logger({ serviceName: readEnv(env, "POWERTOOLS_SERVICE_NAME") ?? "trailwatch" });
  const now = options.now ?? (() => new Date());
  const table = readEnv(env, "TRAILWATCH_STATE_TABLE");
  if (!table) throw new Error("TRAILWATCH_STATE_TABLE is not set: the interact function records acknowledgements and silences there");
  const store = new InteractStore(table, DYNAMO_DEADLINE);
  const silences = new SilenceStore(table, DYNAMO_DEADLINE);

  const run = async (event: FunctionUrlRequest, context: Context): Promise<InteractResponse> => {
    const secrets = context as Secrets;
    const secret = fromContext(secrets.slackSigningSecret, readEnv(env, "SLACK_SIGNING_SECRET"));
    const token = fromContext(secrets.slackBotToken, readEnv(env, "SLACK_BOT_TOKEN"));
    if (!secret || !token) {
      logger.error("no Slack signing secret or bot token (SLACK_SIGNING_SECRET_PARAMETER / SLACK_BOT_TOKEN_PARAMETER)");
      return reply(500, "not configured");
    }
    const at = now();
    const verified = verifySlack(event, secret, at);
    if (!verified.ok) {
      logger.warn("request refused", { reason: verified.reason });
      return reply(401, "invalid request");
    }
    try {
      if (!(await store.firstSight(verified.signature, at))) {
        logger.warn("request refused", { reason: "replayed: this signed request was already handled" });
        return reply(401, "invalid request");
      }
      const click = parseClick(verified.body);
      if (click === undefined) return reply(200);
      const outcome = await act(click, { slack: await slackClient(token, env), store, silences, access: options.access, now: at });
      logger.info(`click ${outcome}`, { action: click.action, user: click.user.id, policy: click.policy, eventID: click.eventId });
      return reply(200);
    } catch (error) {
      logger.error("click could not be handled", { error: (error as Error).message });
      return reply(500, "Trailwatch could not record this; try again or use the CLI (trailwatch silence add)");
    }
  };

  const handler = middy<FunctionUrlRequest, InteractResponse>();
  const fetchData: Record<string, string> = {};
  const secretParameter = readEnv(env, "SLACK_SIGNING_SECRET_PARAMETER");
  const tokenParameter = readEnv(env, "SLACK_BOT_TOKEN_PARAMETER");
  if (secretParameter) fetchData.slackSigningSecret = secretParameter;
  if (tokenParameter) fetchData.slackBotToken = tokenParameter;
  if (Object.keys(fetchData).length > 0) {
    // SecureStrings, decrypted; cached 5 minutes per container so a rotated secret is picked up.
    handler.use(ssm({ fetchData, setToContext: true, cacheExpiry: 5 * 60 * 1000 }) as middy.MiddlewareObj<FunctionUrlRequest, InteractResponse>);
  }
  return handler.handler(run);
}
