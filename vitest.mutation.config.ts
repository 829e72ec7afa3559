// The unit tests alone, for Stryker (`npm run mutation`): the browser and Keycloak projects play no part in judging
// mutants of src/core, and would take hours per run.
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The tests of the rules and client checks first: they are the ones that fail on a mutant of that code, and Stryker
 * stops a run at the first failure, so a killed mutant costs one small file instead of every file that calls analyze.
 */
class RuleTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (/\/test\/unit\/core\/(rules|client-check)\//.test(file.moduleId) ? 0 : 1);
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"],
    // Left out, each for what it judges (they stay in `npm test`): the build's own tests bundle and package the
    // extension; the built CLI runs dist/, not the mutated sources; the random and large-input fuzzers judge
    // robustness (no crash, bounded time) over every rule at once, and at 5–8 s a run they would take each mutant of
    // every rule from ~2 s to ~15 s.
    exclude: ["test/unit/build/**", "test/unit/cli/built-cli.test.ts", "test/unit/fuzz/fuzz.test.ts", "test/unit/fuzz/large-input.test.ts"],
    environment: "node",
    // One module graph for all test files: each mutant run re-imports nothing, which halves its time. The unit tests
    // keep no state between files (no mocks, no globals), and Stryker switches mutants at call time, not import time.
    isolate: false,
    sequence: { sequencer: RuleTestsFirst },
    testTimeout: 30_000,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
});
