// @ts-check
// ESLint rules over src/'s import graph, type-only imports included:
//   trailwatch/no-import-cycle  no two files reach each other through imports;
//   trailwatch/import-layers    imports point down the layers (front ends -> pipeline -> ...).
//
// Why our own rule: eslint-plugin-import-x's `no-cycle` skips `import type` (and files that
// import only types), and the type cycles are the ones this code base had (policy/types <->
// noise/options, pattern/compile <-> pattern/match, replay/pool <-> replay/worker). A cycle of
// types still ties two files' meaning together, so it counts. The graph of src/ (~130 files)
// is read once per lint run with TypeScript's own import scanner.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** @type {Map<string, string[]>} */
const importsByFile = new Map();

/**
 * The project files `file` imports (relative specifiers resolved, `.js` -> `.ts`).
 * @param {string} file
 * @param {string} [text] the file's text when ESLint has it (possibly unsaved)
 * @returns {string[]}
 */
function importsOf(file, text) {
  const cached = text === undefined ? importsByFile.get(file) : undefined;
  if (cached !== undefined) return cached;
  let source = text;
  if (source === undefined) {
    try {
      source = readFileSync(file, "utf8");
    } catch {
      source = "";
    }
  }
  const out = [];
  for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
    const resolved = resolveImport(file, fileName);
    if (resolved !== undefined) out.push(resolved);
  }
  if (text === undefined) importsByFile.set(file, out);
  return out;
}

/**
 * @param {string} from
 * @param {string} spec
 * @returns {string | undefined}
 */
export function resolveImport(from, spec) {
  if (!spec.startsWith(".")) return undefined;
  const target = path.resolve(path.dirname(from), spec);
  const asTs = target.replace(/\.js$/, ".ts");
  if (asTs !== target && existsSync(asTs)) return asTs;
  return /\.(ts|js|mjs)$/.test(target) && existsSync(target) ? target : undefined;
}

/**
 * A path of imports from `start` back to `file`, if there is one (breadth first: the shortest).
 * @param {string} file
 * @param {string} start
 * @returns {string[] | undefined}
 */
function pathBack(file, start) {
  /** @type {Map<string, string | null>} */
  const parent = new Map([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = /** @type {string} */ (queue[i]);
    for (const next of importsOf(at)) {
      if (next === file) {
        const route = [at];
        for (let p = parent.get(at); p; p = parent.get(p)) route.unshift(p);
        return route;
      }
      if (!parent.has(next)) {
        parent.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/**
 * Every import of the file being linted, with its node for reporting.
 * @param {import("eslint").Rule.RuleContext} context
 * @param {(node: import("estree").Node, target: string, spec: string) => void} visit
 * @returns {import("eslint").Rule.RuleListener}
 */
function eachImport(context, visit) {
  const file = context.physicalFilename;
  /** @param {import("estree").Node} node @param {unknown} source */
  const check = (node, source) => {
    if (source === null || typeof source !== "object" || !("value" in source) || typeof source.value !== "string") return;
    const target = resolveImport(file, source.value);
    if (target !== undefined) visit(node, target, source.value);
  };
  return {
    ImportDeclaration: (node) => check(node, node.source),
    ExportNamedDeclaration: (node) => check(node, node.source),
    ExportAllDeclaration: (node) => check(node, node.source),
    ImportExpression: (node) => check(node, node.source),
  };
}

/** @type {import("eslint").Rule.RuleModule} */
const noImportCycle = {
  meta: {
    type: "problem",
    docs: { description: "No import cycles between files, type-only imports included" },
    schema: [{ type: "object", properties: { root: { type: "string" } }, additionalProperties: false }],
    messages: { cycle: "import cycle: {{route}} (type-only imports count too: move what both need into a file of its own)" },
  },
  create(context) {
    const file = context.physicalFilename;
    const root = path.resolve(context.cwd, /** @type {{ root?: string }} */ (context.options[0] ?? {}).root ?? "src");
    const rel = (/** @type {string} */ f) => path.relative(root, f);
    importsOf(file, context.sourceCode.text);
    /** @type {Set<string>} */
    const reported = new Set();
    return eachImport(context, (node, target) => {
      if (reported.has(target) || !target.startsWith(root + path.sep)) return;
      const route = target === file ? [] : pathBack(file, target);
      if (route === undefined) return;
      reported.add(target);
      context.report({ node, messageId: "cycle", data: { route: [file, ...route, file].map(rel).join(" -> ") } });
    });
  },
};

/** @type {import("eslint").Rule.RuleModule} */
const importLayers = {
  meta: {
    type: "problem",
    docs: { description: "Imports point down: a folder of src/ never imports a folder of a higher layer" },
    schema: [
      {
        type: "object",
        properties: { root: { type: "string" }, layers: { type: "array", items: { type: "array", items: { type: "string" } } } },
        required: ["layers"],
        additionalProperties: false,
      },
    ],
    messages: {
      upward: "{{from}}/ imports {{to}}/ ({{spec}}), a higher layer: imports point down ({{order}}); move what both need down, or pass it in",
      unknown: "{{folder}}/ is in no layer of trailwatch/import-layers (eslint.config.js): add it where it belongs",
    },
  },
  create(context) {
    const options = /** @type {{ root?: string; layers: string[][] }} */ (context.options[0]);
    const root = path.resolve(context.cwd, options.root ?? "src");
    const file = context.physicalFilename;
    /** @type {Map<string, number>} */
    const rank = new Map(options.layers.flatMap((folders, i) => folders.map((f) => [f, i])));
    const folderOf = (/** @type {string} */ f) => {
      const parts = path.relative(root, f).split(path.sep);
      return parts.length > 1 ? /** @type {string} */ (parts[0]) : ".";
    };
    const order = options.layers.map((l) => l.join(", ")).join(" -> ");
    const from = folderOf(file);
    if (!file.startsWith(root + path.sep)) return {};
    if (!rank.has(from)) {
      return { Program: (node) => context.report({ node, messageId: "unknown", data: { folder: from } }) };
    }
    return eachImport(context, (node, target, spec) => {
      if (!target.startsWith(root + path.sep)) return;
      const to = folderOf(target);
      const a = rank.get(from);
      const b = rank.get(to);
      if (a !== undefined && b !== undefined && b < a) context.report({ node, messageId: "upward", data: { from, to, spec, order } });
    });
  },
};

export const importGraph = { rules: { "no-import-cycle": noImportCycle, "import-layers": importLayers } };
