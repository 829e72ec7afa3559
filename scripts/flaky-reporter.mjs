// A vitest reporter that writes, one JSON line each, the tests that passed only on a retry (the browser and real-Keycloak
// projects retry a failed test once: a loaded 2-core CI machine can miss a wait that a quiet one makes). `npm test`
// names them above its closing line, with the first attempt's error, so a retry never hides a flaky test.
import { appendFileSync } from "node:fs";

export default class FlakyReporter {
  /** Where the lines go: SAML_LENS_FLAKY_OUT (set by `npm test`); without it, nowhere. */
  out = process.env.SAML_LENS_FLAKY_OUT;

  /** @param {import("vitest/node").TestCase} testCase */
  onTestCaseResult(testCase) {
    const diagnostic = testCase.diagnostic();
    if (this.out === undefined || diagnostic === undefined || diagnostic.retryCount === 0) return;
    const result = testCase.result();
    const errors = (result.errors ?? []).map((error) => String(error.message ?? error).split("\n")[0]);
    const line = { file: testCase.module.moduleId, name: testCase.fullName, state: result.state, retries: diagnostic.retryCount, errors };
    appendFileSync(this.out, `${JSON.stringify(line)}\n`);
  }
}
