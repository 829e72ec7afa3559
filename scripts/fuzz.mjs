#!/usr/bin/env node
// `npm run fuzz`: seeded fuzz and property run over every public entry point of src/core, then over the built CLI.
//
//   npm run fuzz -- --runs 100000 --seed 42     cases in total (default 10000); seed (default: from the clock, printed)
//   npm run fuzz -- --only parseXml,wrapping     some targets only
//   npm run fuzz -- --cli-runs 200               CLI runs (default runs/500, at least 10; 0 to skip)
//   npm run fuzz -- --replay TARGET:SEED:COUNT:INDEX   rerun one failed case in this process, with its stack
//
// Each case runs in a worker thread under a watchdog: a case over its target's time bound is a hang, and a worker that
// stops answering is terminated and replaced. Every failure is written with its input to the output directory.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    runs: { type: "string", default: "10000" },
    "cli-runs": { type: "string" },
    only: { type: "string" },
    replay: { type: "string" },
    out: { type: "string" },
    batch: { type: "string", default: "50" },
  },
});

const integer = (text, name) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`fuzz: --${name} must be a non-negative integer, not ${text}`);
    process.exit(2);
  }
  return value;
};
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : integer(values.seed, "seed");
const runs = integer(values.runs, "runs");
const cliRuns = values["cli-runs"] === undefined ? Math.max(10, Math.round(runs / 500)) : integer(values["cli-runs"], "cli-runs");
const batchSize = Math.max(1, integer(values.batch, "batch"));
const work = mkdtempSync(join(tmpdir(), "saml-lens-fuzz-"));
const out = values.out ?? join(tmpdir(), `saml-lens-fuzz-failures-${seed}`);

/** Deterministic per-batch seeds, so a failure is named by (target, batch seed, count, index). */
function mix(...parts) {
  let h = 0x811c9dc5;
  for (const part of parts) {
    for (const char of String(part)) {
      h ^= char.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return h % 2 ** 31;
}

async function bundle() {
  const outfile = join(work, "harness.mjs");
  await build({
    entryPoints: [join(root, "test/fuzz/harness.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "error",
    // CommonJS dependencies call require(); an ES module bundle needs one.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  });
  return outfile;
}

function buildCli() {
  const result = spawnSync(process.execPath, ["build.mjs", "--cli-only", `--outdir=${join(work, "dist")}`], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`building the CLI failed:\n${result.stderr}`);
  return join(work, "dist", "cli", "saml-lens.js");
}

const failures = [];
function recordFailure(failure) {
  failures.push(failure);
  mkdirSync(out, { recursive: true });
  const file = join(out, `${failure.target}-${failure.seed}-${failure.index}.txt`);
  writeFileSync(file, failure.reproducer);
  console.log(`\nFAIL ${failure.target} [${failure.kind}] ${failure.message}`);
  if (failure.stack) console.log(failure.stack.split("\n").slice(0, 8).join("\n"));
  console.log(`  input: ${file}`);
  if (failure.replay) console.log(`  replay: npm run fuzz -- --replay ${failure.replay}`);
}

/** Cases per target, in proportion to the weights (every selected target gets at least one). */
function plan(targets) {
  const total = targets.reduce((sum, target) => sum + target.weight, 0);
  const batches = [];
  for (const [t, target] of targets.entries()) {
    let remaining = Math.max(1, Math.round((runs * target.weight) / total));
    const size = target.timeoutMs > 5000 ? 1 : batchSize;
    for (let b = 0; remaining > 0; b++) {
      const count = Math.min(size, remaining);
      batches.push({ target: target.name, timeoutMs: target.timeoutMs, seed: mix(seed, target.name, b), count, order: b * targets.length + t });
      remaining -= count;
    }
  }
  return batches.sort((a, b) => a.order - b.order);
}

const WATCHDOG_GRACE_MS = 10_000;

/** Runs cases `from`… of a batch in the worker; resolves when done, or with the case that hung or killed the worker. */
function runBatch(worker, batch, from, onDone) {
  return new Promise((resolve) => {
    let timer;
    let current = from;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ stuck: current, hung: true }), batch.timeoutMs + WATCHDOG_GRACE_MS);
    };
    const onMessage = (report) => {
      if (report.type === "start") {
        current = report.index;
        arm();
      } else if (report.type === "done") {
        clearTimeout(timer);
        onDone(report);
      } else if (report.type === "batch-done") finish({ stuck: undefined });
    };
    const onError = (error) => finish({ stuck: current, hung: false, error });
    const onExit = (code) => onError(new Error(`the worker exited with code ${code}`));
    const finish = (outcome) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve(outcome);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ target: batch.target, seed: batch.seed, count: batch.count, from });
    arm();
  });
}

async function runCore(harness, targets) {
  const corpus = harness.loadCorpus(root);
  const batches = plan(targets);
  const total = batches.reduce((sum, batch) => sum + batch.count, 0);
  const perTarget = new Map(targets.map((target) => [target.name, { cases: 0, ms: 0, max: 0 }]));
  let done = 0;
  let lastPrint = 0;
  let worker;
  const startWorker = () => new Worker(harness.url, { workerData: { role: "fuzz-worker", root }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });

  for (const batch of batches) {
    let next = 0;
    while (next < batch.count) {
      worker ??= startWorker();
      const outcome = await runBatch(worker, batch, next, (report) => {
        const stats = perTarget.get(batch.target);
        stats.cases++;
        stats.ms += report.ms;
        stats.max = Math.max(stats.max, report.ms);
        done++;
        next = report.index + 1;
        if (report.failure) recordFailure({ target: batch.target, seed: batch.seed, index: report.index, replay: `${batch.target}:${batch.seed}:${batch.count}:${report.index}`, ...report.failure });
      });
      if (outcome.stuck === undefined) break;
      // A hung or crashed case: name it, replace the worker, and go on with the rest of the batch.
      const index = outcome.stuck;
      const item = harness.TARGETS.find((target) => target.name === batch.target).cases(corpus, batch.seed, batch.count)[index];
      recordFailure({
        target: batch.target,
        seed: batch.seed,
        index,
        kind: outcome.hung ? "Hang" : "WorkerCrash",
        message: outcome.hung ? `no answer within ${batch.timeoutMs + WATCHDOG_GRACE_MS} ms` : String(outcome.error?.message ?? outcome.error),
        stack: "",
        reproducer: item?.reproducer ?? "",
        replay: `${batch.target}:${batch.seed}:${batch.count}:${index}`,
      });
      await worker.terminate();
      worker = undefined;
      done++;
      next = index + 1;
    }
    if (Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      process.stdout.write(`\r  ${done}/${total} cases, ${failures.length} failures`);
    }
  }
  await worker?.terminate();
  process.stdout.write(`\r  ${done}/${total} cases, ${failures.length} failures\n`);
  return { done, perTarget };
}

function runCli(harness, cli, count) {
  const corpus = harness.loadCorpus(root);
  const cases = harness.cliCases(corpus, mix(seed, "cli"), count);
  const exits = { 0: 0, 1: 0, 2: 0 };
  for (const [index, item] of cases.entries()) {
    const dir = join(work, `cli-${index}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(item.files)) writeFileSync(join(dir, name), content);
    const result = spawnSync(process.execPath, [cli, ...item.args], { cwd: dir, input: item.stdin ?? "", encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
    const problem = harness.cliProblem(result);
    if (problem === undefined) exits[result.status]++;
    else {
      recordFailure({
        target: "cli",
        seed: mix(seed, "cli"),
        index,
        kind: "CLI",
        message: `saml-lens ${item.args.join(" ")}: ${problem}`,
        stack: result.stderr.slice(0, 2000),
        reproducer: JSON.stringify({ args: item.args, stdin: item.stdin, files: Object.fromEntries(Object.entries(item.files).map(([name, content]) => [name, typeof content === "string" ? content : `base64:${Buffer.from(content).toString("base64")}`])) }, null, 2),
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return exits;
}

async function replay(harness, spec) {
  const [name, batchSeed, count, index] = spec.split(":");
  const target = harness.TARGETS.find((candidate) => candidate.name === name);
  if (target === undefined) throw new Error(`unknown target ${name}`);
  const item = target.cases(harness.loadCorpus(root), Number(batchSeed), Number(count))[Number(index)];
  if (item === undefined) throw new Error("no such case");
  console.log(`input (${item.reproducer.length} characters):\n${item.reproducer.length > 4000 ? `${item.reproducer.slice(0, 4000)}…` : item.reproducer}\n`);
  const started = performance.now();
  await item.run();
  console.log(`passed in ${Math.round(performance.now() - started)} ms`);
}

async function main() {
  const started = Date.now();
  const bundlePath = await bundle();
  const harness = { ...(await import(pathToFileURL(bundlePath).href)), url: pathToFileURL(bundlePath) };
  if (values.replay !== undefined) return replay(harness, values.replay);
  const only = values.only?.split(",");
  const targets = harness.TARGETS.filter((target) => only === undefined || only.includes(target.name));
  console.log(`fuzz: seed ${seed}, ${runs} core cases over ${targets.length} targets, ${cliRuns} CLI runs`);
  const core = await runCore(harness, targets);
  const coreSeconds = (Date.now() - started) / 1000;
  for (const [name, stats] of core.perTarget) {
    if (stats.cases > 0) console.log(`  ${name.padEnd(24)} ${String(stats.cases).padStart(7)} cases, mean ${(stats.ms / stats.cases).toFixed(2)} ms, max ${Math.round(stats.max)} ms`);
  }
  let exits;
  if (cliRuns > 0 && (only === undefined || only.includes("cli"))) {
    console.log(`fuzz: ${cliRuns} CLI runs`);
    exits = runCli(harness, buildCli(), cliRuns);
    console.log(`  exit codes: 0×${exits[0]}, 1×${exits[1]}, 2×${exits[2]}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const cases = core.done + (exits === undefined ? 0 : cliRuns);
  console.log(`\nfuzz: ${cases} cases (${core.done} core in ${coreSeconds.toFixed(0)} s, ${exits === undefined ? 0 : cliRuns} CLI) in ${seconds.toFixed(0)} s, seed ${seed}: ${failures.length === 0 ? "no failures" : `${failures.length} FAILURES (inputs in ${out})`}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
