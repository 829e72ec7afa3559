export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  failedFiles: string[];
  skippedTests: string[];
}
export function summarize(reports: readonly unknown[], root: string): TestSummary;
