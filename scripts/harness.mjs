#!/usr/bin/env node
// Starts the test harness (the real Keycloak admin console on a local admin REST backend) from the command line.
//   node scripts/harness.mjs [--port=N] [--locale=de] [--console-version=26.7.4] [--build-only]
import { runTypeScript } from "./run-ts.mjs";

await runTypeScript("test/harness/cli.ts");
