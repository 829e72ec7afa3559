// Mutation testing of src/core (`npm run mutation`, not part of `npm test`): how much of the core the unit tests
// would notice if it were wrong. scripts/mutation.mjs runs it and prints the score per folder for the README.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["src/core/**/*.ts", "!src/core/**/*.d.ts"],
  coverageAnalysis: "perTest",
  reporters: ["clear-text", "json", "progress"],
  jsonReporter: { fileName: ".cache/mutation/report.json" },
  tempDirName: ".cache/stryker-tmp",
  concurrency: 2,
  // Over the baseline time of the covering tests: a mutant that loops is given up on after this (it counts as killed).
  timeoutMS: 8_000,
  thresholds: { high: 85, low: 75, break: null },
  ignoreStatic: true,
  // Reruns test only the mutants whose code or covering tests changed since the last run (the rest keep their status).
  incremental: true,
  incrementalFile: ".cache/mutation/incremental.json",
  // The project's TypeScript (7, native) has no parseConfigFileTextToJson for Stryker's tsconfig rewrite; the sandbox needs
  // none (vitest compiles with esbuild), so point it at a file that does not exist.
  tsconfigFile: "tsconfig.none.json",
  // The sandbox copies the project without caches and builds (the unit tests use the cached python3-saml through
  // SAML_LENS_PYTHON, set by scripts/mutation.mjs).
  ignorePatterns: [".cache", "dist", "artifacts", "docs", "bench", "test/e2e", "test/keycloak", "test/harness/console"],
};
