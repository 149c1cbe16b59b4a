export { compilePattern, parsePattern } from "./compile.js";
export type { CompiledPattern, Conjunction, FieldCondition } from "./types.js";
export { InvalidPatternError, type PatternIssue } from "./issues.js";
export { formatPath, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "./json.js";
export { operators } from "./operators/registry.js";
