#!/usr/bin/env node
// `npm start`: builds in watch mode and opens Debian Chromium with the extension loaded (a fresh profile each time).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.error(`Chromium is not installed (${chromiumPath}). Install it with:\n  sudo apt-get install -y chromium`);
  process.exit(1);
}

const watcher = spawn(process.execPath, ["build.mjs", "--watch", "--browser=chrome"], { cwd: root, stdio: "inherit" });
const extension = join(root, "dist/chrome");
while (!existsSync(join(extension, "manifest.json"))) await new Promise((r) => setTimeout(r, 100));

const profile = mkdtempSync(join(tmpdir(), "saml-lens-start-"));
const headless = process.env.DISPLAY === undefined && process.env.WAYLAND_DISPLAY === undefined;
const args = [
  `--user-data-dir=${profile}`,
  `--disable-extensions-except=${extension}`,
  `--load-extension=${extension}`,
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
  ...(headless ? ["--headless", "--remote-debugging-port=9222"] : []),
  "chrome://extensions/",
];
if (headless) console.log("No display found: Chromium runs headless (DevTools at http://127.0.0.1:9222).");
const browser = spawn(chromiumPath, args, { stdio: ["ignore", "inherit", "inherit"] });
console.log(`Chromium started with the extension from ${extension}; edits rebuild it (reload it in chrome://extensions). Ctrl-C stops.`);

function stop() {
  browser.kill();
  watcher.kill();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
browser.on("exit", stop);
