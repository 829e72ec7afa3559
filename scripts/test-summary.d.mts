export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  failedFiles: string[];
  /** Each failed test: "file: full name" and the first lines of its error, indented. */
  failedTests: string[];
  skippedTests: string[];
}
export function summarize(reports: readonly unknown[], root: string): TestSummary;
/** The tests that needed a retry (scripts/flaky-reporter.mjs's JSON lines): passed on a retry, or failed every attempt. */
export function retried(lines: string, root: string): { passed: string[]; failed: string[] };
