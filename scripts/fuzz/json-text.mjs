// @ts-check
// JSON text with exact number spellings, and plain objects without a prototype: the same
// text reaches event-ruler and, through JSON.parse, our engine.

/** A number written exactly as `text` (so "-0", "1.0" and "1E2" reach both engines as written). */
export class Num {
  /** @param {string} text */
  constructor(text) {
    this.text = text;
  }
}

/** @typedef {string | number | boolean | null | Num | JsonList | JsonObj} Json */
/** @typedef {Array<Json>} JsonList */
/** @typedef {{ [key: string]: Json }} JsonObj */

/**
 * @param {unknown} v
 * @returns {v is JsonObj}
 */
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Num);

/**
 * Objects are built without a prototype so "__proto__" and "constructor" are plain keys.
 * @param {readonly (readonly [string, Json])[]} [entries]
 * @returns {JsonObj}
 */
export const obj = (entries = []) => Object.assign(Object.create(null), Object.fromEntries(entries));

/**
 * @param {Json} v
 * @returns {string}
 */
export function toJson(v) {
  if (v instanceof Num) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v !== null && typeof v === "object") return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${toJson(v[k] ?? null)}`).join(",")}}`;
  return JSON.stringify(v);
}

/** @param {readonly string[]} path */
export const dotted = (path) => path.join(".");

/**
 * @param {readonly string[]} p
 * @param {readonly string[]} q
 */
export const isPrefix = (p, q) => p.length <= q.length && p.every((k, i) => k === q[i]);
