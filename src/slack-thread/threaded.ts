import type { Alert } from "../alert/types.js";
import type { DeliveryOptions, Destination, PostedMessage, ThreadApi } from "../outputs/output.js";
import type { ThreadKey, ThreadState, ThreadStore } from "./store.js";
import { withCount } from "./count.js";

export interface ThreadLogger {
  warn(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface ThreadContext {
  readonly store: ThreadStore;
  readonly now: () => Date;
  /** The burst an alert belongs to (the pipeline answers: its throttle window); undefined = post plainly. */
  readonly burstOf: (alert: Alert) => ThreadKey | undefined;
  readonly logger: ThreadLogger;
}

/** What a throttle window's closing summary is called (src/pipeline/throttle-summary.ts). */
export const SUMMARY_EVENT = "TrailwatchThrottleSummary";

/**
 * Updates the parent on a few counts, not each: Slack's chat.update is rate-limited (~50/min),
 * and a 1000-alert burst needs ~15 edits this way; the window's summary brings the final count.
 */
const worthAnUpdate = (more: number) => (more & (more - 1)) === 0 || more % 50 === 0;

class ThreadedDestination implements Destination {
  readonly type: string;
  readonly name: string;

  constructor(private readonly inner: Destination, private readonly api: ThreadApi, private readonly ctx: ThreadContext) {
    this.type = inner.type;
    this.name = inner.name;
  }

  async deliver(alert: Alert, options: DeliveryOptions = {}): Promise<void> {
    let burst: ThreadKey | undefined;
    let claimed = false;
    let state: ThreadState | undefined;
    try {
      burst = this.ctx.burstOf(alert);
      if (burst !== undefined && alert.eventName !== SUMMARY_EVENT) claimed = await this.ctx.store.claimParent(burst, this.name, this.ctx.now());
      if (burst !== undefined && !claimed) state = await this.ctx.store.get(burst, this.name);
    } catch (error) {
      this.ctx.logger.warn("thread state unavailable: plain post", { destination: this.name, eventID: alert.eventId, error: (error as Error).message });
      return this.inner.deliver(alert, options);
    }
    if (burst === undefined) return this.inner.deliver(alert, options);
    if (claimed) return this.postParent(burst, alert, options);
    if (state?.parent === undefined) return this.inner.deliver(alert, options);
    return this.reply(burst, state.parent, alert, options);
  }

  private async postParent(burst: ThreadKey, alert: Alert, options: DeliveryOptions): Promise<void> {
    let parent: PostedMessage;
    try {
      parent = await this.api.post(alert, undefined, options);
    } catch (error) {
      await this.ctx.store.releaseParent(burst, this.name).catch(() => undefined);
      throw error;
    }
    await this.ctx.store.setParent(burst, this.name, parent).catch((error: unknown) => {
      this.ctx.logger.warn("parent posted but not recorded: later alerts of this burst post plainly", { destination: this.name, error: (error as Error).message });
    });
  }

  /** A reply in the parent's thread; any Slack error (thread gone, channel archived...) falls back to a plain post. */
  private async reply(burst: ThreadKey, parent: PostedMessage, alert: Alert, options: DeliveryOptions): Promise<void> {
    try {
      await this.api.post(alert, parent.ts, options);
    } catch (error) {
      this.ctx.logger.warn("thread reply failed: plain post instead", { destination: this.name, eventID: alert.eventId, error: (error as Error).message });
      return this.inner.deliver(alert, options);
    }
    const final = alert.eventName === SUMMARY_EVENT;
    await this.count(burst, alert, final, options);
  }

  async held(alert: Alert, options: DeliveryOptions = {}): Promise<void> {
    const burst = this.ctx.burstOf(alert);
    if (burst !== undefined) await this.count(burst, alert, false, options);
  }

  /** Counts the alert on the parent ("+37 more, last 10:41") and edits it when worth it; never throws. */
  private async count(burst: ThreadKey, alert: Alert, final: boolean, options: DeliveryOptions): Promise<void> {
    try {
      const counted = { eventId: alert.eventId, policy: alert.policy, eventTime: alert.eventTime ?? this.ctx.now().toISOString() };
      const state = final ? await this.ctx.store.get(burst, this.name) : await this.ctx.store.bump(burst, this.name, counted, this.ctx.now());
      if (state?.parent === undefined || state.more === 0 || !(final || worthAnUpdate(state.more))) return;
      await this.api.update(withCount(state.parent, state.more, state.last), options);
    } catch (error) {
      this.ctx.logger.warn("thread count not updated", { destination: this.name, eventID: alert.eventId, error: (error as Error).message });
    }
  }
}

/** Wraps every destination that can thread (Slack) so a burst is one parent plus replies. */
export function threadBursts(destinations: ReadonlyMap<string, Destination>, ctx: ThreadContext): Map<string, Destination> {
  return new Map([...destinations].map(([name, d]) => [name, d.threads === undefined ? d : new ThreadedDestination(d, d.threads, ctx)]));
}
