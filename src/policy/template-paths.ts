import type { JsonPath } from "../pattern/json.js";
import { templatePaths, type Template } from "../alert/template.js";
import { recordPathProblem } from "./record-paths.js";
import type { Reporter } from "./yaml-source.js";

/** Errors for template holes that can never have a value (`{{actor.nmae}}`, `{{requestParameter.x}}`). */
export function checkTemplatePaths(template: Template, path: JsonPath, source: Reporter): boolean {
  let ok = true;
  for (const hole of templatePaths(template)) {
    const problem = recordPathProblem(hole.path);
    if (problem === undefined) continue;
    source.error(path, `{{${hole.source}}}: ${problem}`);
    ok = false;
  }
  return ok;
}
