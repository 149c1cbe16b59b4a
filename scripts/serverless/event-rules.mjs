// @ts-check
// The EventBridge side of serverless.yml, generated from the policy pack so that nothing
// in serverless.yml hand-copies a pattern: one AWS::Events::Rule per pattern that
// `trailwatch patterns` prints, its AWS::Lambda::Permission, and the dead-letter queue's
// policy naming exactly those rules.
//
// Why resources and not the Framework's `eventBridge` event: that event compiles `enabled`
// to ENABLED or DISABLED only (osls 4.3, lib/plugins/aws/package/compile/events/event-bridge),
// and its `deadLetterQueueArn` takes a literal ARN, not a reference to a queue in this stack.
import { shipsArtifacts } from "./command.mjs";
import { deploymentEnv } from "./deployment.mjs";
import { assertBundleFresh, compiledRules } from "./source.mjs";

/** The Framework's logical id for function `alert`. */
export const FUNCTION_ID = "AlertLambdaFunction";
export const DEAD_LETTER_QUEUE_ID = "EventsDeadLetterQueue";

/**
 * A rule in plain `ENABLED` state does not receive CloudTrail management events that
 * EventBridge classes as read-only; only this state delivers them (EventBridge User Guide,
 * "Receiving read-only management events from AWS services"). EventBridge decides mostly by
 * the Describe/Get/List naming convention plus a published exception list, and AWS's own
 * sample `DeleteContactChannel` record carries `"readOnly": true`: a destructive call
 * flagged that way would never reach a default-state rule. The cost of this state is
 * bounded by the patterns: they filter on `eventSource` and an `eventName` allow-list, so
 * read calls the policies do not name never invoke the function. (A policy without an
 * exact eventSource compiles to a catch-all rule; `trailwatch patterns` warns about it.)
 * Same value as CLOUDTRAIL_RULE_STATE in src/deploy/rule-patterns.ts (what `trailwatch
 * verify` expects); the template test checks they agree.
 */
export const RULE_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
const DETAIL_TYPE = "AWS API Call via CloudTrail";

/**
 * A compiled EventBridge pattern (src/deploy/rule-patterns.ts), as much of it as the template reads.
 * @typedef {{ source: unknown[], "detail-type": string[], detail?: { $or?: unknown[] } }} EventPattern
 */
/** @typedef {Record<string, unknown>} Resources */

/**
 * The drill's custom-source rule takes plain ENABLED: the CloudTrail state means nothing to it.
 * @param {EventPattern} pattern
 */
export function stateOf(pattern) {
  return pattern["detail-type"].includes(DETAIL_TYPE) ? RULE_STATE : "ENABLED";
}

/**
 * `aws.ssm-contacts` → `SsmContacts`; the catch-all `{ prefix: "aws." }` → `AnyAwsService`.
 * @param {EventPattern} pattern
 */
function sourceName(pattern) {
  const source = pattern.source[0];
  if (typeof source !== "string") return "AnyAwsService";
  return source
    .replace(/^aws\./, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * Stable per service (adding a service renames no other rule); split patterns get 2, 3, ...
 * @param {readonly EventPattern[]} patterns
 */
export function ruleIds(patterns) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  return patterns.map((pattern) => {
    const base = `AlertRule${sourceName(pattern)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  });
}

/**
 * @param {EventPattern} pattern
 * @param {unknown} stage
 */
function describe(pattern, stage) {
  const source = typeof pattern.source[0] === "string" ? pattern.source[0] : "any aws.* source";
  if (stateOf(pattern) !== RULE_STATE) return `Trailwatch ${stage}: ${pattern["detail-type"][0]} events from ${source} (fire drill and heartbeat)`;
  const branches = pattern.detail?.$or?.length ?? 1;
  return `Trailwatch ${stage}: CloudTrail API calls from ${source} that a policy may alert on (${branches} condition branch(es)); compiled from rules/ (trailwatch patterns)`;
}

/** @param {string} id */
const getArn = (id) => ({ "Fn::GetAtt": [id, "Arn"] });

/**
 * `settings`: `{ eventBus, retryPolicy, stage }`, from serverless.yml `custom.eventRules`.
 * @param {readonly EventPattern[]} patterns
 * @param {{ eventBus?: unknown, retryPolicy?: unknown, stage?: unknown }} settings
 * @returns {Resources}
 */
export function ruleResources(patterns, { eventBus, retryPolicy, stage }) {
  const ids = ruleIds(patterns);
  /** @type {Resources} */
  const resources = {};
  patterns.forEach((pattern, i) => {
    const id = ids[i] ?? "";
    resources[id] = {
      Type: "AWS::Events::Rule",
      Properties: {
        Description: describe(pattern, stage),
        EventBusName: eventBus,
        EventPattern: pattern,
        State: stateOf(pattern),
        Targets: [{ Id: "alert", Arn: getArn(FUNCTION_ID), RetryPolicy: retryPolicy, DeadLetterConfig: { Arn: getArn(DEAD_LETTER_QUEUE_ID) } }],
      },
    };
    resources[`${id}Permission`] = {
      Type: "AWS::Lambda::Permission",
      Properties: { FunctionName: getArn(FUNCTION_ID), Action: "lambda:InvokeFunction", Principal: "events.amazonaws.com", SourceArn: getArn(id) },
    };
  });
  resources[`${DEAD_LETTER_QUEUE_ID}Policy`] = {
    Type: "AWS::SQS::QueuePolicy",
    Properties: {
      Queues: [{ Ref: DEAD_LETTER_QUEUE_ID }],
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "UndeliverableEventsFromTheseRulesOnly",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: getArn(DEAD_LETTER_QUEUE_ID),
            Condition: { ArnEquals: { "aws:SourceArn": ids.map(getArn) } },
          },
        ],
      },
    },
  };
  return resources;
}

/** @type {Set<unknown>} */
const warned = new Set();

/**
 * serverless.yml `resources:` item. `package` and `deploy` stop on a broken or stale pack;
 * other commands (`remove` above all) only warn, since they deploy nothing.
 * @param {import("./resolver.mjs").VariableContext} context
 */
export async function eventRuleResources({ resolveVariable }) {
  /** @type {EventPattern[] | undefined} */
  let patterns;
  try {
    ({ patterns } = /** @type {{ patterns: EventPattern[] }} */ (await compiledRules(await deploymentEnv(resolveVariable))));
    assertBundleFresh();
  } catch (error) {
    if (shipsArtifacts()) throw error;
    if (!warned.has(error)) process.stderr.write(`trailwatch: warning: ${error instanceof Error ? error.message : String(error)}\n`);
    warned.add(error);
    if (patterns === undefined) return { Resources: {} };
  }
  const settings = /** @type {object} */ (await resolveVariable("self:custom.eventRules"));
  const stage = await resolveVariable("sls:stage");
  return { Resources: ruleResources(patterns, { ...settings, stage }) };
}
