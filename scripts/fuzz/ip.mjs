// @ts-check
// IP addresses and CIDR blocks as event-ruler reads them: inside a block, at its edges, just
// outside, in the other family, or oddly spelt. The block arithmetic and address parsing are
// src/pattern/ip.ts's own (`cidrBounds`, `ipToBytes`), passed in from the built engine.
import fc from "fast-check";

/** @typedef {import("./draw.mjs").Draw} Draw */
/** @typedef {{ bottom: number[], top: number[] }} Block */
/**
 * @typedef {object} IpEngine what the fuzzer takes from src/pattern/ip.ts
 * @property {(bytes: readonly number[], mask: number) => Block} cidrBounds
 * @property {(text: string) => number[] | undefined} ipToBytes
 */

const BYTE = fc.integer({ min: 0, max: 255 });
const V4_POOL = [[10, 0, 0, 0], [10, 0, 0, 1], [10, 255, 255, 255], [192, 168, 1, 1], [0, 0, 0, 0], [255, 255, 255, 255], [172, 16, 0, 9], [32, 1, 13, 184], [18, 52, 86, 120]];
const V6_POOL = ["2001:db8::", "::", "::1", "fe80::1", "2400:6500:ff00::36fb:1f80", "2600:9000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "a00:1::", "::a00:1"];
const ODDITIES = ["1.2.3.256", "1.2.3", "1.2.3.4.5", "0010.0000.0000.1", "0000000001.2.3.4", "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3",
  "00001::", "12345::", ":", ":::", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "g::1", "10.0.0.1 ", " 10.0.0.1", "10.0.0.01", "010.0.0.1", "0:0:0:0:0:ffff:a00:1"];

/**
 * @param {Draw} rnd
 * @param {IpEngine} engine
 */
export function makeIp(rnd, engine) {
  const { pick, chance } = rnd;
  /** @type {fc.Arbitrary<number[]>} */
  const V4 = fc.noBias(fc.oneof(fc.constantFrom(...V4_POOL).map((b) => [...b]), fc.array(BYTE, { minLength: 4, maxLength: 4 })));
  /** @type {fc.Arbitrary<number[]>} */
  const V6 = fc.noBias(fc.oneof(
    fc.constantFrom(...V6_POOL).map((text) => engine.ipToBytes(text) ?? []),
    fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: BYTE }), { minLength: 16, maxLength: 16 }),
  ));
  const v4 = () => rnd.from(V4);
  const v6 = () => rnd.from(V6);

  /** @param {readonly number[]} bytes */
  function formatV4(bytes) {
    const style = rnd.next();
    return bytes.map((b) => (style < 0.15 ? String(b).padStart(3, "0") : style < 0.25 && chance(0.5) ? `0${b}` : String(b))).join(".");
  }
  /** @param {readonly number[]} bytes */
  function formatV6(bytes) {
    /** @type {number[]} */
    const groups = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    const pad = rnd.next();
    let hex = groups.map((g) => g.toString(16)).map((g) => (pad < 0.1 ? g.padStart(4, "0") : pad < 0.15 ? g.padStart(5, "0") : g));
    if (chance(0.3)) hex = hex.map((g) => g.toUpperCase());
    if (chance(0.6)) {
      let best = -1;
      let len = 0;
      for (let i = 0; i < 8; i++) {
        let j = i;
        while (j < 8 && groups[j] === 0) j++;
        if (j - i > len) {
          best = i;
          len = j - i;
        }
      }
      if (len >= 1) return `${hex.slice(0, best).join(":")}::${hex.slice(best + len).join(":")}`;
    }
    return hex.join(":");
  }
  /**
   * IPv4 written as IPv4-mapped IPv6 (hex groups only: event-ruler's IP regex has no dots).
   * @param {readonly number[]} b
   */
  const mapped = (b) => formatV6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...b]);
  /** @param {readonly number[]} bytes */
  const text = (bytes) => (bytes.length === 4 ? (chance(0.15) ? mapped(bytes) : formatV4(bytes)) : formatV6(bytes));

  /**
   * @param {readonly number[]} bytes
   * @param {number} delta
   */
  const step = (bytes, delta) => {
    const out = [...bytes];
    for (let i = out.length - 1; i >= 0; i--) {
      const v = (out[i] ?? 0) + delta;
      out[i] = (v + 256) % 256;
      if (v >= 0 && v <= 255) break;
    }
    return out;
  };

  /**
   * An address near the block: inside, at its edges, just outside, the other family, or oddly spelt.
   * @param {Block} block
   */
  function near(block) {
    const { bottom, top } = block;
    const r = rnd.next();
    if (r < 0.25) return text(bottom.map((b, i) => b + Math.floor(rnd.next() * ((top[i] ?? b) - b + 1))));
    if (r < 0.4) return text(pick([bottom, top]));
    if (r < 0.55) return text(chance(0.5) ? step(bottom, -1) : step(top, 1));
    if (r < 0.75) return text(bottom.length === 4 ? v6() : v4());
    if (r < 0.85) return pick(ODDITIES);
    return text(chance(0.5) ? v4() : v6());
  }
  return { v4, v6, text, range: engine.cidrBounds, near };
}

/** @typedef {ReturnType<typeof makeIp>} Ip */
