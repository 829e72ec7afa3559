// The unit tests alone, for Stryker (`npm run mutation`): the browser and Keycloak projects play no part in judging
// mutants of src/core, and would take hours per run.
import { defineConfig } from "vitest/config";

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
    testTimeout: 30_000,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
});
