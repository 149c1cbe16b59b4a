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
}

export const ROUTE_VIEW_FIELDS = ["policy", "severity", "service", "tags", "eventName", "eventSource", "account", "region"] as const;

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
  };
}
