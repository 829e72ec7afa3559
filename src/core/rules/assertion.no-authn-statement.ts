import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.no-authn-statement",
  source: `${SOURCES.isValid} → check_one_authnstatement`,
  fix: "Settings → SAML capabilities → Include AuthnStatement: On.",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.authnStatements.length === 1) return [];
    return [
      {
        severity: "error",
        message: `The Assertion has ${read.assertion.authnStatements.length} AuthnStatement elements; python3-saml requires exactly one: "${PY.noAuthnStatement}" (Sentry shows "${SENTRY.failed(PY.noAuthnStatement)}").`,
        expected: "1",
        actual: String(read.assertion.authnStatements.length),
        receiverMessage: PY.noAuthnStatement,
      },
    ];
  },
});
