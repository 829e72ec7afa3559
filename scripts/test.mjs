#!/usr/bin/env node
// `npm test`: set-up, typecheck, release build, unit tests, web-ext lint of the Firefox build, browser tests, tests on
// the real Keycloak server. Stops at the
// first failing step and ends with one summary line ("N passed, N failed").
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureSystem } from "./setup.mjs";
import { retried, summarize } from "./test-summary.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
// Where the browser tests load the test build from (as test/e2e/support/browsers.ts reads it).
const testDist = process.env.SAML_LENS_DIST ? resolve(process.env.SAML_LENS_DIST) : join(root, "dist");
const reports = mkdtempSync(join(tmpdir(), "saml-lens-test-"));
const collected = [];
let failedStep;
const started = Date.now();

function run(label, command, args, env = process.env) {
  const t0 = Date.now();
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  console.log(`== ${label}: ${result.status === 0 ? "ok" : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) failedStep ??= label;
  return result.status === 0;
}

function vitestArgs(projects, out) {
  return ["run", ...projects.flatMap((project) => ["--project", project]), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, `--reporter=${join(root, "scripts/flaky-reporter.mjs")}`];
}

// Tests that passed only on a retry, one JSON line each (scripts/flaky-reporter.mjs).
const flakyOut = join(reports, "flaky.jsonl");
const testEnv = { ...process.env, SAML_LENS_FLAKY_OUT: flakyOut };

function collect(label, out, ok) {
  try {
    collected.push(JSON.parse(readFileSync(out, "utf8")));
  } catch {
    // No report: the run died before writing one; the step's failure below still counts.
    if (!ok) collected.push({ testResults: [{ name: label, status: "failed", message: "no report written", assertionResults: [] }] });
  }
}

function vitest(...projects) {
  const out = join(reports, `${projects.join("+")}.json`);
  const label = `vitest ${projects.join(" + ")}`;
  const ok = run(label, bin("vitest"), vitestArgs(projects, out), testEnv);
  collect(label, out, ok);
  return ok;
}

/** One vitest run as a child; its output inherited, or written to `log`. Resolves true when it exits 0. */
function vitestChild(project, out, env, log) {
  const child = spawn(bin("vitest"), vitestArgs([project], out), { cwd: root, env, stdio: log === undefined ? "inherit" : ["ignore", "pipe", "pipe"] });
  if (log !== undefined) {
    const file = createWriteStream(log);
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  }
  return new Promise((resolve) => {
    child.on("close", (code) => resolve(code === 0));
    child.on("error", (error) => {
      console.error(`vitest --project ${project} could not run: ${error.message}`);
      resolve(false);
    });
  });
}

/**
 * The browser tests and the real-Keycloak tests as two vitest runs side by side (each file after file, so two browsers
 * at most): the browser tests print as they go; the Keycloak run writes to a log printed when both are done (and named
 * up front, to follow it live). The test build is made once, before both (SAML_LENS_TEST_BUILT). (Both are bound by
 * the 2 cores: moving browser files to the Keycloak run after its tests, measured, made it longer by as much.)
 */
async function sideBySide(label, projects) {
  const t0 = Date.now();
  console.log(`\n== ${label}`);
  const env = { ...testEnv, SAML_LENS_TEST_BUILT: "1" };
  const runs = projects.map((project, index) => {
    const out = join(reports, `${project}.json`);
    const log = index === 0 ? undefined : join(reports, `${project}.log`);
    if (log !== undefined) console.log(`(vitest --project ${project} runs alongside; its output follows at the end, live in ${log})`);
    return { project, out, log, done: vitestChild(project, out, env, log) };
  });
  const results = await Promise.all(runs.map((r) => r.done));
  for (const [index, r] of runs.entries()) {
    if (r.log !== undefined) {
      console.log(`\n== vitest --project ${r.project} (run alongside):`);
      // The log's last bytes land once the pipe closes; read after close.
      console.log(readFileSync(r.log, "utf8"));
    }
    collect(`vitest ${r.project}`, r.out, results[index]);
    console.log(`== vitest ${r.project}: ${results[index] ? "ok" : "FAILED"}`);
  }
  const ok = results.every(Boolean);
  console.log(`== ${label}: ${ok ? "ok" : "FAILED"} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (!ok) failedStep ??= label;
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
  () => run("build (test)", process.execPath, ["build.mjs", "--test", `--outdir=${testDist}`]),
  // Browser tests and the tests on the real Keycloak server (fetched through Maven on first use) side by side; the
  // Keycloak servers start at once and their tests wait for them (test/keycloak/global-setup.ts).
  // SAML_LENS_TEST_SERIAL=1: one vitest run, the browser tests first (for a machine with one core).
  () => (process.env.SAML_LENS_TEST_SERIAL === "1" ? vitest("e2e", "keycloak") : sideBySide("vitest e2e | keycloak", ["e2e", "keycloak"])),
];
let ok = true;
for (const step of steps) {
  if (!(await step())) {
    ok = false;
    break;
  }
}
const flaky = retried(existsSync(flakyOut) ? readFileSync(flakyOut, "utf8") : "", root);
rmSync(reports, { recursive: true, force: true });
const summary = summarize(collected, root);
// A step that failed before any test ran (set-up, typecheck, build, lint) is a failure of its own.
if (!ok && summary.failed === 0) summary.failed = 1;
console.log(`\nnpm test ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const test of summary.skippedTests) console.log(test);
for (const file of summary.failedFiles) console.log(`failed file: ${file}`);
for (const test of summary.failedTests) console.log(`failed: ${test}`);
for (const test of flaky.passed) console.log(`passed on a retry: ${test}`);
const where = failedStep === undefined ? "" : ` (stopped at: ${failedStep})`;
const onRetry = flaky.passed.length > 0 ? ` (${flaky.passed.length} on a retry)` : "";
console.log(`${summary.passed} passed${onRetry}, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ""}${where}`);
process.exit(ok ? 0 : 1);
