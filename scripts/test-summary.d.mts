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
