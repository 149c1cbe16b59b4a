import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importGraph } from "./scripts/lint/import-graph.mjs";

/**
 * The layers of src/, highest first: a folder imports only folders of its own layer or lower
 * (front ends -> pipeline -> policy/alert/outputs -> pattern/record/text). "." is a file
 * directly in src/. A new folder must be placed here (the rule says so).
 */
const LAYERS = [
  ["cli", "handler"],
  ["replay", "hunt", "explain", "lint", "redrive", "interact"],
  ["pipeline"],
  ["deploy", "routing", "outputs", "state", "silence", "slack-thread"],
  ["policy"],
  ["alert"],
  ["pattern", "record", "text", "input"],
  ["."],
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".serverless/", ".esbuild/", "coverage/", "bench-data/", "reports/", ".stryker-tmp/", "tools/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    plugins: { trailwatch: importGraph },
    rules: {
      "trailwatch/no-import-cycle": ["error", { root: "src" }],
      "trailwatch/import-layers": ["error", { root: "src", layers: LAYERS }],
      // Small files, one idea each (STYLE.md): a file past 300 lines holds two ideas.
      "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }],
    },
  },
);
