#!/usr/bin/env node
// Differential fuzzer: our EventBridge pattern engine against aws/event-ruler (the oracle in
// /work/shared/oracle/event-ruler). Deterministic for a given seed.
//
//   npm run fuzz:oracle -- [--seed 42] [--cases 20000] [--no-build] [--no-shrink] [--show 5]
//   (or FUZZ_SEED / FUZZ_CASES in the environment)
//
// Every case is a (pattern, event) pair written as JSON text; the same text goes to the oracle and,
// through JSON.parse, to our `parsePattern(...).matches(...)`. The whole corpus goes to the oracle in
// one call (one JVM); disagreements are then shrunk with a few more batched calls. Exit 1 on any
// disagreement, 2 on a usage or setup error. Not part of `npm test`: it needs Java.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ORACLE = process.env.EVENT_RULER_ORACLE ?? "/work/shared/oracle/event-ruler/oracle";

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
const OVERFLOW = ["1e400", "-1e400"]; // JSON.parse gives ±Infinity; event-ruler sees a number it cannot compare

function makeGen(rnd) {
  const { int, pick, chance, some } = rnd;

  const word = () => (chance(0.7) ? pick(WORDS) : some(int(0, 6), () => pick(CASE_CHARS)).join(""));
  const bmpWord = () => { let w; do w = word(); while (/[\uD800-\uDFFF]/.test(w)); return w; };
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
  return { v4, v6, text, range, near, oddities };
}

export { random, makeGen, makeIp, Num, obj, toJson };
