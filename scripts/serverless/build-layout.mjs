// @ts-check
// Where serverless-esbuild writes the bundle, and with which extension. The bundle is ES
// modules: Lambda gets `.mjs`, which is ESM with no package.json in the zip. But
// `serverless invoke local` (osls 4.3, lib/plugins/aws/invoke-local/index.js, loadModule)
// require()s the handler path trying only `.js` and `.cjs`, never `.mjs`; so for that one
// command the bundle is `.js` (ESM through this repository's package.json "type": "module"),
// built into its own folder: invoke local leaves its build behind, and a stray `alert.js`
// beside `alert.mjs` in the zip would be the file Lambda loads (it tries `.js` first).
import { commandOf } from "./command.mjs";

export function handlerExtension() {
  return commandOf() === "invoke local" ? ".js" : ".mjs";
}

export function buildFolder() {
  return commandOf() === "invoke local" ? ".build-invoke-local" : ".build";
}
