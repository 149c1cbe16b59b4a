import { actorOf } from "../record/actor.js";
import type { Alert } from "../alert/types.js";
import { serviceName } from "../record/service.js";

/** What a route's `match` pattern sees of an alert. */
export interface RouteView {
  readonly policy: string;
  readonly severity: string;
  /** `ssm-contacts` for `ssm-contacts.amazonaws.com` (and its `gamma-` spelling). */
  readonly service: string;
  readonly tags: readonly string[];
  readonly eventName: string;
  readonly eventSource: string;
  readonly account: string | null;
  readonly region: string | null;
  /** Who made the call: `{ name: [alice] }`, `{ arn: [{ prefix: "arn:aws:iam::1:role/" }] }`, `{ kind: [root] }`. */
  readonly actor: { readonly name: string; readonly arn: string | null; readonly kind: string; readonly account: string | null };
}

export const ROUTE_VIEW_FIELDS = ["policy", "severity", "service", "tags", "eventName", "eventSource", "account", "region", "actor"] as const;

function actorView(alert: Alert): RouteView["actor"] {
  const actor = actorOf(alert.record);
  return { name: actor.name, arn: actor.arn ?? null, kind: actor.kind, account: actor.account ?? null };
}

/** What routes and silences see of an alert: one view, so a pattern means the same in both. */
export function routeView(alert: Alert, tags: readonly string[] = []): RouteView {
  return {
    policy: alert.policy,
    severity: alert.severity,
    service: serviceName(alert.eventSource),
    tags,
    eventName: alert.eventName,
    eventSource: alert.eventSource,
    account: alert.account ?? null,
    region: alert.awsRegion ?? null,
    actor: actorView(alert),
  };
}
