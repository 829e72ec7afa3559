#!/usr/bin/env node
// `npm start [-- --firefox] [-- --locale=de]`: builds the extension in watch mode (test build: it may use the bench's
// 127.0.0.1 origin without a permission prompt) and starts the demo bench (test/harness/start.ts) with the browser.
import { execFileSync, spawn } from "node:child_process";
import { root, runTypeScript } from "./run-ts.mjs";
import { ensureSystem } from "./setup.mjs";

// Said first, before the set-up and the build: without a display nothing will open on this screen.
if (process.env.DISPLAY === undefined && process.env.WAYLAND_DISPLAY === undefined) {
  console.log("No display (DISPLAY / WAYLAND_DISPLAY unset): the browser will run headless; the bench's URLs to open from elsewhere follow once it is up.");
}

const ready = ensureSystem(process.argv.includes("--firefox") ? "test" : "start");
if (ready !== 0) process.exit(ready);

const browser = process.argv.includes("--firefox") ? "firefox" : "chrome";
// SAML_LENS_DIST: build somewhere else than dist/ (as the browser tests read it), e.g. while tests use dist/test.
const outdir = process.env.SAML_LENS_DIST ? [`--outdir=${process.env.SAML_LENS_DIST}`] : [];
execFileSync(process.execPath, ["build.mjs", "--test", `--browser=${browser}`, ...outdir], { cwd: root, stdio: "inherit" });
const watcher = spawn(process.execPath, ["build.mjs", "--watch", "--test", `--browser=${browser}`, ...outdir], { cwd: root, stdio: "inherit" });
process.on("exit", () => watcher.kill());

await runTypeScript("test/harness/start.ts");
