/**
 * The Python that runs python3-saml for the Sentry-grade SP and the agreement tests: the project's virtual environment
 * with the python3-saml Sentry pins (`.cache/python`, made by scripts/setup.mjs), else Debian's python3-onelogin-saml2
 * under /usr/bin/python3. `SAML_LENS_PYTHON` overrides both.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../harness/paths.js";

export const VENV_PYTHON = join(ROOT, ".cache/python/bin/python");

export const SENTRY_PYTHON = process.env.SAML_LENS_PYTHON ?? (existsSync(VENV_PYTHON) ? VENV_PYTHON : "/usr/bin/python3");

/**
 * Runs a Python counterpart with `input` on stdin and returns its stdout; a failed run throws with its stderr.
 * `npm run mutation` sets SAML_LENS_PYTHON_MEMO to a folder: python3-saml's answer depends only on the script and its
 * input, never on the mutated product, so a run with the same script and input is answered from that folder instead
 * of starting Python again for each of thousands of mutants. `npm test` never sets it.
 */
export function runPython(python: string, args: readonly string[], input: string): string {
  const memo = process.env.SAML_LENS_PYTHON_MEMO;
  let memoFile: string | undefined;
  if (memo !== undefined && memo !== "") {
    const hash = createHash("sha256").update(python).update("\0").update(args.join("\0"));
    for (const arg of args) if (arg.endsWith(".py") && existsSync(arg)) hash.update(readFileSync(arg));
    memoFile = join(memo, `${hash.update("\0").update(input).digest("hex")}.out`);
    if (existsSync(memoFile)) return readFileSync(memoFile, "utf8");
  }
  const run = spawnSync(python, [...args], { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.error !== undefined) throw new Error(`${python} did not start: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${python} ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  if (memoFile !== undefined && memo !== undefined) {
    mkdirSync(memo, { recursive: true });
    writeFileSync(memoFile, run.stdout);
  }
  return run.stdout;
}
