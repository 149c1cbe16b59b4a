import type { Alert } from "../alert/types.js";
import type { RoutingConfig } from "./config.js";
import { routeView } from "./view.js";

/** The active destinations one alert goes to, in config order, each once. */
export function routeAlert(config: RoutingConfig, alert: Alert, tags: readonly string[] = []): string[] {
  const view = routeView(alert, tags);
  const chosen: string[] = [];
  let matched = false;
  for (const route of config.routes) {
    if (route.match !== undefined && !route.match.matches(view)) continue;
    matched = true;
    chosen.push(...route.destinations);
    if (!route.continue) break;
  }
  const names = matched ? chosen : config.defaults;
  const active = new Set(config.destinations.map((d) => d.name));
  return [...new Set(names)].filter((name) => active.has(name));
}
