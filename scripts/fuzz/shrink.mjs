// @ts-check
// Batched shrinking: every round tries all one-step reductions of every example in one oracle
// call (one JVM start), keeping a reduction when both engines still answer as before. fast-check's
// own shrinker asks one question at a time, which would start the JVM per step.
import { Num, obj, toJson } from "./json-text.mjs";

/** @typedef {import("./json-text.mjs").Json} Json */
/** @typedef {import("./known.mjs").Answer} Answer */
/** @typedef {{ pattern: Json, event: Json, ours: Answer, oracle: Answer }} Example */

/**
 * One-step reductions of a JSON value: drop a key or element, or replace an array by one element.
 * @param {Json} v
 * @returns {Generator<Json>}
 */
export function* reductions(v) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield [...v.slice(0, i), ...v.slice(i + 1)];
    for (const e of v) yield e;
    for (let i = 0; i < v.length; i++) for (const r of reductions(v[i] ?? null)) yield [...v.slice(0, i), r, ...v.slice(i + 1)];
  } else if (v !== null && typeof v === "object" && !(v instanceof Num)) {
    const keys = Object.keys(v);
    for (const k of keys) yield obj(keys.filter((x) => x !== k).map((x) => [x, v[x] ?? null]));
    for (const k of keys) for (const r of reductions(v[k] ?? null)) yield obj(keys.map((x) => [x, x === k ? r : (v[x] ?? null)]));
  } else if (typeof v === "string" && v.length > 0) {
    yield "";
    yield [...v].slice(1).join("");
    yield [...v].slice(0, -1).join("");
  }
}

/** @param {{ pattern: Json, event: Json }} c */
export const size = (c) => toJson(c.pattern).length + toJson(c.event).length;

/**
 * Greedy shrinking, every round one batched oracle call; a reduction must keep both answers.
 * @template {Example} T
 * @param {T[]} examples shrunk in place
 * @param {(patternText: string, eventText: string) => Answer} ours
 * @param {(lines: string[]) => Answer[]} oracle
 * @returns {T[]}
 */
export function shrink(examples, ours, oracle) {
  let live = [...examples];
  for (let round = 0; round < 60 && live.length > 0; round++) {
    /** @type {{ ex: T, pattern: Json, event: Json, line: string }[]} */
    const trials = [];
    for (const ex of live) {
      let count = 0;
      /** @param {Json} pattern @param {Json} event */
      const add = (pattern, event) => {
        const pt = toJson(pattern);
        const et = toJson(event);
        if (count >= 400 || et[0] !== "{") return;
        if (ours(pt, et).kind !== ex.ours.kind) return;
        count++;
        trials.push({ ex, pattern, event, line: `${pt}\t${et}` });
      };
      for (const p of reductions(ex.pattern)) add(p, ex.event);
      for (const e of reductions(ex.event)) add(ex.pattern, e);
    }
    const answers = oracle(trials.map((t) => t.line));
    /** @type {Set<T>} */
    const improved = new Set();
    trials.forEach((t, i) => {
      const answer = answers[i];
      if (answer === undefined || answer.kind !== t.ex.oracle.kind) return;
      const candidate = { pattern: t.pattern, event: t.event };
      if (size(candidate) < size(t.ex)) {
        Object.assign(t.ex, candidate, { oracle: answer, ours: ours(toJson(t.pattern), toJson(t.event)) });
        improved.add(t.ex);
      }
    });
    live = live.filter((ex) => improved.has(ex));
  }
  return examples;
}
