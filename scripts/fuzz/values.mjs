// @ts-check
// Strings and numbers near the edges of EventBridge's semantics: case folding, look-alikes,
// exact number spellings. Leaves are fast-check arbitraries; `makeValues` adds the helpers
// that derive one value from another (a case variant, a respelling) with the case's draws.
import fc from "fast-check";
import { Num } from "./json-text.mjs";

/** @typedef {import("./draw.mjs").Draw} Draw */

// Case-folding corners: sharp s, dotted/dotless i, final sigma, Kelvin and Angstrom signs, long s,
// title-case digraphs, ligatures, German umlauts, Greek with diacritics, a combining dot.
export const CASE_CHARS = [..."aAbBsSiIkKeE1-* ", "ß", "ẞ", "İ", "ı", "\u0307", "ς", "σ", "Σ", "ά", "Ά", "ΐ", "ü", "Ü", "ö", "Ö", "ä", "Ä",
  "\u212A", "\u212B", "å", "Å", "ſ", "ǅ", "ǆ", "Ǆ", "ﬁ", "ŉ", "é", "É", "ǰ", "日"];
/** @type {Readonly<Record<string, readonly string[]>>} */
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
export const SURROGATE = /[\uD800-\uDFFF]/; // no "u" flag: any UTF-16 surrogate unit, paired or not
export const OVERFLOW = ["1e400", "-1e400"]; // JSON.parse gives ±Infinity; event-ruler sees a number it cannot compare

/** A pool word (70%) or a short run of case-folding corners. */
export const WORD = fc.noBias(fc.oneof(
  { weight: 7, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...CASE_CHARS), { maxLength: 6 }).map((chars) => chars.join("")) },
));

/** Case-insensitive operands stay in the BMP: event-ruler folds an astral character to "??" (docs). */
export const BMP_WORD = WORD.filter((w) => !SURROGATE.test(w));

const SHORT_DECIMAL = fc.tuple(fc.integer({ min: -20000, max: 20000 }), fc.constantFrom(1, 1, 10, 100, 1000, 1e6)).map(([n, d]) => String(n / d));
const LARGE_INTEGER = fc.tuple(fc.constantFrom(1, -1), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(1, 1000, 2 ** 20)).map(([s, n, m]) => String(s * n * m));

/** The text of a number: a pool spelling (60%), a short decimal or a large integer. */
export const NUMBER_TEXT = fc.noBias(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: SHORT_DECIMAL },
  { weight: 2, arbitrary: LARGE_INTEGER },
));

/** @param {Draw} rnd */
export function makeValues(rnd) {
  const { int, pick } = rnd;
  const word = () => rnd.from(WORD);
  const bmpWord = () => rnd.from(BMP_WORD);
  const numberText = () => rnd.from(NUMBER_TEXT);
  const num = () => new Num(numberText());
  /**
   * Other exact spellings of the same number.
   * @param {string} text
   */
  const respell = (text) => {
    const n = Number(text);
    const forms = [String(n), n.toExponential(), `${String(n)}${Number.isInteger(n) && !String(n).includes("e") ? ".0" : ""}`, Object.is(n, 0) ? "-0" : String(n)];
    return new Num(pick(forms).replace("e+", pick(["e+", "E", "e"])));
  };

  /**
   * Case variants of a string: per character, its upper/lower form or a look-alike.
   * @param {string} s
   */
  const caseVariant = (s) => [...s].map((ch) => {
    const r = rnd.next();
    if (r < 0.3) return ch.toUpperCase();
    if (r < 0.6) return ch.toLowerCase();
    const alike = CONFUSABLE[ch];
    if (r < 0.8 && alike !== undefined) return pick(alike);
    return ch;
  }).join("");
  /** @param {string} s */
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
  /** @param {string} s */
  const stringNear = (s) => pick([s, s, mutate(s), caseVariant(s), `${word()}${s}`, `${s}${word()}`, word()]);

  return { word, bmpWord, num, numberText, respell, caseVariant, mutate, stringNear };
}

/** @typedef {ReturnType<typeof makeValues>} Values */
