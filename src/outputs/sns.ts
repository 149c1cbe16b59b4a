import { createHash } from "node:crypto";
import type { PublishCommandInput } from "@aws-sdk/client-sns";
import { emailBody, emailSubject, messageAttributes } from "../alert/render/email.js";
import type { Alert } from "../alert/types.js";
import { ATTEMPT_TIMEOUTS, awsRequestHandler, isTimeout } from "../deadline.js";
import { assertConfig } from "./config.js";
import { TOPIC_ARN } from "../policy/check.js";
import { DeliveryError } from "./errors.js";
import { lazy } from "./lazy.js";
import type { Destination, DeliveryOptions, OutputDeps, OutputType } from "./output.js";

/** What to do, by SDK error name (the service's error code plus `Exception`, or the code). */
const HINTS: ReadonlyMap<string, string> = new Map([
  ["NotFoundException", "The topic does not exist (or is in another region or account): check topicArn"],
  ["AuthorizationErrorException", "Grant the function's role sns:Publish on the topic, and check the topic's access policy"],
  ["KMSAccessDeniedException", "The topic is encrypted: let the function's role use the KMS key (kms:GenerateDataKey, kms:Decrypt)"],
  ["KMSDisabledException", "The topic's KMS key is disabled: re-enable it or change the topic's key"],
  ["InvalidParameterException", "SNS rejected the message as invalid: report this Trailwatch bug with the eventID"],
  ["ThrottledException", "SNS kept throttling after retries: raise the Publish quota or lower the alert volume"],
  ["CredentialsProviderError", "No AWS credentials were found: run with a role or set the AWS_* credential variables"],
]);
const TIMEOUT_HINT =
  "SNS did not answer within the invocation's budget: the invocation fails so Lambda retries it, and the retry re-sends only to SNS";
const DEFAULT_HINT =
  "SNS did not accept the message after retries: check network access to SNS (or AWS_ENDPOINT_URL_SNS) and the AWS Health Dashboard";

function deliveryError(name: string, alert: Alert, error: unknown): DeliveryError {
  const err = error instanceof Error ? error : new Error(String(error));
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return new DeliveryError(
    {
      destination: name,
      destinationType: "sns",
      policy: alert.policy,
      eventId: alert.eventId,
      reason: isTimeout(err) ? `no answer in time (${err.name}: ${err.message})` : `${err.name}${status ? ` (HTTP ${status})` : ""}: ${err.message}`,
      hint: isTimeout(err) ? TIMEOUT_HINT : (HINTS.get(err.name) ?? DEFAULT_HINT),
    },
    { cause: error },
  );
}

/** At most 128 characters of [A-Za-z0-9] and punctuation: a hash of the pair fits any eventID. */
export function fifoDeduplicationId(alert: Pick<Alert, "eventId" | "policy">): string {
  return createHash("sha256").update(`${alert.eventId}\u0000${alert.policy}`).digest("hex");
}

function publishInput(topicArn: string, alert: Alert): PublishCommandInput {
  // FIFO topics need a group. Deduplicating on (eventID, policy) drops CloudTrail's repeats
  // of one alert, never a second policy's alert on the same event (both share the eventID).
  const fifo = topicArn.endsWith(".fifo") ? { MessageGroupId: alert.policy, MessageDeduplicationId: fifoDeduplicationId(alert) } : {};
  return {
    TopicArn: topicArn,
    Subject: emailSubject(alert),
    Message: emailBody(alert),
    MessageAttributes: messageAttributes(alert),
    ...fifo,
  };
}

function create(name: string, config: Readonly<Record<string, unknown>>, deps: OutputDeps = {}): Destination {
  assertConfig(name, sns, config);
  const topicArn = config["topicArn"] as string;
  // The topic's own region unless told otherwise: Publish must reach the topic's region.
  const region = (config["region"] as string | undefined) ?? TOPIC_ARN.exec(topicArn)?.[1];
  // Endpoints come the standard SDK way (AWS_ENDPOINT_URL[_SNS]); no custom code path.
  // The SDK is imported on first delivery: CLI commands that only validate config skip its ~0.1 s.
  const sdk = lazy(async () => {
    const { PublishCommand, SNSClient } = await import("@aws-sdk/client-sns");
    // Per-attempt timeouts through the client's own handler; the invocation's deadline
    // (abortSignal below) stops the SDK's retries when the budget runs out.
    const requestHandler = awsRequestHandler(ATTEMPT_TIMEOUTS.snsRequestMs);
    return { client: new SNSClient({ region, requestHandler, ...deps.sns }), PublishCommand };
  });
  return {
    name,
    type: "sns",
    async deliver(alert: Alert, options: DeliveryOptions = {}): Promise<void> {
      try {
        const { client, PublishCommand } = await sdk();
        await client.send(new PublishCommand(publishInput(topicArn, alert)), { abortSignal: options.deadline?.signal() });
      } catch (error) {
        throw deliveryError(name, alert, error);
      }
    },
  };
}

/** Amazon SNS topic: e-mail-friendly subject and body, filterable message attributes. */
export const sns: OutputType = {
  type: "sns",
  description: "Publish to an Amazon SNS topic (e-mail, SMS, chatbots, queues subscribe to it)",
  configKeys: [
    { key: "topicArn", kind: "topic-arn", required: true, description: "ARN of the SNS topic" },
    { key: "region", kind: "aws-region", required: false, description: "region of the topic; defaults to the one in topicArn" },
  ],
  create,
};
