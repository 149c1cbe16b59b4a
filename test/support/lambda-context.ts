import type { Context } from "aws-lambda";

/**
 * A Lambda context as the runtime passes it (the fields Powertools and Middy read). With a
 * clock, `getRemainingTimeInMillis()` counts down on it from `timeoutMs`, as Lambda's does.
 */
export function lambdaContext(options: { clock?: { now(): number }; timeoutMs?: number } = {}): Context {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const clock = options.clock;
  const endsAt = clock === undefined ? undefined : clock.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "trailwatch-test-alert",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:trailwatch-test-alert",
    memoryLimitInMB: "512",
    awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e812345678",
    logGroupName: "/aws/lambda/trailwatch-test-alert",
    logStreamName: "2026/11/20/[$LATEST]abcdef",
    getRemainingTimeInMillis: () => (clock === undefined || endsAt === undefined ? timeoutMs : Math.max(0, endsAt - clock.now())),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
