#!/usr/bin/env node
// Starts the test harness (the real Keycloak admin console on a local admin REST backend) from the command line.
// The harness is TypeScript; esbuild bundles its entry into .cache/harness/ first (Node 20 cannot run .ts).
//   node scripts/harness.mjs [--port=N] [--locale=de] [--console-version=26.7.4] [--build-only]
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, ".cache/harness/cli.mjs");
await build({
  entryPoints: [join(root, "test/harness/cli.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "error",
});
await import(pathToFileURL(outfile).href);
