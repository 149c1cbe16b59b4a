import { statSync } from "node:fs";
import { defineConfig, mergeConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import base from "./vitest.config.js";

/**
 * Files that take tens of seconds (measured: the 1000-event noise bursts ~100 s, the hostile
 * corpus ~40 s, `serverless package` ~20 s). Stryker stops a mutant's run at its first failing
 * test, so running these last lets most mutants die in a cheap file first.
 */
const SLOW = ["test/pipeline/noise-control.test.ts", "test/hostile/", "test/deploy/serverless.test.ts", "test/explain/pattern.property.test.ts", "test/redrive/redrive.test.ts"];

const slowness = (file: string) => SLOW.findIndex((slow) => file.replaceAll("\\", "/").includes(slow));

/** Cheap files first (smallest first), the known-slow ones last in the order listed. */
class CheapFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (spec: TestSpecification) => {
      const slow = slowness(spec.moduleId);
      return slow === -1 ? statSync(spec.moduleId).size : 1e12 + slow;
    };
    return [...files].sort((a, b) => key(a) - key(b));
  }
}

/**
 * The suite as Stryker runs it (stryker.config.mjs): the same tests, cheap files first.
 * `npm run mutation -- --quick` narrows it to the areas' own test folders (comma-separated
 * globs in MUTATION_TEST_FILES); mergeConfig would append to `include`, so it is replaced.
 */
const config = mergeConfig(base, defineConfig({ test: { sequence: { sequencer: CheapFirst } } }));
const only = process.env["MUTATION_TEST_FILES"];
if (only !== undefined && only !== "") config.test = { ...config.test, include: only.split(",") };

export default config;
