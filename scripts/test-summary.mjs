// The arithmetic of `npm test`'s closing line, from vitest's JSON reports (one per project). A file that failed to load
// or failed in a hook has no failed test of its own: it counts as one failure, named. Skipped and todo tests are
// listed by file. Each failed test is named with the first lines of its error, so that the end of the output (all a CI
// page may show) says what failed and where.

/**
 * @param {readonly unknown[]} reports vitest `--reporter=json` outputs
 * @param {string} root the project root, stripped from file names
 * @returns {{ passed: number, failed: number, skipped: number, failedFiles: string[], failedTests: string[], skippedTests: string[] }}
 */
export function summarize(reports, root) {
  const summary = { passed: 0, failed: 0, skipped: 0, failedFiles: [], failedTests: [], skippedTests: [] };
  for (const report of reports) {
    summary.passed += report.numPassedTests ?? 0;
    summary.failed += report.numFailedTests ?? 0;
    summary.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const name = String(file.name ?? "").replace(`${root}/`, "");
      const results = file.assertionResults ?? [];
      for (const test of results) {
        if (["pending", "skipped", "todo"].includes(test.status)) summary.skippedTests.push(`${name}: ${test.status === "todo" ? "todo" : "skipped"}: ${test.fullName}`);
        if (test.status === "failed") summary.failedTests.push(`${name}: ${test.fullName}\n${firstLines(test.failureMessages)}`);
      }
      if (file.status === "failed" && !results.some((test) => test.status === "failed")) {
        summary.failed += 1;
        summary.failedFiles.push(`${name}: ${String(file.message || "failed outside its tests").split("\n")[0]}`);
      }
    }
  }
  return summary;
}

/** The first lines of a test's first failure message, indented, without colour codes. */
function firstLines(messages, count = 6) {
  const text = Array.isArray(messages) && messages.length > 0 ? String(messages[0]) : "(no message)";
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, count).map((line) => `    ${line.length > 300 ? `${line.slice(0, 300)}…` : line}`).join("\n");
}

/**
 * The tests that needed a retry, from scripts/flaky-reporter.mjs's lines: those that then passed (named with the first
 * attempt's error), and those that failed every attempt (already counted as failed by the reports).
 * @param {string} lines JSON lines
 * @param {string} root the project root, stripped from file names
 * @returns {{ passed: string[], failed: string[] }}
 */
export function retried(lines, root) {
  const result = { passed: [], failed: [] };
  for (const line of lines.split("\n")) {
    if (line.trim() === "") continue;
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const name = `${String(entry.file ?? "").replace(`${root}/`, "")}: ${entry.name} (${entry.retries} ${entry.retries === 1 ? "retry" : "retries"})`;
    const first = Array.isArray(entry.errors) && entry.errors.length > 0 ? `\n    first attempt: ${entry.errors[0]}` : "";
    (entry.state === "passed" ? result.passed : result.failed).push(`${name}${first}`);
  }
  return result;
}
