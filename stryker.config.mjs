// Mutation testing of the code where a bug loses or garbles an alert (issue #19).
// Not part of CI: `npm run mutation [-- area ...]` (scripts/mutation.mjs) runs each area
// below in turn and prints its score; the figures go in closing notes, like a benchmark.

/** Each area is scored on its own; the goal is >= 90% for every one (docs/testing.md). */
export const areas = {
  // The matcher, operators and IP parsing; source.ts is explain's reading of a pattern, not the alert path.
  pattern: ["src/pattern/**/*.ts", "!src/pattern/source.ts"],
  noise: ["src/pipeline/noise-gate.ts", "src/pipeline/throttle-window.ts", "src/pipeline/noise-session.ts", "src/pipeline/noise-keys.ts", "src/pipeline/throttle-summary.ts", "src/pipeline/summary-flush.ts", "src/policy/noise-options.ts", "src/state/store.ts"],
  truncate: ["src/text/truncate.ts"],
  routing: ["src/routing/router.ts"],
  template: ["src/alert/template.ts", "src/text/sanitise.ts", "src/alert/render/escape.ts"],
};

/**
 * `npm run mutation -- --quick <area>` runs only these test files (vitest's `include`, see
 * scripts/mutation.mjs): the folders that exercise each area. Fewer tests can only kill fewer
 * mutants, so a quick score is a lower bound of the whole-suite score; the default is the whole suite.
 */
export const areaTests = {
  pattern: ["test/pattern/**/*.test.ts"],
  noise: ["test/pipeline/**/*.test.ts", "test/state/**/*.test.ts", "test/handler/faults/**/*.test.ts"],
  truncate: ["test/text/**/*.test.ts", "test/alert/**/*.test.ts"],
  routing: ["test/routing/**/*.test.ts"],
  template: ["test/alert/**/*.test.ts", "test/text/**/*.test.ts"],
};

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  // Each mutant runs only the tests that reached it in the dry run: the whole suite, not a sample.
  coverageAnalysis: "perTest",
  concurrency: 2,
  mutate: Object.values(areas).flat(),
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  // The 1000-event noise bursts take tens of seconds each; a slower mutant is not a hang.
  timeoutMS: 60_000,
  // The dry run is the whole suite with coverage: ~6 min on 2 busy cores (Stryker's default allows 5).
  dryRunTimeoutMinutes: 30,
  cleanTempDir: "always",
};
