#!/usr/bin/env node
// web-ext lint on the Firefox build: fails on any error or warning (the build has none; keep it that way), prints
// notices.
import { execFile } from "node:child_process";
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
for (const kind of ["errors", "warnings", "notices"]) {
  for (const item of report[kind] ?? []) console.log(`${kind.slice(0, -1)}: ${item.code} ${item.file ?? ""} ${item.message}`);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors > 0 || warnings > 0 ? 1 : 0);
