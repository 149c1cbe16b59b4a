// @ts-check
// One generator per EventBridge operator: a pattern element and event values likely to sit
// on either side of it.
import { Num } from "./json-text.mjs";
import { OVERFLOW } from "./values.mjs";

/** @typedef {import("./json-text.mjs").Json} Json */
/** @typedef {import("./draw.mjs").Draw} Draw */
/** @typedef {{ element: Json, near: () => Json }} Element */

export const ELEMENT_OPS = ["exact-string", "exact-number", "exact-bool-null", "exact-ip", "prefix", "suffix", "prefix-eic", "suffix-eic", "equals-ignore-case",
  "wildcard", "anything-but", "anything-but-prefix", "anything-but-suffix", "anything-but-wildcard", "anything-but-eic", "numeric", "exists", "cidr"];

const WILD_PIECES = ["a", "b", "ab", "ß", "日", "-", "\\*", "\\\\", "x", "A"];

/**
 * @param {Draw} rnd
 * @param {import("./values.mjs").Values} g
 * @param {import("./ip.mjs").Ip} ip
 */
export function makeOperators(rnd, g, ip) {
  const { int, pick, chance, some } = rnd;
  /** @returns {Json} */
  const anyValue = () => pick([() => g.word(), () => g.num(), () => pick([true, false, null]), () => ip.text(ip.v4()), () => new Num(pick(OVERFLOW))])();
  /** @param {string[]} targets */
  const nearStrings = (...targets) => () => (chance(0.15) ? anyValue() : g.stringNear(pick(targets)));
  /** @param {string[]} targets */
  const nearFolded = (...targets) => () => (chance(0.15) ? anyValue() : chance(0.6) ? g.caseVariant(pick(targets)) : g.stringNear(pick(targets)));
  /** @param {string} w */
  const head = (w) => [...w].slice(0, int(0, [...w].length)).join("");
  /** @param {string} w */
  const tail = (w) => [...w].slice(int(0, [...w].length)).join("");
  /**
   * @template T
   * @param {() => T} make
   * @returns {T | T[]}
   */
  const oneOrList = (make) => (chance(0.5) ? make() : some(int(1, 3), make));
  /**
   * @template T
   * @param {T | T[]} v
   * @returns {T[]}
   */
  const list = (v) => (Array.isArray(v) ? v : [v]);

  function wildcardText() {
    const pieces = some(int(1, 4), () => some(int(1, 2), () => pick(WILD_PIECES)).join(""));
    if (chance(0.3)) pieces.unshift("");
    if (chance(0.3)) pieces.push("");
    return pieces.join("*");
  }
  /**
   * A string the wildcard matches: each star filled with a random run.
   * @param {string} w
   */
  const wildcardFill = (w) => w.split(/(?<!\\)\*/u).map((p) => p.replace(/\\(.)/gu, "$1")).join(pick(["", "a", "*", "\\", "ß", "xyz"]));
  /** @param {string[]} ws */
  const nearWildcard = (...ws) => () => {
    const w = pick(ws);
    return chance(0.15) ? anyValue() : chance(0.6) ? wildcardFill(w) : g.mutate(wildcardFill(w));
  };

  /** @returns {Element} */
  function numericElement() {
    const texts = some(2, g.numberText).sort((x, y) => Number(x) - Number(y));
    const [low = "0", high = "0"] = texts;
    /** @type {Json[]} */
    let operand;
    if (chance(0.5) || Number(low) === Number(high)) operand = [pick(["=", "<", "<=", ">", ">="]), new Num(low)];
    else operand = [pick([">", ">="]), new Num(low), pick(["<", "<="]), new Num(high)];
    const near = () => {
      const t = pick(texts);
      const n = Number(t);
      const r = rnd.next();
      if (r < 0.4) return g.respell(t);
      if (r < 0.6 && Math.abs(n) < 2 ** 52) return new Num(String(n + pick([1, -1, 0.5, -0.5])));
      if (r < 0.7) return t;
      return anyValue();
    };
    return { element: { numeric: operand }, near };
  }

  /** @returns {Element} */
  function cidrElement() {
    const bytes = chance(0.5) ? ip.v4() : ip.v6();
    const mask = int(0, bytes.length * 8 - 1);
    const block = ip.range(bytes, mask);
    const maskText = chance(0.1) ? pick([`+${mask}`, `0${mask}`, `${mask}/`]) : String(mask);
    return { element: { cidr: `${ip.text(bytes)}/${maskText}` }, near: () => (chance(0.9) ? ip.near(block) : anyValue()) };
  }

  /**
   * An exact string that event-ruler reads as an IP address: it compares addresses, not text.
   * @returns {Element}
   */
  function exactIpElement() {
    const bytes = chance(0.5) ? ip.v4() : ip.v6();
    return { element: ip.text(bytes), near: () => (chance(0.4) ? ip.text(bytes) : ip.near({ bottom: bytes, top: bytes })) };
  }

  /** @returns {Element} */
  function anythingButElement() {
    if (chance(0.5)) {
      const values = oneOrList(() => g.word());
      return { element: { "anything-but": values }, near: nearStrings(...list(values)) };
    }
    const texts = some(int(1, 3), g.numberText);
    const values = chance(0.5) ? new Num(texts[0] ?? "0") : texts.map((t) => new Num(t));
    return { element: { "anything-but": values }, near: () => (chance(0.6) ? g.respell(pick(texts)) : anyValue()) };
  }

  /**
   * @param {"prefix" | "suffix" | "equals-ignore-case" | "wildcard"} kind
   * @returns {Element}
   */
  function anythingButInner(kind) {
    const make = { prefix: () => head(g.word()) || "a", suffix: () => tail(g.word()) || "a", "equals-ignore-case": g.bmpWord, wildcard: wildcardText }[kind];
    const values = oneOrList(make);
    const near = kind === "wildcard" ? nearWildcard(...list(values)) : kind === "equals-ignore-case" ? nearFolded(...list(values)) : nearStrings(...list(values));
    return { element: { "anything-but": { [kind]: values } }, near };
  }

  /** @type {Record<string, () => Element>} */
  const elements = {
    "exact-string": () => { const s = g.word(); return { element: s, near: nearStrings(s) }; },
    "exact-number": () => { const t = g.numberText(); return { element: new Num(t), near: () => (chance(0.6) ? g.respell(t) : chance(0.5) ? t : anyValue()) }; },
    "exact-bool-null": () => ({ element: pick([true, false, null]), near: () => pick([true, false, null, "true", "null", new Num("0")]) }),
    "exact-ip": exactIpElement,
    prefix: () => { const w = g.word(); const p = head(w); return { element: { prefix: p }, near: nearStrings(w, p) }; },
    suffix: () => { const w = g.word(); const s = tail(w); return { element: { suffix: s }, near: nearStrings(w, s) }; },
    "prefix-eic": () => { const w = g.bmpWord(); const p = head(w); return { element: { prefix: { "equals-ignore-case": p } }, near: nearFolded(w, p) }; },
    "suffix-eic": () => { const w = g.bmpWord(); const s = tail(w); return { element: { suffix: { "equals-ignore-case": s } }, near: nearFolded(w, s) }; },
    "equals-ignore-case": () => { const s = g.bmpWord(); return { element: { "equals-ignore-case": s }, near: nearFolded(s) }; },
    wildcard: () => { const w = wildcardText(); return { element: { wildcard: w }, near: nearWildcard(w) }; },
    "anything-but": anythingButElement,
    "anything-but-prefix": () => anythingButInner("prefix"),
    "anything-but-suffix": () => anythingButInner("suffix"),
    "anything-but-wildcard": () => anythingButInner("wildcard"),
    "anything-but-eic": () => anythingButInner("equals-ignore-case"),
    numeric: numericElement,
    exists: () => ({ element: { exists: chance(0.5) }, near: anyValue }),
    cidr: cidrElement,
  };
  /** @param {string} name */
  const element = (name) => {
    const make = elements[name];
    if (make === undefined) throw new Error(`no generator for operator "${name}"`);
    return make();
  };
  return { element, anyValue };
}

/** @typedef {ReturnType<typeof makeOperators>} Operators */
