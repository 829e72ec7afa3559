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
import { summarize } from "./test-summary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const reports = mkdtempSync(join(tmpdir(), "saml-lens-test-"));
const collected = [];
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

function vitest(...projects) {
  const out = join(reports, `${projects.join("+")}.json`);
  const args = ["run", ...projects.flatMap((project) => ["--project", project]), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`];
  const ok = run(`vitest ${projects.join(" + ")}`, bin("vitest"), args);
  try {
    collected.push(JSON.parse(readFileSync(out, "utf8")));
  } catch {
    // No report: the run died before writing one; the step's failure below still counts.
    if (!ok) collected.push({ testResults: [{ name: `vitest ${projects.join(" + ")}`, status: "failed", message: "no report written", assertionResults: [] }] });
  }
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
  // Browser tests, then the tests on the real Keycloak server (fetched through Maven on first use), in one run: the
  // servers of the tested releases start while the browser tests run (test/keycloak/global-setup.ts).
  () => vitest("e2e", "keycloak"),
];
let ok = true;
for (const step of steps) {
  if (!step()) {
    ok = false;
    break;
  }
}
rmSync(reports, { recursive: true, force: true });
const summary = summarize(collected, root);
// A step that failed before any test ran (set-up, typecheck, build, lint) is a failure of its own.
if (!ok && summary.failed === 0) summary.failed = 1;
console.log(`\nnpm test ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const test of summary.skippedTests) console.log(test);
for (const file of summary.failedFiles) console.log(`failed file: ${file}`);
const where = failedStep === undefined ? "" : ` (stopped at: ${failedStep})`;
console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ""}${where}`);
process.exit(ok ? 0 : 1);
