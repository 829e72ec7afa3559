#!/usr/bin/env node
// `npm start [-- --firefox] [-- --locale=de]`: builds the extension in watch mode (test build: it may use the bench's
// 127.0.0.1 origin without a permission prompt) and starts the demo bench (test/harness/start.ts) with the browser.
import { execFileSync, spawn } from "node:child_process";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const browser = process.argv.includes("--firefox") ? "firefox" : "chrome";
execFileSync(process.execPath, ["build.mjs", "--test", `--browser=${browser}`], { cwd: root, stdio: "inherit" });
const watcher = spawn(process.execPath, ["build.mjs", "--watch", "--test", `--browser=${browser}`], { cwd: root, stdio: "inherit" });
process.on("exit", () => watcher.kill());

// The bench is TypeScript; Node 20 runs JavaScript, so esbuild bundles it first.
const outfile = join(root, ".cache/harness/start.mjs");
await build({
  entryPoints: [join(root, "test/harness/start.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "error",
});
await import(pathToFileURL(outfile).href);
