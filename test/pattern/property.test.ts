import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePattern, parsePattern } from "../../src/pattern/index.js";

// ----------------------------------------------------------------------------------------------
// A reference interpretation, written to be obviously right for a restricted world:
// - event arrays hold only primitives (or arrays of primitives), never objects, so no two pattern
//   fields can reach into one array and array consistency never applies;
// - `$or` branches use other keys than the fields beside them;
// - strings come from "abAB-*" (no quotes, digits or colons: nothing that is an IP address, and
//   case folding is plain ASCII);
// - numbers stay well inside a double's range.

type Primitive = string | number | boolean | null;
type Element = Primitive | Record<string, unknown>;
type Pattern = { [key: string]: Element[] | Pattern | Pattern[] };

const text = fc.string({ unit: fc.constantFrom("a", "b", "A", "B", "-", "*"), maxLength: 4 });
const number = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, 0.5, -1.5, 1e21, 1e-7), fc.double({ min: -1e300, max: 1e300, noNaN: true }));
const primitive: fc.Arbitrary<Primitive> = fc.oneof(text, number, fc.boolean(), fc.constant(null));

const wildcardText = fc
  .array(fc.string({ unit: fc.constantFrom("a", "b", "\\*"), minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .chain((pieces) => fc.tuple(fc.boolean(), fc.boolean()).map(([lead, trail]) => `${lead ? "*" : ""}${pieces.join("*")}${trail ? "*" : ""}`));

const numericOperand = fc.oneof(
  fc.tuple(fc.constantFrom("=", "<", "<=", ">", ">="), number).map(([op, n]) => [op, n]),
  fc.tuple(fc.constantFrom(">", ">="), number, fc.constantFrom("<", "<="), number)
    .filter(([, low, , high]) => low < high)
    .map(([a, low, b, high]) => [a, low, b, high]),
);

const element: fc.Arbitrary<Element> = fc.oneof(
  primitive,
  text.map((s) => ({ prefix: s })),
  text.map((s) => ({ suffix: s })),
  text.map((s) => ({ prefix: { "equals-ignore-case": s } })),
  text.map((s) => ({ suffix: { "equals-ignore-case": s } })),
  text.map((s) => ({ "equals-ignore-case": s })),
  fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 }), number, fc.array(number, { minLength: 1, maxLength: 3 })).map((v) => ({ "anything-but": v })),
  numericOperand.map((operand) => ({ numeric: operand })),
  fc.boolean().map((exists) => ({ exists })),
  wildcardText.map((wildcard) => ({ wildcard })),
);

const values = fc.array(element, { minLength: 1, maxLength: 3 });
const valuesOrNested = fc.oneof({ arbitrary: values, weight: 3 }, { arbitrary: fc.dictionary(fc.constantFrom("x", "y"), values, { minKeys: 1, maxKeys: 2 }), weight: 1 });
const fields = (keys: string[]) =>
  fc.dictionary(fc.constantFrom(...keys), valuesOrNested, { minKeys: 1, maxKeys: 2 });
const pattern: fc.Arbitrary<Pattern> = fc
  .tuple(fields(["a", "b", "n"]), fc.option(fc.array(fields(["c", "d"]), { minLength: 2, maxLength: 3 }), { freq: 3, nil: undefined }))
  .map(([outer, or]) => (or === undefined ? outer : { ...outer, $or: or }) as Pattern);

/** Events built mostly from the pattern's own operands (and case variants), so both answers occur. */
function literals(v: unknown): Primitive[] {
  if (Array.isArray(v)) return v.flatMap(literals);
  if (typeof v === "object" && v !== null) return Object.values(v).flatMap(literals);
  if (typeof v === "string") return [v, v.toUpperCase(), v.toLowerCase(), v.replaceAll("\\*", "*"), `${v}a`];
  return typeof v === "number" ? [v, v + 1, v - 1] : [];
}
const eventFor = (p: Pattern) => {
  const near = fc.oneof({ arbitrary: fc.constantFrom(...literals(p), "a"), weight: 3 }, { arbitrary: primitive, weight: 1 });
  const leaf = fc.oneof({ arbitrary: near, weight: 4 }, fc.array(near, { maxLength: 3 }), fc.array(fc.array(near, { maxLength: 2 }), { maxLength: 2 }), fc.constant({}));
  const present = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { freq: 6, nil: undefined });
  const node = fc.oneof({ arbitrary: leaf, weight: 6 }, { arbitrary: fc.record({ x: present(leaf), y: present(leaf) }), weight: 1 });
  const withoutAbsent = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  const nested = fc.oneof({ arbitrary: node, weight: 1 }, { arbitrary: fc.record({ x: present(leaf), y: present(leaf) }), weight: 4 });
  return fc.record({ a: present(node), b: present(node), c: present(node), d: present(node), n: present(nested), o: present(node) }).map(withoutAbsent);
};
const scenario = pattern.chain((p) => eventFor(p).map((e) => [p, e as Record<string, unknown>] as const));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function leaves(value: unknown): Primitive[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  return isRecord(value) || value === undefined ? [] : [value as Primitive];
}

function wildcardMatches(source: string, value: string): boolean {
  const pieces = source.split(/(?<!\\)\*/u).map((p) => p.replaceAll("\\*", "*").replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
  return new RegExp(`^${pieces.join(".*")}$`, "su").test(value);
}

function test(e: Element, v: Primitive): boolean {
  if (!isRecord(e)) return v === e;
  const [op, operand] = Object.entries(e)[0] as [string, unknown];
  const s = typeof v === "string" ? v : undefined;
  switch (op) {
    case "prefix":
    case "suffix": {
      const caseless = isRecord(operand);
      const affix = caseless ? String(operand["equals-ignore-case"]) : String(operand);
      if (s === undefined) return false;
      const subject = caseless ? s.toLowerCase() : s;
      const wanted = caseless ? affix.toLowerCase() : affix;
      return op === "prefix" ? subject.startsWith(wanted) : subject.endsWith(wanted);
    }
    case "equals-ignore-case": return s !== undefined && s.toLowerCase() === String(operand).toLowerCase();
    case "anything-but": {
      const excluded = Array.isArray(operand) ? operand : [operand];
      return typeof v !== typeof excluded[0] || !excluded.includes(v);
    }
    case "numeric": {
      if (typeof v !== "number") return false;
      const [a, x, b, y] = operand as [string, number, string?, number?];
      const cmp = (o: string, n: number) => ({ "=": v === n, "<": v < n, "<=": v <= n, ">": v > n, ">=": v >= n })[o] ?? false;
      return cmp(a, x) && (b === undefined || cmp(b, y as number));
    }
    case "exists": return operand === true;
    case "wildcard": return s !== undefined && wildcardMatches(String(operand), s);
    default: throw new Error(`reference does not know ${op}`);
  }
}

function fieldMatches(elements: Element[], value: unknown): boolean {
  const found = leaves(value);
  const absentOk = elements.some((e) => isRecord(e) && e.exists === false);
  return found.some((v) => elements.some((e) => test(e, v))) || (absentOk && found.length === 0);
}

function reference(p: Pattern, e: Record<string, unknown>): boolean {
  return Object.entries(p).every(([key, spec]) => {
    if (key === "$or") return (spec as Pattern[]).some((branch) => reference(branch, e));
    if (Array.isArray(spec)) return fieldMatches(spec as Element[], e[key]);
    const child = isRecord(e[key]) ? (e[key] as Record<string, unknown>) : {};
    return reference(spec, child);
  });
}

describe("the matcher agrees with a reference interpretation", () => {
  it("on random patterns and events (no arrays of objects)", () => {
    fc.assert(
      fc.property(scenario, ([p, e]) => {
        const { pattern: compiled, issues } = parsePattern(p);
        expect(issues).toEqual([]);
        expect(compiled?.matches(e)).toBe(reference(p, e));
      }),
      { numRuns: 3000 },
    );
  });
});

// ----------------------------------------------------------------------------------------------
// Robustness: compiling arbitrary JSON returns issues instead of throwing, and matching arbitrary
// JSON never throws or writes to Object.prototype, whatever the keys.

const key = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "a", "$or", "prefix", "numeric", "exists", "anything-but", "cidr", "wildcard"),
  fc.string({ maxLength: 3 }),
);
const { json } = fc.letrec<{ json: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  json: fc.oneof({ depthSize: "small" }, fc.string({ maxLength: 5 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("json"), { maxLength: 4 }),
  // Object.fromEntries defines "__proto__" as an own key, as JSON.parse does.
  object: fc.array(fc.tuple(key, tie("json")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
}));
const operatorLike = fc.tuple(key, json).map(([k, v]) => Object.fromEntries([[k, v]]));
const patternLike = fc.array(fc.tuple(key, fc.oneof(json, fc.array(fc.oneof(json, operatorLike), { maxLength: 3 }))), { maxLength: 4 })
  .map((entries) => Object.fromEntries(entries));

// Written as JSON text: in a JS object literal `__proto__: ...` would set the prototype instead.
const PATTERNS = [
  '{"__proto__": {"x": [{"exists": true}]}, "constructor": [{"exists": false}]}',
  '{"a": {"toString": [{"prefix": ""}]}, "$or": [{"prototype": [{"numeric": [">", 0]}]}, {"b": [{"anything-but": ["x"]}]}]}',
  '{"a": [{"cidr": "10.0.0.0/8"}, "10.0.0.1", {"wildcard": "*a*"}, {"suffix": {"equals-ignore-case": "ß"}}]}',
  '{"a": {"x": [{"exists": false}], "y": [{"equals-ignore-case": "İ"}]}, "hasOwnProperty": [null, true, 5]}',
].map((source) => compilePattern(JSON.parse(source)));

describe("robustness", () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it("compiling arbitrary JSON never throws: it returns issues or a pattern", () => {
    fc.assert(
      fc.property(fc.oneof(json, patternLike), (source) => {
        const { pattern: compiled, issues } = parsePattern(source);
        expect(compiled === undefined).toBe(issues.length > 0);
        compiled?.matches(source);
      }),
      { numRuns: 3000 },
    );
  });

  it("matching arbitrary JSON events never throws and returns a boolean", () => {
    fc.assert(
      fc.property(json, (e) => {
        for (const p of PATTERNS) expect(typeof p.matches(e)).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves Object.prototype alone", () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const own = PATTERNS[0];
    expect(own?.matches(JSON.parse('{"__proto__": {"x": 1}}'))).toBe(true);
    expect(own?.matches(JSON.parse('{"__proto__": {"x": 1}, "constructor": "y"}'))).toBe(false);
    // Inherited properties are not event fields: {} has no "__proto__.x" and no "constructor".
    expect(own?.matches({})).toBe(false);
    expect(compilePattern({ constructor: [{ exists: false }] }).matches({})).toBe(true);
  });
});
