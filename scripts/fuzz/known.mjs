// @ts-check
// Known deliberate differences from event-ruler. Each is generated like any other case; when
// the answers differ and the case has the shape named here, it is counted under that name
// instead of as a disagreement. The predicates are narrow, so every other answer in such a
// case is still checked. See docs/pattern-engine.md.
import { Num, dotted, isObject, toJson } from "./json-text.mjs";
import { RESERVED } from "./edges.mjs";
import { SURROGATE } from "./values.mjs";

/** @typedef {import("./json-text.mjs").Json} Json */
/** @typedef {import("./json-text.mjs").JsonObj} JsonObj */
/** @typedef {{ kind: string, detail: string }} Answer */
/** @typedef {{ focus: string, pattern: Json, event: Json, ours: Answer, oracle: Answer }} Judged */
/** @typedef {Map<string, Json[]>} SubRule */

const IP_TEXT = /^(?:[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*)$/u; // event-ruler's IPv4_REGEX / IPv6_REGEX
const CRASH = /out of bounds|cannot be cast|Cannot invoke|^null$/u; // an exception inside event-ruler, not a validation message
const WIDE = /[^\p{ASCII}]/u;

/**
 * Sub-rules as event-ruler's JsonRuleCompiler builds them: `$or` multiplied out, dotted path -> elements.
 * @param {JsonObj} node
 * @param {string[]} [prefix]
 * @param {SubRule[]} [rules]
 * @returns {SubRule[]}
 */
function subRules(node, prefix = [], rules = [new Map()]) {
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (key === "$or" && Array.isArray(child)) {
      /** @type {SubRule[]} */
      const before = rules;
      rules = child.flatMap((b) => (isObject(b) ? subRules(b, prefix, before.map((r) => new Map(r))) : []));
    } else if (Array.isArray(child)) for (const r of rules) r.set(dotted([...prefix, key]), child);
    else if (isObject(child)) rules = subRules(child, [...prefix, key], rules);
  }
  return rules;
}

/**
 * Event leaves as dotted path -> values (arrays are transparent, as in event-ruler).
 * @param {Json} node
 * @param {string[]} [prefix]
 * @param {Map<string, Json[]>} [out]
 * @returns {Map<string, Json[]>}
 */
function eventLeaves(node, prefix = [], out = new Map()) {
  if (Array.isArray(node)) node.forEach((e) => eventLeaves(e, prefix, out));
  else if (isObject(node)) for (const k of Object.keys(node)) eventLeaves(node[k] ?? null, [...prefix, k], out);
  else out.set(dotted(prefix), [...(out.get(dotted(prefix)) ?? []), node]);
  return out;
}

/**
 * @param {{ pattern: Json }} c
 * @returns {[string, Json[]][]}
 */
const elementsOf = (c) => (isObject(c.pattern) ? subRules(c.pattern).flatMap((r) => [...r]) : []);
/**
 * Per field, the elements of all sub-rules: event-ruler keeps them in one byte machine per field.
 * @param {{ pattern: Json }} c
 */
function byteMachines(c) {
  /** @type {Map<string, Json[]>} */
  const out = new Map();
  for (const [path, es] of elementsOf(c)) out.set(path, [...(out.get(path) ?? []), ...es]);
  return [...out];
}

/** event-ruler walks a number's digits through the IP (hex digit) ranges of its field: 12345678 "is" 18.52.86.120. */
/** @param {Judged} c */
function numberInIpField(c) {
  const leaves = eventLeaves(c.event);
  /** @param {Json} e */
  const isIp = (e) => (typeof e === "string" && IP_TEXT.test(e)) || (isObject(e) && "cidr" in e);
  return elementsOf(c).some(([path, es]) => es.some(isIp) && (leaves.get(path) ?? []).some((v) => v instanceof Num));
}

/** event-ruler case-folds UTF-16 units one at a time, so an astral character folds to "??". */
/** @param {Judged} c */
function astralCaseInsensitive(c) {
  /**
   * @param {Json} e
   * @returns {(Json | undefined)[]}
   */
  const operands = (e) => {
    if (!isObject(e)) return [];
    /** @param {Json | undefined} v */
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
/** @param {Judged} c */
function sharedSubRule(c) {
  if (!isObject(c.pattern)) return false;
  const rules = subRules(c.pattern);
  /** @param {SubRule} r @param {SubRule} q */
  const same = (r, q) => r.size === q.size && [...r].every(([path, es]) => es.some((e) => (q.get(path) ?? []).some((f) => toJson(e) === toJson(f))));
  return rules.some((r, i) => rules.slice(i + 1).some((q) => same(r, q)));
}

/**
 * event-ruler's byte machine goes wrong when one field has both a wildcard (or anything-but
 * wildcard) and a case-insensitive operand, in one value list or in two `$or` branches:
 * [{"wildcard": "*a"}, {"equals-ignore-case": "b"}] matches "c". A plain bug; we answer as each
 * operand alone would.
 */
/** @param {Judged} c */
function wildcardBesideCaseInsensitive(c) {
  /** @param {Json} e */
  const folds = (e) => isObject(e) && ("equals-ignore-case" in e || isObject(e.prefix) || isObject(e.suffix) || (isObject(e["anything-but"]) && "equals-ignore-case" in e["anything-but"]));
  /** @param {Json} e */
  const wild = (e) => isObject(e) && ("wildcard" in e || (isObject(e["anything-but"]) && "wildcard" in e["anything-but"]));
  return byteMachines(c).some(([, es]) => es.some(folds) && es.some(wild));
}

/**
 * Every string inside a pattern element: `{"prefix": {"equals-ignore-case": "x"}}` gives ["x"].
 * @param {Json} e
 * @returns {string[]}
 */
const texts = (e) => (typeof e === "string" ? [e] : Array.isArray(e) ? e.flatMap(texts) : isObject(e) ? Object.values(e).flatMap(texts) : []);

/**
 * event-ruler keeps numeric ranges in the same byte trie as strings, as digits 0-127; a non-ASCII
 * string (UTF-8 bytes >= 0x80, negative as Java bytes) beside a range with an upper bound breaks
 * the other strings of that field: ["ab", {"numeric": ["<", 0]}, {"prefix": "ü"}] does not match "ab".
 */
/** @param {Judged} c */
function numericBesideWideText(c) {
  /** @param {Json} e */
  const upperBounded = (e) => isObject(e) && Array.isArray(e.numeric) && (e.numeric.length === 4 || e.numeric[0] === "<" || e.numeric[0] === "<=");
  /** @param {Json} e */
  const wide = (e) => !(isObject(e) && "numeric" in e) && texts(e).some((t) => WIDE.test(t));
  return byteMachines(c).some(([, es]) => es.some(upperBounded) && es.some(wide));
}

/**
 * event-ruler: a wildcard beside a non-ASCII anything-but suffix in one field; the
 * anything-but then fails for values starting like its suffix: [{"wildcard": "*b"},
 * {"anything-but": {"suffix": "Ä"}}] does not match "Äσ".
 */
/** @param {Judged} c */
function wildcardBesideWideSuffix(c) {
  /** @param {Json} e */
  const wideSuffix = (e) => isObject(e) && isObject(e["anything-but"]) && texts(e["anything-but"].suffix ?? []).some((t) => WIDE.test(t));
  return byteMachines(c).some(([, es]) => es.some(wideSuffix) && es.some((e) => isObject(e) && "wildcard" in e));
}

/** event-ruler throws adding the same non-ASCII suffix equals-ignore-case twice (once per sub-rule). */
/** @param {Judged} c */
function repeatedWideSuffix(c) {
  if (c.oracle.kind !== "invalid" || !CRASH.test(c.oracle.detail)) return false;
  /** @type {Set<string>} */
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
/**
 * @param {Json} node
 * @param {boolean} [inOr]
 * @returns {boolean}
 */
function legacyOnly(node, inOr = false) {
  if (!isObject(node)) return false;
  return Object.keys(node).some((key) => {
    const child = node[key] ?? null;
    if (inOr && RESERVED.includes(key)) return true;
    if (key !== "$or") return legacyOnly(child, inOr);
    return !Array.isArray(child) || child.length < 2 || !child.every(isObject) || child.some((b) => legacyOnly(b, true));
  });
}

/** `{"anything-but": {"prefix": []}}`: event-ruler crashes on it alone but accepts it beside other values. */
/**
 * @param {Json} node
 * @returns {boolean}
 */
function emptyAnythingButList(node) {
  if (Array.isArray(node)) return node.some(emptyAnythingButList);
  if (!isObject(node)) return false;
  const inner = node["anything-but"];
  if (isObject(inner) && Object.values(inner).some((v) => Array.isArray(v) && v.length === 0)) return true;
  return Object.values(node).some(emptyAnythingButList);
}

/** @param {Judged} c */
const weReject = (c) => c.ours.kind === "invalid";
/** @type {readonly (readonly [string, (c: Judged) => boolean])[]} */
export const KNOWN = [
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

/**
 * "agree", the name of a known difference, or "disagree".
 * @param {Judged} c
 * @returns {string}
 */
export function verdict(c) {
  if (c.ours.kind === c.oracle.kind) return "agree";
  return KNOWN.find(([, explains]) => explains(c))?.[0] ?? "disagree";
}

