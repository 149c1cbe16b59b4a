// @ts-check
// The fuzzer's randomness: fast-check, seeded. Leaf values come from named arbitraries
// (values.mjs, ip.mjs); the structure of a case (which paths, which operators, how an event
// nests them) is drawn step by step from `fc.gen()`, which fast-check seeds and replays, so
// one seed gives one corpus.
import fc from "fast-check";

/**
 * @typedef {object} Draw
 * @property {() => number} next a float in [0, 1)
 * @property {(lo: number, hi: number) => number} int an integer in [lo, hi]
 * @property {<T>(list: readonly T[]) => T} pick
 * @property {(p: number) => boolean} chance
 * @property {<T>(n: number, make: () => T) => T[]} some
 * @property {<T>(arb: fc.Arbitrary<T>) => T} from one value of an arbitrary
 */

// Unbiased: fast-check's default bias toward small and extreme integers would skew every pick.
const UNIT = fc.noBias(fc.integer({ min: 0, max: 2 ** 31 - 1 })).map((n) => n / 2 ** 31);

/**
 * @param {fc.GeneratorValue} g
 * @returns {Draw}
 */
export function drawFrom(g) {
  /** @type {<T>(arb: fc.Arbitrary<T>) => T} */
  const from = (arb) => g(() => arb);
  const next = () => from(UNIT);
  /** @param {number} lo @param {number} hi */
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  /**
   * @template T
   * @param {readonly T[]} list
   * @returns {T}
   */
  function pick(list) {
    return /** @type {T} */ (list[Math.floor(next() * list.length)]);
  }
  return {
    next,
    int,
    pick,
    chance: (p) => next() < p,
    some: (n, make) => Array.from({ length: n }, make),
    from,
  };
}

/**
 * `count` values made by `make` from one seeded stream of draws.
 * @template T
 * @param {number} seed
 * @param {number} count
 * @param {(draw: Draw) => T} make
 * @returns {T[]}
 */
export function sampleCases(seed, count, make) {
  return fc.sample(fc.gen(), { seed, numRuns: count }).map((g) => make(drawFrom(g)));
}
