/**
 * The seeded fuzz run inside `npm test`: every target of test/fuzz/targets.ts (every public entry point of src/core and
 * the security properties) with a fixed seed and a small share of the cases `npm run fuzz` runs, then a few runs of the
 * built CLI. A failure names the target, the case, its input and the command that replays it.
 * The `large` target (10 MB inputs) is left to large-input.test.ts and `npm run fuzz`.
 */
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliCases, cliProblem } from "../../fuzz/cli-cases.js";
import { loadCorpus } from "../../fuzz/corpus.js";
import { TARGETS } from "../../fuzz/targets.js";

const root = resolve(import.meta.dirname, "../../..");
const corpus = loadCorpus(root);
const SEED = 20250601;
const TOTAL = 1500;
const CLI_RUNS = 12;
const targets = TARGETS.filter((target) => target.name !== "large");
const totalWeight = targets.reduce((sum, target) => sum + target.weight, 0);
const work = mkdtempSync(join(tmpdir(), "saml-lens-fuzz-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("seeded fuzz run", () => {
  for (const [position, target] of targets.entries()) {
    const count = Math.max(2, Math.round((TOTAL * target.weight) / totalWeight));
    const seed = SEED + position;
    it(`${target.name}: ${count} cases keep their property`, { timeout: 60_000 }, async () => {
      const failures: string[] = [];
      const cases = target.cases(corpus, seed, count);
      for (const [index, item] of cases.entries()) {
        try {
          await item.run();
        } catch (error) {
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          failures.push(`case ${index} (npm run fuzz -- --replay ${target.name}:${seed}:${count}:${index}): ${reason}\n  input: ${item.reproducer.slice(0, 300)}`);
        }
      }
      expect(failures, failures.join("\n")).toEqual([]);
      expect(cases).toHaveLength(count);
    });
  }

  it(`the built CLI, ${CLI_RUNS} runs: exit 0, 1 or 2 and never a stack trace`, { timeout: 120_000 }, () => {
    execFileSync(process.execPath, ["build.mjs", "--cli-only", `--outdir=${join(work, "dist")}`], { cwd: root });
    const cli = join(work, "dist", "cli", "saml-lens.js");
    const failures: string[] = [];
    for (const [index, item] of cliCases(corpus, SEED, CLI_RUNS).entries()) {
      const dir = join(work, `case-${index}`);
      mkdirSync(dir);
      for (const [name, content] of Object.entries(item.files)) writeFileSync(join(dir, name), content);
      const run = spawnSync(process.execPath, [cli, ...item.args], { cwd: dir, input: item.stdin ?? "", encoding: "utf8", timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
      const problem = cliProblem(run);
      if (problem !== undefined) failures.push(`saml-lens ${item.args.join(" ")}: ${problem}\n${run.stderr.slice(0, 500)}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
});
