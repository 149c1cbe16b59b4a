import { alertJson } from "../alert/build.js";
import type { Alert } from "../alert/types.js";
import { alertBlock } from "../alert/render/terminal.js";
import { didYouMean } from "../text/did-you-mean.js";
import { createPolicySet, type PolicySet } from "../policy/policy-set.js";
import type { Policy } from "../policy/types.js";
import { fieldPrefilterFor } from "./field-prefilter.js";
import { prefilterFor } from "./prefilter.js";
import { RecordScanner } from "./scan.js";
import { LogBytesScanner } from "./scan-bytes.js";
import { isOpen, type TimeWindow } from "./time-window.js";

/** How a replay filters and prints: plain data, so the main thread can post it to workers. */
export interface ReplaySettings {
  readonly json: boolean;
  readonly window: TimeWindow;
  /** Skip records no policy can match without parsing them (src/replay/prefilter.ts); default true. */
  readonly prefilter?: boolean;
}

/** The policies and settings one thread evaluates records with. */
export interface Engine {
  readonly settings: ReplaySettings;
  readonly set: PolicySet;
  /** Reads records as bytes for the prefilter; undefined when there is none (an unscoped policy, or turned off). */
  readonly scanner: RecordScanner | undefined;
  /** Reads whole log files' bytes in place for the prefilter (src/replay/scan-bytes.ts); undefined when there is none. */
  readonly bytesScanner: LogBytesScanner | undefined;
  render(alert: Alert, origin: string): string;
}

/** The policies `--policy` leaves, or a message naming the closest id when it names none. */
export function selectPolicies(policies: readonly Policy[], policyId: string | undefined): Policy[] | string {
  if (policyId === undefined) return [...policies];
  const chosen = policies.filter((p) => p.id === policyId);
  if (chosen.length > 0) return chosen;
  return noPolicyMessage(policyId, policies);
}

/** `no policy "contact-deleted" (did you mean "ssm-contacts.contact-deleted"?)`, also for an id without its service prefix. */
export function noPolicyMessage(policyId: string, policies: readonly Policy[]): string {
  const suffixed = policies.filter((p) => p.id.endsWith(`.${policyId}`)).map((p) => `"${p.id}"`);
  const hint = suffixed.length > 0 ? ` (did you mean ${suffixed.join(" or ")}? ids are <service>.<name>)` : didYouMean(policyId, policies.map((p) => p.id));
  return `no policy "${policyId}"${hint}`;
}

/** One alert as replay prints it: the `eval --json` keys on one line, or `eval`'s text block. */
export function renderAlert(alert: Alert, origin: string, json: boolean): string {
  return json ? `${JSON.stringify(alertJson(alert))}\n` : `${alertBlock(alert, origin)}\n\n`;
}

export function createEngine(policies: readonly Policy[], settings: ReplaySettings): Engine {
  const set = createPolicySet(policies);
  const on = settings.prefilter !== false;
  const prefilter = on ? prefilterFor(set.policies) : undefined;
  const fields = on ? fieldPrefilterFor(set.policies) : undefined;
  const wantTime = !isOpen(settings.window);
  return {
    settings,
    set,
    scanner: prefilter === undefined ? undefined : new RecordScanner(prefilter, wantTime),
    bytesScanner: fields === undefined ? undefined : new LogBytesScanner(fields, wantTime),
    render: (alert, origin) => renderAlert(alert, origin, settings.json),
  };
}
