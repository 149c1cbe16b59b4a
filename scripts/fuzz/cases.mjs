// @ts-check
// One case: a focus (an operator, `$or`, array consistency or edge syntax), a pattern and an
// event holding values near the pattern's operands at its paths (single, in arrays, in arrays
// of objects, wrong types, missing).
import { dotted, isObject, isPrefix, obj } from "./json-text.mjs";
import { EDGE_ELEMENTS, EDGE_FIELDS, RESERVED } from "./edges.mjs";
import { makeIp } from "./ip.mjs";
import { ELEMENT_OPS, makeOperators } from "./operators.mjs";
import { makeValues } from "./values.mjs";

/** @typedef {import("./json-text.mjs").Json} Json */
/** @typedef {import("./json-text.mjs").JsonObj} JsonObj */
/** @typedef {{ path: string[], near: (() => Json)[] }} Field */
/** @typedef {{ focus: string, pattern: Json, event: JsonObj }} Case */

// Keys overlap on purpose ("a.x" and "a.y" under one array of objects) to exercise array
// consistency; "constructor" checks we never read inherited properties. No key holds a "." (see docs).
const PATHS = [["a"], ["b"], ["c"], ["a-b"], ["B"], ["constructor"], ["a", "x"], ["a", "y"], ["b", "x"], ["b", "y"], ["a", "x", "z"], ["a", "y", "z"], ["c", "x", "y"]];
const NOISE_KEYS = ["n", "__proto__", "constructor", "toString", "m"];
const FOCI = [...ELEMENT_OPS, "$or", "array-consistency", "edge-syntax", "edge-syntax", "edge-syntax", "reserved-names", "oracle-only"];

/**
 * @param {JsonObj} target
 * @param {readonly string[]} path
 * @param {Json} value
 */
function setPath(target, path, value) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node = isObject(child) ? child : (node[key] = obj());
  }
  node[path.at(-1) ?? ""] = value;
}

/**
 * One case from one case's draws.
 * @param {import("./draw.mjs").Draw} rnd
 * @param {import("./ip.mjs").IpEngine} ipEngine
 * @returns {Case}
 */
export function makeCase(rnd, ipEngine) {
  const { int, pick, chance, some } = rnd;
  const g = makeValues(rnd);
  const ops = makeOperators(rnd, g, makeIp(rnd, ipEngine));

  /** @param {string} [focus] */
  function values(focus) {
    const first = ops.element(focus ?? pick(ELEMENT_OPS));
    const rest = chance(0.3) ? some(int(1, 2), () => ops.element(pick(ELEMENT_OPS))) : [];
    return [first, ...rest];
  }

  /**
   * Fields for one object level of the pattern: prefix-free paths unused by enclosing levels.
   * @param {number} count
   * @param {Set<string>} used
   * @param {readonly string[]} under
   */
  function choosePaths(count, used, under) {
    /** @type {string[][]} */
    const chosen = [];
    for (let tries = 0; chosen.length < count && tries < 40; tries++) {
      const p = pick(PATHS);
      if (!isPrefix(under, p) || p.length === under.length || used.has(dotted(p))) continue;
      if (chosen.some((q) => isPrefix(p, q) || isPrefix(q, p))) continue;
      chosen.push(p);
    }
    return chosen;
  }

  /**
   * One object level: fields, maybe an `$or` whose branches use paths no enclosing level uses
   * (a path both outside and inside an `$or` is a known difference: event-ruler keeps the last).
   * @param {Set<string>} used
   * @param {readonly string[]} under
   * @param {string | undefined} focus
   * @param {number} depth
   * @param {boolean} forceOr
   * @param {Field[]} fields
   * @returns {JsonObj}
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
      /** @type {Set<string>} */
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

  /**
   * An event holding (or not) values at the pattern's paths.
   * @param {readonly Field[]} fields
   */
  function event(fields) {
    /**
     * @param {readonly Field[]} specs
     * @param {number} depth
     * @returns {JsonObj}
     */
    const build = (specs, depth) => {
      const out = obj();
      const keys = [...new Set(specs.map((s) => s.path[depth] ?? ""))];
      for (const key of keys) {
        if (chance(0.12)) continue;
        const here = specs.filter((s) => s.path[depth] === key);
        const leaves = here.filter((s) => s.path.length === depth + 1);
        const deeper = here.filter((s) => s.path.length > depth + 1);
        const leafValue = () => pick(pick(leaves).near)();
        const objectValue = () => build(deeper, depth + 1);
        /** @type {Json} */
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

  /** @param {string} focus */
  function validCase(focus) {
    /** @type {{ used: Set<string>, fields: Field[] }} */
    const ctx = { used: new Set(), fields: [] };
    const pattern = level(ctx.used, [], ELEMENT_OPS.includes(focus) ? focus : undefined, 0, focus === "$or", ctx.fields);
    if (focus === "array-consistency") {
      // Two fields under one array of objects: their values must come from the same element.
      const pair = pick([[["a", "x"], ["a", "y"]], [["a", "x", "z"], ["a", "y", "z"]], [["b", "x"], ["b", "y"]]]);
      for (const path of pair) {
        if (ctx.used.has(dotted(path)) || [...ctx.used].some((u) => isPrefix(u.split("."), path) || isPrefix(path, u.split(".")))) continue;
        const vs = values(pick(["exact-string", "exists", "prefix", "numeric", "anything-but"]));
        setPath(pattern, path, vs.map((v) => v.element));
        ctx.fields.push({ path, near: vs.map((v) => v.near) });
        ctx.used.add(dotted(path));
      }
    }
    return { pattern, event: event(ctx.fields) };
  }

  /**
   * @param {string} focus
   * @returns {{ pattern: Json, event: JsonObj }}
   */
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
      const current = pattern[first];
      pattern[first] = [...(chance(0.5) && Array.isArray(current) ? current : []), pick(EDGE_ELEMENTS)];
    } else if (r < 0.85) {
      pattern[pick(["a", "b", "zz"])] = pick(EDGE_FIELDS);
    } else {
      return { pattern: pick([[], "x", obj(), obj([["$or", obj([["a", ["x"]]])]]), obj([["$or", [obj([["a", ["x"]]])]]]),
        obj([["$or", [obj([["a", ["x"]]]), "x"]]]), obj([["$or", [obj(), obj([["a", ["x"]]])]]]), obj([["$or", []]]), obj([["a", obj([["$or", [obj([["x", ["1"]]])]]])]])]), event: ev };
    }
    return { pattern, event: ev };
  }

  const focus = pick(FOCI);
  const { pattern, event: ev } = focus.startsWith("edge") || focus === "reserved-names" || focus === "oracle-only" ? edgeCase(focus) : validCase(focus);
  return { focus, pattern, event: ev };
}
