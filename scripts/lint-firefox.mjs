#!/usr/bin/env node
// web-ext lint on the Firefox build: fails on any error or warning (the build has none; keep it that way), prints
// notices.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "node_modules", ".bin", "web-ext");
const sourceDir = process.argv[2] ?? join(root, "dist", "firefox");
let stdout;
try {
  ({ stdout } = await promisify(execFile)(bin, ["lint", "--source-dir", sourceDir, "--output", "json", "--no-config-discovery"], { cwd: root, maxBuffer: 64 << 20 }));
} catch (error) {
  stdout = error.stdout; // web-ext exits non-zero when there are errors; the JSON is still on stdout
}
const report = JSON.parse(stdout);
// The listing targets desktop Firefox only (no `gecko_android`: nothing is tested on Android). web-ext still checks the
// manifest against Firefox for Android at the desktop minimum version and warns that Android 140 lacks
// data_collection_permissions (mozilla/web-ext#3561, mozilla/addons#16163); that warning is about a platform we do
// not ship to, so it is shown as a notice, and only while the manifest names no Android version.
const manifest = JSON.parse(readFileSync(join(sourceDir, "manifest.json"), "utf8"));
if (manifest.browser_specific_settings?.gecko_android === undefined) {
  const androidOnly = (report.warnings ?? []).filter((item) => item.code === "KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION");
  report.warnings = (report.warnings ?? []).filter((item) => !androidOnly.includes(item));
  report.notices = [...(report.notices ?? []), ...androidOnly.map((item) => ({ ...item, message: `(Firefox for Android, not a target) ${item.message}` }))];
  report.summary.warnings -= androidOnly.length;
  report.summary.notices += androidOnly.length;
}
for (const kind of ["errors", "warnings", "notices"]) {
  for (const item of report[kind] ?? []) console.log(`${kind.slice(0, -1)}: ${item.code} ${item.file ?? ""} ${item.message}`);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors > 0 || warnings > 0 ? 1 : 0);
