import { DescribeRuleCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { CustomSource } from "../deploy/rule-patterns.js";
import type { DeployedRule } from "../deploy/verify.js";
import type { CloudTrailRecord } from "../record/cloudtrail.js";

/** Every call gets a deadline: a hung endpoint must not hang the CLI. */
const CALL_DEADLINE_MS = 15_000;
const deadline = () => ({ abortSignal: AbortSignal.timeout(CALL_DEADLINE_MS) });

/** The real client; endpoints come the standard way (AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL). */
export function eventBridgeClient(region: string | undefined): EventBridgeClient {
  return new EventBridgeClient({ ...(region ? { region } : {}), maxAttempts: 3, requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 } });
}

export interface PutResult {
  readonly eventId: string | undefined;
  readonly error: string | undefined;
}

/** PutEvents of one record as `source.detailType` on `bus`; a refused entry comes back as `error`. */
export async function putRecord(client: EventBridgeClient, bus: string, source: CustomSource, record: CloudTrailRecord): Promise<PutResult> {
  const out = await client.send(
    new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: source.source, DetailType: source.detailType, Detail: JSON.stringify(record), Time: new Date(String(record.eventTime)) }] }),
    deadline(),
  );
  const [entry] = out.Entries ?? [];
  if ((out.FailedEntryCount ?? 0) > 0 || entry?.ErrorCode) return { eventId: undefined, error: `${entry?.ErrorCode ?? "failed"}: ${entry?.ErrorMessage ?? "no reason given"}` };
  return { eventId: entry?.EventId, error: undefined };
}

/** Every rule on `bus` whose name starts with `prefix`, described, with its targets. */
export async function readDeployedRules(client: EventBridgeClient, bus: string, prefix: string): Promise<DeployedRule[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: prefix, ...(token ? { NextToken: token } : {}) }), deadline());
    for (const rule of page.Rules ?? []) if (rule.Name) names.push(rule.Name);
    token = page.NextToken;
  } while (token);
  const rules: DeployedRule[] = [];
  for (const name of names) {
    const rule = await client.send(new DescribeRuleCommand({ Name: name, EventBusName: bus }), deadline());
    const targets: DeployedRule["targets"][number][] = [];
    let next: string | undefined;
    do {
      const page = await client.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: bus, ...(next ? { NextToken: next } : {}) }), deadline());
      for (const t of page.Targets ?? []) targets.push({ arn: t.Arn ?? "", deadLetterArn: t.DeadLetterConfig?.Arn });
      next = page.NextToken;
    } while (next);
    rules.push({ name, state: rule.State ?? "UNKNOWN", eventPattern: rule.EventPattern, targets });
  }
  return rules;
}
