// The arithmetic of `npm test`'s closing line, from vitest's JSON reports (one per project). A file that failed to load
// or failed in a hook has no failed test of its own: it counts as one failure, named. Skipped and todo tests are
// listed by file.

/**
 * @param {readonly unknown[]} reports vitest `--reporter=json` outputs
 * @param {string} root the project root, stripped from file names
 * @returns {{ passed: number, failed: number, skipped: number, failedFiles: string[], skippedTests: string[] }}
 */
export function summarize(reports, root) {
  const summary = { passed: 0, failed: 0, skipped: 0, failedFiles: [], skippedTests: [] };
  for (const report of reports) {
    summary.passed += report.numPassedTests ?? 0;
    summary.failed += report.numFailedTests ?? 0;
    summary.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const name = String(file.name ?? "").replace(`${root}/`, "");
      const results = file.assertionResults ?? [];
      for (const test of results) {
        if (["pending", "skipped", "todo"].includes(test.status)) summary.skippedTests.push(`${name}: ${test.status === "todo" ? "todo" : "skipped"}: ${test.fullName}`);
      }
      if (file.status === "failed" && !results.some((test) => test.status === "failed")) {
        summary.failed += 1;
        summary.failedFiles.push(`${name}: ${String(file.message || "failed outside its tests").split("\n")[0]}`);
      }
    }
  }
  return summary;
}
