import type { Alert } from "../alert/types.js";
import { holdingSilence } from "./holds.js";
import { announcementAlert, endAlert, silenceVersion } from "./messages.js";
import type { SilenceStore } from "./store.js";
import { isActive, type Silence, type StoredSilence } from "./types.js";

export interface SilenceLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Sends a notice to every destination; resolves true when all took it (partial = retried later). */
export type Announce = (alert: Alert) => Promise<boolean>;

const sameDefinition = (a: Silence, b: Silence) => silenceVersion(a) === silenceVersion(b) && a.reason === b.reason && a.creator === b.creator;

/**
 * The silences the handler applies. `refresh` runs once per invocation (one Query): it mirrors
 * code silences into the table, announces every silence not yet announced — including one
 * written straight into the table — and announces each end with what it held. `hold` then
 * answers per alert from memory. Any failure fails open: nothing is held, alerts go out.
 */
export class SilenceControl {
  private active: readonly Silence[] = [];

  constructor(readonly store: SilenceStore, readonly declared: readonly Silence[], readonly now: () => Date, private readonly logger: SilenceLogger) {}

  async refresh(announce: Announce): Promise<readonly Silence[]> {
    try {
      let stored = await this.store.list();
      if (await this.mirrorDeclared(stored)) stored = await this.store.list();
      const announced = new Set<string>();
      for (const silence of stored) if (await this.announceChanges(silence, announce)) announced.add(silence.id);
      // Never held unannounced: a silence whose notice did not reach every destination holds nothing yet.
      this.active = stored.filter((s) => isActive(s, this.now()) && (s.announcedAt !== undefined || announced.has(s.id)) && (s.origin === "table" || this.declared.some((d) => d.id === s.id)));
    } catch (error) {
      this.active = [];
      this.logger.error("silences could not be read: none applies in this invocation (alerts are delivered)", { error: (error as Error).message });
    }
    return this.active;
  }

  /** Writes declared silences the table lacks (or holds an older definition of); ends ones no longer declared. */
  private async mirrorDeclared(stored: readonly StoredSilence[]): Promise<boolean> {
    let changed = false;
    for (const declared of this.declared) {
      const current = stored.find((s) => s.id === declared.id);
      if (current !== undefined && current.origin === "code" && sameDefinition(current, declared)) continue;
      if (current !== undefined && current.origin === "table") {
        this.logger.error("a silence declared in silences.yml has the id of a table silence; the table's applies", { silence: declared.id });
        continue;
      }
      changed = (await this.store.put(declared, this.now(), false)) || changed;
    }
    for (const gone of stored.filter((s) => s.origin === "code" && isActive(s, this.now()) && !this.declared.some((d) => d.id === s.id))) {
      changed = (await this.store.expire(gone.id, this.now())) === "expired" || changed;
    }
    return changed;
  }

  /** Whether this call announced the silence (so it may hold from now on). */
  private async announceChanges(silence: StoredSilence, announce: Announce): Promise<boolean> {
    const announced = silence.announcedAt === undefined && (await this.once(silence, "announced", () => announce(announcementAlert(silence))));
    if (silence.endedAt === undefined && Date.parse(silence.end) <= this.now().getTime()) {
      await this.once(silence, "ended", async () => announce(endAlert(silence, await this.store.held(silence.id))));
    }
    return announced;
  }

  private async once(silence: Silence, what: "announced" | "ended", send: () => Promise<boolean>): Promise<boolean> {
    if (!(await this.store.claim(silence.id, what, this.now()))) return false;
    let made = false;
    try {
      made = await send();
    } catch (error) {
      this.logger.error(`silence ${what} notice could not be built or sent`, { silence: silence.id, error: (error as Error).message });
    }
    await this.store.settle(silence.id, what, made, this.now());
    this.logger.info(made ? `silence ${what}` : `silence ${what} notice failed; the next invocation retries`, { silence: silence.id });
    return made;
  }

  /** The silence holding this alert now (its hold counted once per eventID and policy), if any. */
  async hold(alert: Alert, tags: readonly string[]): Promise<Silence | undefined> {
    const silence = holdingSilence(this.active, alert, tags, this.now());
    if (silence === undefined) return undefined;
    try {
      await this.store.recordHeld(silence.id, alert.eventId, alert.policy, alert.eventTime ?? this.now().toISOString(), this.now());
      return silence;
    } catch (error) {
      this.logger.error("a silence matched but the hold could not be counted: the alert is delivered", { silence: silence.id, policy: alert.policy, eventID: alert.eventId, error: (error as Error).message });
      return undefined;
    }
  }
}
