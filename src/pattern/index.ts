export { compilePattern, parsePattern, type CompiledPattern, type Conjunction, type FieldCondition } from "./compile.js";
export { InvalidPatternError, type PatternIssue } from "./issues.js";
export { formatPath, isJsonObject, type JsonObject, type JsonPath, type JsonValue } from "./json.js";
export { operators } from "./operators/registry.js";
