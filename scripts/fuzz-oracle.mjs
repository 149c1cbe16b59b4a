#!/usr/bin/env node
// Differential fuzzer: our EventBridge pattern engine against aws/event-ruler (an oracle command
// found through EVENT_RULER_ORACLE, default tools/event-ruler/oracle inside the repository; see
// docs/pattern-engine.md). Deterministic for a given seed.
//
//   npm run fuzz:oracle -- [--seed 42] [--cases 20000] [--no-build] [--no-shrink] [--show 5]
//   (or FUZZ_SEED / FUZZ_CASES in the environment)
//
// Every case is a (pattern, event) pair written as JSON text; the same text goes to the oracle and,
// through JSON.parse, to our `parsePattern(...).matches(...)` (invalid <=> issues non-empty). The
// whole corpus goes to the oracle in one call (one JVM); disagreements are then shrunk with a few
// more batched calls. Answers that differ in a documented way (KNOWN below, docs/pattern-engine.md)
// are counted apart. Exit 1 on any other disagreement, 2 on a usage or setup error. It builds the
// engine first (tsc -p tsconfig.build.json; --no-build to skip). Not part of `npm test`: it needs Java.
// Then the deployed rules go through the oracle too (scripts/fuzz/deployed-rules.mjs): every
// alerting test event must match some deployed pattern.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkDeployedRules } from "./fuzz/deployed-rules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ORACLE = process.env.EVENT_RULER_ORACLE ?? join(root, "tools", "event-ruler", "oracle");

// ---------------------------------------------------------------- options
function options(argv) {
  const opts = { seed: Number(process.env.FUZZ_SEED ?? 20240611), cases: Number(process.env.FUZZ_CASES ?? 20000), build: true, shrink: true, show: 5 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--seed") opts.seed = Number(value());
    else if (flag === "--cases") opts.cases = Number(value());
    else if (flag === "--show") opts.show = Number(value());
    else if (flag === "--no-build") opts.build = false;
    else if (flag === "--no-shrink") opts.shrink = false;
    else usage(`unknown option ${argv[i]}`);
  }
  if (!Number.isSafeInteger(opts.seed) || !Number.isSafeInteger(opts.cases) || opts.cases < 1) usage("--seed and --cases take integers");
  return opts;
}

function usage(message) {
  console.error(`fuzz-oracle: ${message}\nusage: npm run fuzz:oracle -- [--seed N] [--cases N] [--no-build] [--no-shrink] [--show N]`);
  process.exit(2);
}

// ---------------------------------------------------------------- random
/** mulberry32: tiny, seedable, good enough to spread cases. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const some = (n, make) => Array.from({ length: n }, make);
  return { next, int, pick, chance, some };
}

// ---------------------------------------------------------------- JSON text with exact number spellings
/** A number written exactly as `text` (so "-0", "1.0" and "1E2" reach both engines as written). */
class Num {
  constructor(text) { this.text = text; }
}
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Num);
/** Objects are built without a prototype so "__proto__" and "constructor" are plain keys. */
const obj = (entries = []) => Object.assign(Object.create(null), Object.fromEntries(entries));

function toJson(v) {
  if (v instanceof Num) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(",")}]`;
  if (v !== null && typeof v === "object") return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${toJson(v[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

// ---------------------------------------------------------------- value pools
// Case-folding corners: sharp s, dotted/dotless i, final sigma, Kelvin and Angstrom signs, long s,
// title-case digraphs, ligatures, German umlauts, Greek with diacritics, a combining dot.
const CASE_CHARS = [..."aAbBsSiIkKeE1-* ", "ß", "ẞ", "İ", "ı", "\u0307", "ς", "σ", "Σ", "ά", "Ά", "ΐ", "ü", "Ü", "ö", "Ö", "ä", "Ä",
  "\u212A", "\u212B", "å", "Å", "ſ", "ǅ", "ǆ", "Ǆ", "ﬁ", "ŉ", "é", "É", "ǰ", "日"];
const CONFUSABLE = { ß: ["ss", "SS", "Ss", "ẞ"], ẞ: ["ß", "SS", "ss"], s: ["ſ", "ß"], S: ["ſ"], ſ: ["s", "S"], i: ["İ", "ı", "i\u0307"], I: ["ı", "İ"],
  İ: ["i\u0307", "I\u0307", "i", "I"], ı: ["i", "I"], ς: ["σ", "Σ"], σ: ["ς", "Σ"], Σ: ["ς", "σ"], k: ["\u212A"], K: ["\u212A"], "\u212A": ["k", "K"],
  å: ["\u212B", "Å"], "\u212B": ["å", "Å"], ǅ: ["ǆ", "Ǆ", "Dž"], ﬁ: ["FI", "fi", "Fi"], ŉ: ["ʼN", "ʼn"], "ΐ": ["Ϊ́", "ΐ"] };
const WORDS = ["", "a", "A", "ab", "abc", "Abc", "ABC", "abcabc", "xyz", "Delete", "DeleteContact", "delete", "DELETE", "straße", "STRASSE",
  "Straße", "strasse", "ß", "SS", "İstanbul", "istanbul", "ISTANBUL", "ıi", "ΣΊΣΥΦΟΣ", "σίσυφος", "Σίσυφος", "ς", "όσος", "Über", "über",
  "ÜBER", "Öl", "ärger", "Ärger", "日本語", "😀", "a😀b", "*", "a*b", "\\", "a\\b", "\\*", "\"", "a\"b", "arn:aws:ssm-contacts:us-east-1:123:contact/oncall-a",
  "null", "true", "1", "1.0", "-", "ǅungla", "ﬁle", "\u212Aelvin", "ſtop"];
// JDK 17's Double.toString is not the shortest form for a few doubles (1e23, 5e-324, 2^-44), and
// event-ruler then refuses to compare them ("Cannot compare number"): a JDK artifact, not EventBridge
// semantics, so those are left out. Integers within 2^53 and short decimals are safe.
const NUMBERS = ["0", "-0", "0.0", "-0.0", "1", "-1", "1.0", "1e0", "10e-1", "0.1e1", "2", "5", "-5", "1.5", "-1.5", "0.1", "0.2", "0.3",
  "0.30000000000000004", "1e21", "1E21", "1e+21", "1e-7", "123456789012", "-123456789012", "9007199254740991", "9007199254740992",
  "-9007199254740992", "1.7976931348623157e308", "-1.7976931348623157e308", "2.2250738585072014e-308", "1e308", "-1e308", "1e-300",
  "3.14159", "100", "1e2", "100.000", "-100", "42", "-42.5", "5e-7", "1e16", "18446744073709552000", "1e22", "1e24"];
const SURROGATE = /[\uD800-\uDFFF]/; // no "u" flag: any UTF-16 surrogate unit, paired or not
const OVERFLOW = ["1e400", "-1e400"]; // JSON.parse gives ±Infinity; event-ruler sees a number it cannot compare

function makeGen(rnd) {
  const { int, pick, chance, some } = rnd;

  const word = () => (chance(0.7) ? pick(WORDS) : some(int(0, 6), () => pick(CASE_CHARS)).join(""));
  // Case-insensitive operands stay in the BMP: event-ruler folds an astral character to "??" (docs).
  const bmpWord = () => { let w; do w = word(); while (SURROGATE.test(w)); return w; };
  const shortDecimal = () => String(int(-20000, 20000) / pick([1, 1, 10, 100, 1000, 1e6]));
  const numberText = () => (chance(0.6) ? pick(NUMBERS) : chance(0.5) ? shortDecimal() : String(pick([1, -1]) * int(0, 2 ** 31) * pick([1, 1000, 2 ** 20])));
  const num = () => new Num(numberText());
  /** Other exact spellings of the same number. */
  const respell = (text) => {
    const n = Number(text);
    const forms = [String(n), n.toExponential(), `${String(n)}${Number.isInteger(n) && !String(n).includes("e") ? ".0" : ""}`, Object.is(n, 0) ? "-0" : String(n)];
    return new Num(pick(forms).replace("e+", pick(["e+", "E", "e"])));
  };

  /** Case variants of a string: per character, its upper/lower form or a look-alike. */
  const caseVariant = (s) => [...s].map((ch) => {
    const r = rnd.next();
    if (r < 0.3) return ch.toUpperCase();
    if (r < 0.6) return ch.toLowerCase();
    if (r < 0.8 && CONFUSABLE[ch]) return pick(CONFUSABLE[ch]);
    return ch;
  }).join("");
  const mutate = (s) => {
    const chars = [...s];
    const at = int(0, chars.length);
    const r = rnd.next();
    if (r < 0.3 && chars.length > 0) chars.splice(Math.min(at, chars.length - 1), 1);
    else if (r < 0.6) chars.splice(at, 0, pick(CASE_CHARS));
    else if (r < 0.8) return caseVariant(s);
    else return s + s;
    return chars.join("");
  };
  const stringNear = (s) => pick([s, s, mutate(s), caseVariant(s), `${word()}${s}`, `${s}${word()}`, word()]);

  return { word, bmpWord, num, numberText, respell, caseVariant, mutate, stringNear };
}

// ---------------------------------------------------------------- IP addresses
function makeIp(rnd) {
  const { int, pick, chance } = rnd;
  const v4Pool = [[10, 0, 0, 0], [10, 0, 0, 1], [10, 255, 255, 255], [192, 168, 1, 1], [0, 0, 0, 0], [255, 255, 255, 255], [172, 16, 0, 9], [32, 1, 13, 184], [18, 52, 86, 120]];
  const v6Pool = ["2001:db8::", "::", "::1", "fe80::1", "2400:6500:ff00::36fb:1f80", "2600:9000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "a00:1::", "::a00:1"];
  const v4 = () => (chance(0.5) ? [...pick(v4Pool)] : Array.from({ length: 4 }, () => int(0, 255)));
  const v6 = () => (chance(0.5) ? v6Bytes(pick(v6Pool)) : Array.from({ length: 16 }, () => (chance(0.4) ? 0 : int(0, 255))));

  function v6Bytes(text) {
    const [head, tail = ""] = text.split("::");
    const groups = (part) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
    const h = groups(head); const t = text.includes("::") ? groups(tail) : [];
    const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
    return all.flatMap((g) => [g >> 8, g & 255]);
  }
  function formatV4(bytes) {
    const style = rnd.next();
    return bytes.map((b) => (style < 0.15 ? String(b).padStart(3, "0") : style < 0.25 && chance(0.5) ? `0${b}` : String(b))).join(".");
  }
  function formatV6(bytes) {
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
    const pad = rnd.next();
    let hex = groups.map((g) => g.toString(16)).map((g) => (pad < 0.1 ? g.padStart(4, "0") : pad < 0.15 ? g.padStart(5, "0") : g));
    if (chance(0.3)) hex = hex.map((g) => g.toUpperCase());
    if (chance(0.6)) {
      let best = -1; let len = 0;
      for (let i = 0; i < 8; i++) {
        let j = i; while (j < 8 && groups[j] === 0) j++;
        if (j - i > len) { best = i; len = j - i; }
      }
      if (len >= 1) return `${hex.slice(0, best).join(":")}::${hex.slice(best + len).join(":")}`;
    }
    return hex.join(":");
  }
  /** IPv4 written as IPv4-mapped IPv6 (hex groups only: event-ruler's IP regex has no dots). */
  const mapped = (b) => formatV6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...b]);
  const text = (bytes) => (bytes.length === 4 ? (chance(0.15) ? mapped(bytes) : formatV4(bytes)) : formatV6(bytes));

  function range(bytes, mask) {
    const bottom = bytes.map((b, i) => b & byteMask(mask - i * 8));
    const top = bytes.map((b, i) => b | (~byteMask(mask - i * 8) & 255));
    return { bottom, top };
  }
  const byteMask = (bits) => (bits >= 8 ? 255 : bits <= 0 ? 0 : (255 << (8 - bits)) & 255);
  const step = (bytes, delta) => {
    const out = [...bytes];
    for (let i = out.length - 1; i >= 0; i--) {
      const v = out[i] + delta;
      out[i] = (v + 256) % 256;
      if (v >= 0 && v <= 255) break;
    }
    return out;
  };
  const oddities = ["1.2.3.256", "1.2.3", "1.2.3.4.5", "0010.0000.0000.1", "0000000001.2.3.4", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3",
    "00001::", "12345::", ":", ":::", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "g::1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.01", "010.0.0.1", "0:0:0:0:0:ffff:a00:1"];

  /** An address near the block: inside, at its edges, just outside, the other family, or oddly spelt. */
  function near(block) {
    const { bottom, top } = block;
    const r = rnd.next();
    if (r < 0.25) return text(bottom.map((b, i) => b + Math.floor(rnd.next() * (top[i] - b + 1))));
    if (r < 0.4) return text(pick([bottom, top]));
    if (r < 0.55) return text(chance(0.5) ? step(bottom, -1) : step(top, 1));
    if (r < 0.75) return text(bottom.length === 4 ? v6() : v4());
    if (r < 0.85) return pick(oddities);
    return text(chance(0.5) ? v4() : v6());
  }
  return { v4, v6, text, range, near };
}


// ---------------------------------------------------------------- operators: a pattern element and event values near it
/**
 * Each generator returns `{ element, near }`: one element of a field's value list and a function
 * giving event values likely to sit on either side of it.
 */
function makeOperators(rnd, g, ip) {
  const { int, pick, chance, some } = rnd;
  const anyValue = () => pick([() => g.word(), () => g.num(), () => pick([true, false, null]), () => ip.text(ip.v4()), () => new Num(pick(OVERFLOW))])();
  const nearStrings = (...targets) => () => (chance(0.15) ? anyValue() : g.stringNear(pick(targets)));
  const nearFolded = (...targets) => () => (chance(0.15) ? anyValue() : chance(0.6) ? g.caseVariant(pick(targets)) : g.stringNear(pick(targets)));
  const head = (w) => [...w].slice(0, int(0, [...w].length)).join("");
  const tail = (w) => [...w].slice(int(0, [...w].length)).join("");
  const oneOrList = (make) => (chance(0.5) ? make() : some(int(1, 3), make));
  const list = (v) => (Array.isArray(v) ? v : [v]);

  const WILD_PIECES = ["a", "b", "ab", "ß", "日", "-", "\\*", "\\\\", "x", "A"];
  function wildcardText() {
    const pieces = some(int(1, 4), () => some(int(1, 2), () => pick(WILD_PIECES)).join(""));
    if (chance(0.3)) pieces.unshift("");
    if (chance(0.3)) pieces.push("");
    return pieces.join("*");
  }
  /** A string the wildcard matches: each star filled with a random run. */
  const wildcardFill = (w) => w.split(/(?<!\\)\*/u).map((p) => p.replace(/\\(.)/gu, "$1")).join(pick(["", "a", "*", "\\", "ß", "xyz"]));
  const nearWildcard = (...ws) => () => {
    const w = pick(ws);
    return chance(0.15) ? anyValue() : chance(0.6) ? wildcardFill(w) : g.mutate(wildcardFill(w));
  };

  function numericElement() {
    const texts = some(2, g.numberText).sort((x, y) => Number(x) - Number(y));
    let operand;
    if (chance(0.5) || Number(texts[0]) === Number(texts[1])) operand = [pick(["=", "<", "<=", ">", ">="]), new Num(texts[0])];
    else operand = [pick([">", ">="]), new Num(texts[0]), pick(["<", "<="]), new Num(texts[1])];
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

  function cidrElement() {
    const bytes = chance(0.5) ? ip.v4() : ip.v6();
    const mask = int(0, bytes.length * 8 - 1);
    const block = ip.range(bytes, mask);
    const maskText = chance(0.1) ? pick([`+${mask}`, `0${mask}`, `${mask}/`]) : String(mask);
    return { element: { cidr: `${ip.text(bytes)}/${maskText}` }, near: () => (chance(0.9) ? ip.near(block) : anyValue()) };
  }

  /** An exact string that event-ruler reads as an IP address: it compares addresses, not text. */
  function exactIpElement() {
    const bytes = chance(0.5) ? ip.v4() : ip.v6();
    return { element: ip.text(bytes), near: () => (chance(0.4) ? ip.text(bytes) : ip.near({ bottom: bytes, top: bytes })) };
  }

  function anythingButElement() {
    if (chance(0.5)) {
      const values = oneOrList(() => g.word());
      return { element: { "anything-but": values }, near: nearStrings(...list(values)) };
    }
    const texts = some(int(1, 3), g.numberText);
    const values = chance(0.5) ? new Num(texts[0]) : texts.map((t) => new Num(t));
    return { element: { "anything-but": values }, near: () => (chance(0.6) ? g.respell(pick(texts)) : anyValue()) };
  }

  function anythingButInner(kind) {
    const make = { prefix: () => head(g.word()) || "a", suffix: () => tail(g.word()) || "a", "equals-ignore-case": g.bmpWord, wildcard: wildcardText }[kind];
    const values = oneOrList(make);
    const near = kind === "wildcard" ? nearWildcard(...list(values)) : kind === "equals-ignore-case" ? nearFolded(...list(values)) : nearStrings(...list(values));
    return { element: { "anything-but": { [kind]: values } }, near };
  }

  return {
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
    anyValue,
  };
}
const ELEMENT_OPS = ["exact-string", "exact-number", "exact-bool-null", "exact-ip", "prefix", "suffix", "prefix-eic", "suffix-eic", "equals-ignore-case",
  "wildcard", "anything-but", "anything-but-prefix", "anything-but-suffix", "anything-but-wildcard", "anything-but-eic", "numeric", "exists", "cidr"];

// ---------------------------------------------------------------- invalid and edge syntax
const n = (t) => new Num(t);
// Operand forms that are invalid, or valid only by an easily-missed rule (cidr "/+8", "10.0.0.0/8/").
// Not here: CIDR masks in non-ASCII digits, which Java reads and we reject (docs).
const EDGE_ELEMENTS = [
  { prefix: n("5") }, { prefix: null }, { prefix: ["a"] }, { prefix: { foo: "a" } }, { prefix: { "equals-ignore-case": n("5") } },
  { prefix: { "equals-ignore-case": "a", x: n("1") } }, { prefix: {} }, { suffix: true }, { suffix: { "equals-ignore-case": ["a"] } },
  { "equals-ignore-case": n("5") }, { "equals-ignore-case": ["a"] }, { "equals-ignore-case": null },
  { wildcard: "a**b" }, { wildcard: "a\\b" }, { wildcard: "a\\" }, { wildcard: n("5") }, { wildcard: "**" }, { wildcard: "\\**" }, { wildcard: "*\\\\*" },
  { "anything-but": [] }, { "anything-but": ["a", n("1")] }, { "anything-but": [null] }, { "anything-but": true }, { "anything-but": null },
  { "anything-but": [true] }, { "anything-but": [["a"]] }, { "anything-but": { prefix: "" } }, { "anything-but": { suffix: [""] } },
  { "anything-but": { prefix: n("5") } }, { "anything-but": { prefix: [] } }, { "anything-but": { wildcard: "a**" } }, { "anything-but": { wildcard: ["a", "b\\c"] } },
  { "anything-but": { foo: "x" } }, { "anything-but": { prefix: "a", suffix: "b" } }, { "anything-but": { "equals-ignore-case": [n("1")] } },
  { "anything-but": {} }, { "anything-but": { exists: true } }, { "anything-but": { numeric: [">", n("1")] } }, { "anything-but": "a", x: n("1") },
  { "anything-but": [n("1e400")] }, { "anything-but": { "equals-ignore-case": "" } }, { "anything-but": { wildcard: "" } },
  { numeric: [] }, { numeric: ["<"] }, { numeric: ["<", "5"] }, { numeric: ["=", n("1"), "<", n("2")] }, { numeric: [">", n("5"), "<", n("5")] },
  { numeric: [">", n("5"), "<", n("4")] }, { numeric: ["<", n("5"), ">", n("4")] }, { numeric: [">", n("1"), "<", n("2"), n("3")] }, { numeric: ["!=", n("5")] },
  { numeric: "5" }, { numeric: [n("5")] }, { numeric: [">", n("1e400")] }, { numeric: ["<", n("-1e400")] }, { numeric: [">", n("-0"), "<", n("0")] },
  { numeric: [">=", n("1"), "<=", n("1")] }, { numeric: [">", n("1"), "<="] }, { numeric: [">", n("1"), n("2")] }, { numeric: ["<", n("-1.7976931348623157e308")] },
  { exists: "true" }, { exists: n("1") }, { exists: null }, { exists: [true] }, { exists: true, prefix: "a" },
  { cidr: "10.0.0.0/33" }, { cidr: "10.0.0.0/32" }, { cidr: "::/128" }, { cidr: "::/127" }, { cidr: "10.0.0.0" }, { cidr: "10.0.0.0/x" }, { cidr: "10.0.0.0/-1" },
  { cidr: "foo/8" }, { cidr: n("5") }, { cidr: "10.0.0.0/8/8" }, { cidr: "1.2.3.256/8" }, { cidr: "10.0.0.0/+8" }, { cidr: "10.0.0.0/08" },
  { cidr: "::ffff:a00:0/104" }, { cidr: "::ffff:a00:0/24" }, { cidr: "10.0.0.0/8/" }, { cidr: "10.0.0.0/8//" }, { cidr: "/8" }, { cidr: "10.0.0.0/ 8" },
  { cidr: "0010.0000.0000.0/8" }, { cidr: "00001::/16" }, { cidr: "10.0.0.0/2147483648" }, { cidr: "::/-0" },
  {}, { prefx: "a" }, { prefix: "a", suffix: "b" }, ["nested"], { "$or": ["a"] },
];
const EDGE_FIELDS = ["x", n("5"), null, true, [], {}];
// event-ruler's RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP: not allowed as field names inside `$or`.
const RESERVED = ["exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr", "=", "<", "<=", ">", ">=",
  "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
  "ip-address-in-range", "ip-address-not-in-range"];

// ---------------------------------------------------------------- patterns and events
// Keys overlap on purpose ("a.x" and "a.y" under one array of objects) to exercise array
// consistency; "constructor" checks we never read inherited properties. No key holds a "." (see docs).
const PATHS = [["a"], ["b"], ["c"], ["a-b"], ["B"], ["constructor"], ["a", "x"], ["a", "y"], ["b", "x"], ["b", "y"], ["a", "x", "z"], ["a", "y", "z"], ["c", "x", "y"]];
const NOISE_KEYS = ["n", "__proto__", "constructor", "toString", "m"];
const dotted = (path) => path.join(".");
const isPrefix = (p, q) => p.length <= q.length && p.every((k, i) => k === q[i]);

function makeCases(rnd) {
  const { int, pick, chance, some } = rnd;
  const g = makeGen(rnd);
  const ip = makeIp(rnd);
  const ops = makeOperators(rnd, g, ip);

  function values(focus) {
    const first = ops[focus ?? pick(ELEMENT_OPS)]();
    const rest = chance(0.3) ? some(int(1, 2), () => ops[pick(ELEMENT_OPS)]()) : [];
    return [first, ...rest];
  }

  /** Fields for one object level of the pattern: prefix-free paths unused by enclosing levels. */
  function choosePaths(count, used, under) {
    const chosen = [];
    for (let tries = 0; chosen.length < count && tries < 40; tries++) {
      const p = pick(PATHS);
      if (!isPrefix(under, p) || p.length === under.length || used.has(dotted(p))) continue;
      if (chosen.some((q) => isPrefix(p, q) || isPrefix(q, p))) continue;
      chosen.push(p);
    }
    return chosen;
  }

  function setPath(target, path, value) {
    let node = target;
    for (const key of path.slice(0, -1)) node = node[key] ??= obj();
    node[path.at(-1)] = value;
  }

  /**
   * One object level: fields, maybe an `$or` whose branches use paths no enclosing level uses
   * (a path both outside and inside an `$or` is a known difference: event-ruler keeps the last).
   */
  function level(used, under, focus, depth, forceOr, fields) {
    const target = obj();
    const paths = choosePaths(int(1, depth === 0 ? 3 : 2), used, under);
    paths.forEach((p, i) => {
      const vs = values(i === 0 ? focus : undefined);
      setPath(target, p.slice(under.length), vs.map((v) => v.element));
      fields.push({ path: p, near: vs.map((v) => v.near) });
    });
    for (const p of paths) used.add(dotted(p));
    if (depth < 2 && (forceOr || chance(0.2))) {
      const at = under.length === 0 && chance(0.3) && !paths.some((p) => p.length === 1 && p[0] === "a") ? ["a"] : under;
      const inBranches = new Set();
      const branches = some(int(2, 3), () => {
        const branchUsed = new Set(used);
        const branch = level(branchUsed, at, undefined, depth + 1, false, fields);
        for (const u of branchUsed) inBranches.add(u);
        return branch;
      });
      if (branches.every((b) => Object.keys(b).length > 0)) setPath(target, [...at.slice(under.length), "$or"], branches);
      for (const u of inBranches) used.add(u);
    }
    return target;
  }

  /** An event holding (or not) values at the pattern's paths: single, in arrays, in arrays of objects, wrong types. */
  function event(fields) {
    const build = (specs, depth) => {
      const out = obj();
      const keys = [...new Set(specs.map((s) => s.path[depth]))];
      for (const key of keys) {
        if (chance(0.12)) continue;
        const here = specs.filter((s) => s.path[depth] === key);
        const leaves = here.filter((s) => s.path.length === depth + 1);
        const deeper = here.filter((s) => s.path.length > depth + 1);
        const leafValue = () => pick(pick(leaves).near)();
        const objectValue = () => build(deeper, depth + 1);
        let value;
        if (leaves.length > 0 && deeper.length > 0) value = some(int(1, 3), () => (chance(0.5) ? leafValue() : objectValue()));
        else if (leaves.length > 0) {
          const r = rnd.next();
          value = r < 0.6 ? leafValue() : r < 0.85 ? some(int(0, 3), leafValue) : r < 0.9 ? [some(int(1, 2), leafValue)] : chance(0.5) ? obj() : obj([["z", leafValue()]]);
        } else {
          const r = rnd.next();
          value = r < 0.55 ? objectValue() : r < 0.93 ? some(int(1, 3), () => (chance(0.9) ? objectValue() : ops.anyValue())) : ops.anyValue();
        }
        out[key] = value;
      }
      if (chance(0.25)) out[pick(NOISE_KEYS)] = chance(0.5) ? ops.anyValue() : obj([["x", ops.anyValue()]]);
      return out;
    };
    return build(fields, 0);
  }

  function validCase(focus) {
    const ctx = { used: new Set(), fields: [] };
    const pattern = level(ctx.used, [], ELEMENT_OPS.includes(focus) ? focus : undefined, 0, focus === "$or", ctx.fields);
    if (focus === "array-consistency") {
      // Two fields under one array of objects: their values must come from the same element.
      const [p, q] = pick([[["a", "x"], ["a", "y"]], [["a", "x", "z"], ["a", "y", "z"]], [["b", "x"], ["b", "y"]]]);
      for (const path of [p, q]) {
        if (ctx.used.has(dotted(path)) || [...ctx.used].some((u) => isPrefix(u.split("."), path) || isPrefix(path, u.split(".")))) continue;
        const vs = values(pick(["exact-string", "exists", "prefix", "numeric", "anything-but"]));
        setPath(pattern, path, vs.map((v) => v.element));
        ctx.fields.push({ path, near: vs.map((v) => v.near) });
        ctx.used.add(dotted(path));
      }
    }
    return { pattern, event: event(ctx.fields) };
  }

  function edgeCase(focus) {
    const { pattern, event: ev } = validCase(pick(ELEMENT_OPS));
    const first = Object.keys(pattern).find((k) => Array.isArray(pattern[k]));
    const r = rnd.next();
    if (focus === "oracle-only") {
      setPath(pattern, ["exactly-field"], [{ exactly: g.word() }]);
    } else if (focus === "reserved-names") {
      const branch = obj([[pick(RESERVED), [g.word()]]]);
      if (chance(0.7)) pattern.$or = [branch, obj([["b", ["x"]]])];
      else if (chance(0.5)) pattern.$or = [obj([["a", branch]]), obj([["b", ["x"]]])];
      else Object.assign(pattern, branch);
    } else if (r < 0.7 && first !== undefined) {
      pattern[first] = [...(chance(0.5) ? pattern[first] : []), pick(EDGE_ELEMENTS)];
    } else if (r < 0.85) {
      pattern[pick(["a", "b", "zz"])] = pick(EDGE_FIELDS);
    } else {
      return { pattern: pick([[], "x", obj(), obj([["$or", obj([["a", ["x"]]])]]), obj([["$or", [obj([["a", ["x"]]])]]]),
        obj([["$or", [obj([["a", ["x"]]]), "x"]]]), obj([["$or", [obj(), obj([["a", ["x"]]])]]]), obj([["$or", []]]), obj([["a", obj([["$or", [obj([["x", ["1"]]])]]])]])]), event: ev };
    }
    return { pattern, event: ev };
  }

  const FOCI = [...ELEMENT_OPS, "$or", "array-consistency", "edge-syntax", "edge-syntax", "edge-syntax", "reserved-names", "oracle-only"];
  return function next() {
    const focus = pick(FOCI);
    const { pattern, event: ev } = focus.startsWith("edge") || focus === "reserved-names" || focus === "oracle-only" ? edgeCase(focus) : validCase(focus);
    return { focus, pattern, event: ev };
  };
}

// ---------------------------------------------------------------- the two engines
function runOracle(lines) {
  if (lines.length === 0) return [];
  const r = spawnSync(ORACLE, [], { input: `${lines.join("\n")}\n`, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) setupError(`oracle exited with ${r.status}: ${r.stderr}`);
  const out = r.stdout.split("\n").slice(0, -1);
  if (out.length !== lines.length) setupError(`oracle answered ${out.length} lines for ${lines.length}`);
  return out.map((line) => {
    const [kind, ...rest] = line.split("\t");
    return { kind, detail: rest.join(" ") };
  });
}

function makeOurs(parsePattern) {
  return (patternText, eventText) => {
    try {
      const { pattern, issues } = parsePattern(JSON.parse(patternText));
      if (issues.length > 0) return { kind: "invalid", detail: issues.map((i) => i.message).join("; ") };
      return { kind: String(pattern.matches(JSON.parse(eventText))), detail: "" };
    } catch (error) {
      return { kind: "throw", detail: String(error?.stack ?? error) };
    }
  };
}

function setupError(message) {
  console.error(`fuzz-oracle: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------- known deliberate differences
// Each is generated like any other case; when the answers differ and the case has the shape
// named here, it is counted under that name instead of as a disagreement. The predicates are
// narrow, so every other answer in such a case is still checked. See docs/pattern-engine.md.
const IP_TEXT = /^(?:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*)$/u; // event-ruler's IPv4_REGEX / IPv6_REGEX
const CRASH = /out of bounds|cannot be cast|Cannot invoke|^null$/u; // an exception inside event-ruler, not a validation message
const WIDE = /[^\p{ASCII}]/u;

/** Sub-rules as event-ruler's JsonRuleCompiler builds them: `$or` multiplied out, dotted path -> elements. */
function subRules(node, prefix = [], rules = [new Map()]) {
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (key === "$or" && Array.isArray(child)) {
      const before = rules;
      rules = child.flatMap((b) => (isObject(b) ? subRules(b, prefix, before.map((r) => new Map(r))) : []));
    } else if (Array.isArray(child)) for (const r of rules) r.set(dotted([...prefix, key]), child);
    else if (isObject(child)) rules = subRules(child, [...prefix, key], rules);
  }
  return rules;
}

/** Event leaves as dotted path -> values (arrays are transparent, as in event-ruler). */
function eventLeaves(node, prefix = [], out = new Map()) {
  if (Array.isArray(node)) node.forEach((e) => eventLeaves(e, prefix, out));
  else if (isObject(node)) for (const k of Object.keys(node)) eventLeaves(node[k], [...prefix, k], out);
  else out.set(dotted(prefix), [...(out.get(dotted(prefix)) ?? []), node]);
  return out;
}

const elementsOf = (c) => (isObject(c.pattern) ? subRules(c.pattern).flatMap((r) => [...r]) : []);
/** Per field, the elements of all sub-rules: event-ruler keeps them in one byte machine per field. */
function byteMachines(c) {
  const out = new Map();
  for (const [path, es] of elementsOf(c)) out.set(path, [...(out.get(path) ?? []), ...es]);
  return [...out];
}

/** event-ruler walks a number's digits through the IP (hex digit) ranges of its field: 12345678 "is" 18.52.86.120. */
function numberInIpField(c) {
  const leaves = eventLeaves(c.event);
  const isIp = (e) => (typeof e === "string" && IP_TEXT.test(e)) || (isObject(e) && "cidr" in e);
  return elementsOf(c).some(([path, es]) => es.some(isIp) && (leaves.get(path) ?? []).some((v) => v instanceof Num));
}

/** event-ruler case-folds UTF-16 units one at a time, so an astral character folds to "??". */
function astralCaseInsensitive(c) {
  const operands = (e) => {
    if (!isObject(e)) return [];
    const inner = (v) => (isObject(v) ? [v["equals-ignore-case"]] : []);
    return [e["equals-ignore-case"], ...inner(e.prefix), ...inner(e.suffix), ...inner(e["anything-but"])].flat();
  };
  return elementsOf(c).some(([, es]) => es.some((e) => operands(e).some((s) => typeof s === "string" && SURROGATE.test(s))));
}

/**
 * event-ruler skips a sub-rule as "already added" when an earlier sub-rule of the same rule has the
 * same fields and shares a value in each (GenericMachine.addStep unions sub-rule ids over patterns):
 * {"$or": [{"y": ["x"]}, {"y": ["x", {"prefix": "a"}]}]} does not match "abc". Order-dependent.
 */
function sharedSubRule(c) {
  if (!isObject(c.pattern)) return false;
  const rules = subRules(c.pattern);
  const same = (r, q) => r.size === q.size && [...r].every(([path, es]) => q.has(path) && es.some((e) => q.get(path).some((f) => toJson(e) === toJson(f))));
  return rules.some((r, i) => rules.slice(i + 1).some((q) => same(r, q)));
}

/**
 * event-ruler's byte machine goes wrong when one field has both a wildcard (or anything-but
 * wildcard) and a case-insensitive operand, in one value list or in two `$or` branches:
 * [{"wildcard": "*a"}, {"equals-ignore-case": "b"}] matches "c". A plain bug; we answer as each
 * operand alone would.
 */
function wildcardBesideCaseInsensitive(c) {
  const folds = (e) => isObject(e) && ("equals-ignore-case" in e || isObject(e.prefix) || isObject(e.suffix) || (isObject(e["anything-but"]) && "equals-ignore-case" in e["anything-but"]));
  const wild = (e) => isObject(e) && ("wildcard" in e || (isObject(e["anything-but"]) && "wildcard" in e["anything-but"]));
  return byteMachines(c).some(([, es]) => es.some(folds) && es.some(wild));
}

/** Every string inside a pattern element: `{"prefix": {"equals-ignore-case": "x"}}` gives ["x"]. */
const texts = (e) => (typeof e === "string" ? [e] : Array.isArray(e) ? e.flatMap(texts) : isObject(e) ? Object.values(e).flatMap(texts) : []);

/**
 * event-ruler keeps numeric ranges in the same byte trie as strings, as digits 0-127; a non-ASCII
 * string (UTF-8 bytes >= 0x80, negative as Java bytes) beside a range with an upper bound breaks
 * the other strings of that field: ["ab", {"numeric": ["<", 0]}, {"prefix": "ü"}] does not match "ab".
 */
function numericBesideWideText(c) {
  const upperBounded = (e) => isObject(e) && Array.isArray(e.numeric) && (e.numeric.length === 4 || ["<", "<="].includes(e.numeric[0]));
  const wide = (e) => !(isObject(e) && "numeric" in e) && texts(e).some((t) => WIDE.test(t));
  return byteMachines(c).some(([, es]) => es.some(upperBounded) && es.some(wide));
}

/**
 * event-ruler: a wildcard beside a non-ASCII anything-but suffix in one field; the
 * anything-but then fails for values starting like its suffix: [{"wildcard": "*b"},
 * {"anything-but": {"suffix": "Ä"}}] does not match "Äσ".
 */
function wildcardBesideWideSuffix(c) {
  const wideSuffix = (e) => isObject(e) && isObject(e["anything-but"]) && texts(e["anything-but"].suffix ?? []).some((t) => WIDE.test(t));
  return byteMachines(c).some(([, es]) => es.some(wideSuffix) && es.some((e) => isObject(e) && "wildcard" in e));
}

/** event-ruler throws adding the same non-ASCII suffix equals-ignore-case twice (once per sub-rule). */
function repeatedWideSuffix(c) {
  if (c.oracle.kind !== "invalid" || !CRASH.test(c.oracle.detail)) return false;
  const seen = new Set();
  return elementsOf(c).some(([path, es]) => es.some((e) => {
    const operand = isObject(e) && isObject(e.suffix) ? e.suffix["equals-ignore-case"] : undefined;
    if (typeof operand !== "string" || !WIDE.test(operand)) return false;
    const key = `${path}\t${operand}`;
    return seen.has(key) || (seen.add(key), false);
  }));
}

/**
 * When event-ruler's JSON compiler rejects a pattern it retries with its legacy compiler, which
 * knows no `$or`: there "$or" is a plain field name, so `{"$or": {"a": ["x"]}}` or an `$or` whose
 * branches are operators (reserved inside `$or`) can be accepted. EventBridge documents `$or` as
 * a keyword; we reject these.
 */
function legacyOnly(node, inOr = false) {
  if (!isObject(node)) return false;
  return Object.keys(node).some((key) => {
    const child = node[key];
    if (inOr && RESERVED.includes(key)) return true;
    if (key !== "$or") return legacyOnly(child, inOr);
    return !Array.isArray(child) || child.length < 2 || !child.every(isObject) || child.some((b) => legacyOnly(b, true));
  });
}

/** `{"anything-but": {"prefix": []}}`: event-ruler crashes on it alone but accepts it beside other values. */
function emptyAnythingButList(node) {
  if (Array.isArray(node)) return node.some(emptyAnythingButList);
  if (!isObject(node)) return false;
  const inner = node["anything-but"];
  if (isObject(inner) && Object.values(inner).some((v) => Array.isArray(v) && v.length === 0)) return true;
  return Object.values(node).some(emptyAnythingButList);
}

const weReject = (c) => c.ours.kind === "invalid";
const KNOWN = [
  ["oracle-only operator (exactly): we reject", (c) => c.focus === "oracle-only" && weReject(c)],
  ['"$or" as a legacy field name: we reject', (c) => weReject(c) && legacyOnly(c.pattern)],
  ["empty anything-but list: we reject", (c) => weReject(c) && emptyAnythingButList(c.pattern)],
  ["number in a field with IP patterns", numberInIpField],
  ["astral character in a case-insensitive operand", astralCaseInsensitive],
  ["$or branch sharing a value with an earlier one", sharedSubRule],
  ["wildcard beside a case-insensitive operand in one field", wildcardBesideCaseInsensitive],
  ["numeric upper bound beside non-ASCII text in one field", numericBesideWideText],
  ["wildcard beside a non-ASCII anything-but suffix in one field", wildcardBesideWideSuffix],
  ["event-ruler crash on a repeated non-ASCII suffix equals-ignore-case", repeatedWideSuffix],
];

/** "agree", the name of a known difference, or "disagree". */
function verdict(c) {
  if (c.ours.kind === c.oracle.kind) return "agree";
  return KNOWN.find(([, explains]) => explains(c))?.[0] ?? "disagree";
}

// ---------------------------------------------------------------- shrinking
/** One-step reductions of a JSON value: drop a key or element, or replace an array by one element. */
function* reductions(v) {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield [...v.slice(0, i), ...v.slice(i + 1)];
    for (const e of v) yield e;
    for (let i = 0; i < v.length; i++) for (const r of reductions(v[i])) yield [...v.slice(0, i), r, ...v.slice(i + 1)];
  } else if (v !== null && typeof v === "object" && !(v instanceof Num)) {
    const keys = Object.keys(v);
    for (const k of keys) yield obj(keys.filter((x) => x !== k).map((x) => [x, v[x]]));
    for (const k of keys) for (const r of reductions(v[k])) yield obj(keys.map((x) => [x, x === k ? r : v[x]]));
  } else if (typeof v === "string" && v.length > 0) {
    yield "";
    yield [...v].slice(1).join("");
    yield [...v].slice(0, -1).join("");
  }
}

const size = (c) => toJson(c.pattern).length + toJson(c.event).length;

/** Greedy shrinking, every round one batched oracle call; a reduction must keep both answers. */
function shrink(examples, ours) {
  let live = [...examples];
  for (let round = 0; round < 60 && live.length > 0; round++) {
    const trials = [];
    for (const ex of live) {
      let count = 0;
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
    const answers = runOracle(trials.map((t) => t.line));
    const improved = new Set();
    trials.forEach((t, i) => {
      if (answers[i].kind !== t.ex.oracle.kind) return;
      const candidate = { pattern: t.pattern, event: t.event };
      if (size(candidate) < size(t.ex)) {
        Object.assign(t.ex, candidate, { oracle: answers[i], ours: ours(toJson(t.pattern), toJson(t.event)) });
        improved.add(t.ex);
      }
    });
    live = live.filter((ex) => improved.has(ex));
  }
  return examples;
}

// ---------------------------------------------------------------- main
const opts = options(process.argv.slice(2));
const entry = join(root, "dist/src/pattern/index.js");
if (opts.build) {
  const r = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  const errors = `${r.stdout}${r.stderr}`.split("\n").filter((line) => / error TS/u.test(line));
  const engine = errors.filter((line) => line.startsWith("src/pattern/"));
  if (engine.length > 0) setupError(`the pattern engine does not compile:\n${engine.join("\n")}`);
  if (r.status !== 0) console.warn(`fuzz-oracle: tsc reported ${errors.length} error(s) outside src/pattern; fuzzing what it emitted`);
}
if (!existsSync(entry)) setupError(`${entry} is missing: run \`npm run build\` first`);
if (!existsSync(ORACLE)) setupError(`oracle not found at ${ORACLE}`);
const { parsePattern } = await import(pathToFileURL(entry).href);
const ours = makeOurs(parsePattern);

const next = makeCases(random(opts.seed));
const cases = Array.from({ length: opts.cases }, () => {
  const c = next();
  c.patternText = toJson(c.pattern);
  c.eventText = toJson(c.event);
  c.ours = ours(c.patternText, c.eventText);
  return c;
});
const answers = runOracle(cases.map((c) => `${c.patternText}\t${c.eventText}`));
if (Object.keys(Object.prototype).length > 0) setupError("Object.prototype was polluted");

const byFocus = new Map();
const bad = new Map();
const known = new Map();
let agreements = 0;
cases.forEach((c, i) => {
  c.oracle = answers[i];
  const v = verdict(c);
  const row = byFocus.get(c.focus) ?? { cases: 0, true: 0, false: 0, invalid: 0, disagree: 0 };
  row.cases++;
  if (c.oracle.kind in row) row[c.oracle.kind]++;
  byFocus.set(c.focus, row);
  if (v === "agree") agreements++;
  else if (v !== "disagree") known.set(v, (known.get(v) ?? 0) + 1);
  else {
    row.disagree++;
    bad.set(c.focus, [...(bad.get(c.focus) ?? []), c]);
  }
});

const disagreements = [...bad.values()].reduce((sum, list) => sum + list.length, 0);
console.log(`fuzz-oracle: seed ${opts.seed}, ${cases.length} cases compared against aws/event-ruler`);
console.log(`  agreements: ${agreements}; disagreements: ${disagreements}`);
if (known.size > 0) {
  console.log("  known deliberate differences (answers differ as documented, not counted as disagreements):");
  for (const [why, k] of [...known].sort()) console.log(`    ${String(k).padStart(5)}  ${why}`);
}
console.log("  by operator (oracle answers true / false / invalid; disagreements):");
for (const [focus, row] of [...byFocus].sort()) {
  console.log(`    ${focus.padEnd(22)} ${String(row.cases).padStart(5)} cases  ${row.true}/${row.false}/${row.invalid}${row.disagree > 0 ? `  DISAGREE ${row.disagree}` : ""}`);
}
for (const [focus, list] of [...bad].sort((a, b) => b[1].length - a[1].length)) {
  const examples = list.sort((x, y) => size(x) - size(y)).slice(0, opts.show);
  if (opts.shrink) shrink(examples, ours);
  console.log(`\n[${focus}] ${list.length} disagreement(s); smallest${opts.shrink ? ", shrunk" : ""}:`);
  for (const ex of examples.sort((x, y) => size(x) - size(y))) {
    console.log(`  pattern ${toJson(ex.pattern)}\n  event   ${toJson(ex.event)}`);
    console.log(`  ours: ${ex.ours.kind}${ex.ours.detail ? ` (${ex.ours.detail.split("\n")[0]})` : ""}  event-ruler: ${ex.oracle.kind}${ex.oracle.detail ? ` (${ex.oracle.detail.slice(0, 160)})` : ""}\n`);
  }
}
const deployed = await checkDeployedRules(root, runOracle);
console.log(`\n${deployed.summary}`);
for (const failure of deployed.failures) console.log(`  ${failure}`);
process.exit(disagreements > 0 || deployed.failures.length > 0 ? 1 : 0);
