// The unit tests alone, for Stryker (`npm run mutation`): the browser and Keycloak projects play no part in judging
// mutants of src/core, and would take hours per run.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"],
    environment: "node",
    testTimeout: 30_000,
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
});
