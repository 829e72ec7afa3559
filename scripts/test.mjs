#!/usr/bin/env node
// `npm test`: set-up, typecheck, release build, unit tests, web-ext lint of the Firefox build, browser tests, tests on
// the real Keycloak server. Stops at the
// first failing step and ends with one summary line ("N passed, N failed").
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSystem } from "./setup.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const reports = mkdtempSync(join(tmpdir(), "saml-lens-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedFiles = [];
let failedStep;
const started = Date.now();

function run(label, command, args) {
  const t0 = Date.now();
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  console.log(`== ${label}: ${result.status === 0 ? "ok" : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) failedStep ??= label;
  return result.status === 0;
}

function vitest(project) {
  const out = join(reports, `${project}.json`);
  const ok = run(`vitest ${project}`, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, "utf8"));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    // A file that failed to load or failed in a hook has no failed test of its own: it counts as one failure.
    for (const file of report.testResults ?? []) {
      const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed").length;
      if (file.status === "failed" && failedTests === 0) {
        totals.failed += 1;
        failedFiles.push(`${file.name.replace(`${root}/`, "")}: ${(file.message ?? "failed outside its tests").split("\n")[0]}`);
      }
    }
  } catch {
    if (!ok) totals.failed += 1;
  }
  if (!ok && totals.failed === 0) totals.failed += 1;
  return ok;
}

const steps = [
  () => {
    console.log("\n== set-up (system packages)");
    const ready = ensureSystem("test") === 0;
    if (!ready) failedStep = "set-up (system packages)";
    return ready;
  },
  () => run("typecheck", bin("tsc"), ["--noEmit"]),
  () => run("build (release)", process.execPath, ["build.mjs", "--release"]),
  () => vitest("unit"),
  () => run("web-ext lint (dist/firefox)", process.execPath, ["scripts/lint-firefox.mjs"]),
  () => vitest("e2e"),
  // The real Keycloak server (fetched through Maven on first use), one per tested release, for the whole step.
  () => vitest("keycloak"),
];
let ok = true;
for (const step of steps) {
  if (!step()) {
    ok = false;
    break;
  }
}
rmSync(reports, { recursive: true, force: true });
console.log(`\nnpm test ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const file of failedFiles) console.log(`failed file: ${file}`);
const where = failedStep === undefined ? "" : ` (stopped at: ${failedStep})`;
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ""}${where}`);
process.exit(ok ? 0 : 1);
