import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/unit/**/*.test.tsx"],
          sequence: { groupOrder: 0 },
          environment: "node",
          testTimeout: 30_000,
        },
        esbuild: { jsx: "automatic", jsxImportSource: "preact" },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          // Run together with `keycloak` (npm test), the browser tests go first while its servers start. (A project
          // without file parallelism left at group 0 would run last, after every numbered group.)
          sequence: { groupOrder: 1 },
          globalSetup: ["test/e2e/global-setup.ts"],
          environment: "node",
          // expect.poll's own 1 s is too short for a browser on a loaded 2-core machine.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A failed test runs once more: a loaded 2-core CI machine can miss a wait a quiet one makes. `npm test` names
          // every test that passed only on its retry, with the first attempt's error (scripts/flaky-reporter.mjs).
          retry: 1,
        },
      },
      {
        test: {
          name: "keycloak",
          include: ["test/keycloak/**/*.test.ts"],
          sequence: { groupOrder: 2 },
          globalSetup: ["test/e2e/global-setup.ts", "test/keycloak/global-setup.ts"],
          environment: "node",
          // expect.poll's own 1 s is too short for a browser on a loaded 2-core machine.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // As for e2e: one retry, named by `npm test` when it was needed.
          retry: 1,
        },
      },
    ],
  },
});
