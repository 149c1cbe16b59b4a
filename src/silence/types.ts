import type { CompiledPattern } from "../pattern/index.js";

/** Where a silence was declared: the state table (`silence add`, the Silence 1h button) or code. */
export type SilenceOrigin = "table" | "code";

/**
 * "Hold these alerts until then, because": an EventBridge pattern over the alert's route view
 * (the same view routes match), a start and a required end, a reason and who said so.
 */
export interface Silence {
  readonly id: string;
  readonly match: CompiledPattern;
  /** ISO-8601 instants; the silence holds while start <= now < end. */
  readonly start: string;
  readonly end: string;
  readonly reason: string;
  readonly creator: string;
  /** Also hold `critical` alerts and the self-protection pack; never implied. */
  readonly holdCritical: boolean;
  readonly origin: SilenceOrigin;
}

/** A silence as the state table holds it, with what the handler has announced so far. */
export interface StoredSilence extends Silence {
  readonly createdAt: string | undefined;
  /** When the handler announced it to every destination; absent = not yet (e.g. written straight into the table). */
  readonly announcedAt: string | undefined;
  /** When its end (with the held-alert summary) was announced. */
  readonly endedAt: string | undefined;
}

/** At most this long unless the creator says `--max` (CLI) or `max:` (silences.yml). */
export const MAX_SILENCE_SECONDS = 7 * 86400;

/**
 * Tags that mark the self-protection pack (Trailwatch's own resources, CloudTrail logging) and
 * the fire drill: a silence holds them only with `holdCritical`, like critical alerts, because
 * muting them is how the pipeline itself would go unseen.
 */
export const PROTECTED_TAGS: readonly string[] = ["self-protection", "drill"];

/** Policy folders treated as protected whatever their tags (the pack's own folder). */
export const PROTECTED_FOLDERS: readonly string[] = ["self-protection", "trailwatch"];

export function isActive(silence: Pick<Silence, "start" | "end">, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(silence.start) <= t && t < Date.parse(silence.end);
}
