/**
 * `npm test`'s closing line is what CI and the README rely on. These reports are vitest's own JSON output for small
 * test files written here (a passing one, a failing test, a file that fails to load, a hook that throws, a file with
 * no tests, a skipped test), run by the project's vitest in a directory of their own.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retried, summarize, type TestSummary } from "../../../scripts/test-summary.mjs";

const ROOT = join(import.meta.dirname, "../../..");
const FILES: Record<string, string> = {
  "passes.test.ts": `import { it, expect } from "vitest"; it("adds", () => expect(1 + 1).toBe(2));`,
  "fails.test.ts": `import { it, expect } from "vitest"; it("is wrong", () => expect(1).toBe(2)); it("is right", () => expect(1).toBe(1));`,
  "cannot-load.test.ts": `import { it } from "vitest"; import "./missing-module.js"; it("never runs", () => undefined);`,
  "hook-throws.test.ts": `import { beforeAll, it } from "vitest"; beforeAll(() => { throw new Error("no python3-saml"); }); it("never runs", () => undefined);`,
  "empty.test.ts": `import { describe } from "vitest"; describe("nothing", () => undefined);`,
  "skips.test.ts": `import { it } from "vitest"; it.skip("left out", () => undefined); it("runs", () => undefined);`,
  "flaky.test.ts": `import { it, expect } from "vitest"; let attempts = 0; it("passes the second time", () => { attempts += 1; expect(attempts).toBe(2); });`,
};

let dir: string;
let summary: TestSummary;
let retries: { passed: string[]; failed: string[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "saml-lens-summary-"));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, "vitest.config.mjs"), "export default { test: { include: ['*.test.ts'] } };");
  const out = join(dir, "report.json");
  const flaky = join(dir, "flaky.jsonl");
  // As npm test runs the browser projects: one retry, and the project's reporter of tests that needed it.
  const args = ["run", "--root", dir, "--retry=1", "--reporter=json", `--outputFile=${out}`, `--reporter=${join(ROOT, "scripts/flaky-reporter.mjs")}`];
  spawnSync(join(ROOT, "node_modules/.bin/vitest"), args, { cwd: dir, encoding: "utf8", env: { ...process.env, SAML_LENS_FLAKY_OUT: flaky } });
  summary = summarize([JSON.parse(readFileSync(out, "utf8"))], dir);
  retries = retried(readFileSync(flaky, "utf8"), dir);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm test's closing line, from vitest's reports", () => {
  it("counts passed and failed tests", () => {
    expect(summary.passed).toBe(4);
  });

  it("counts a file that cannot load, a hook that throws and a file without tests as failed, and names them", () => {
    // fails.test.ts: one failed test; the three others: one failure each, from the file.
    expect(summary.failed).toBe(4);
    const named = summary.failedFiles.map((line) => line.split(":")[0]).sort();
    expect(named).toEqual(["cannot-load.test.ts", "empty.test.ts", "hook-throws.test.ts"]);
    expect(summary.failedFiles.find((line) => line.startsWith("cannot-load"))).toMatch(/missing-module/);
  });

  it("names each failed test with the first lines of its error", () => {
    expect(summary.failedTests).toHaveLength(1);
    const [failed = ""] = summary.failedTests;
    expect(failed).toMatch(/^fails\.test\.ts: is wrong\n/);
    expect(failed).toMatch(/expected 1 to be 2/);
  });

  it("names a test that passed only on its retry, with its first attempt's error, and one that failed both", () => {
    expect(retries.passed).toHaveLength(1);
    expect(retries.passed[0]).toMatch(/^flaky\.test\.ts: passes the second time \(1 retry\)\n {4}first attempt: .*expected 1 to be 2/);
    expect(retries.failed.map((line) => line.split("\n")[0])).toEqual(["fails.test.ts: is wrong (1 retry)"]);
  });

  it("lists skipped tests by file", () => {
    expect(summary.skippedTests).toContain("skips.test.ts: skipped: left out");
  });

  it("a report with no files adds nothing", () => {
    expect(summarize([{ numPassedTests: 0, numFailedTests: 0, testResults: [] }], dir)).toEqual({ passed: 0, failed: 0, skipped: 0, failedFiles: [], failedTests: [], skippedTests: [] });
  });
});
