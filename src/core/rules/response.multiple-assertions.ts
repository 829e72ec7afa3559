import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "response.multiple-assertions",
  source: `${SOURCES.isValid} → validate_num_assertions (counts //saml:Assertion and //saml:EncryptedAssertion anywhere)`,
  fix: "Not a Keycloak setting: Keycloak emits one assertion. Extra assertions (possibly nested in other elements) mean the message was altered — a signature-wrapping attempt looks like this.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined || response.assertionCountAnywhere <= 1) return [];
    return [
      {
        severity: "error",
        message: `The Response holds ${response.assertionCountAnywhere} assertions. python3-saml: "${PY.assertionCount}" (Sentry shows "${SENTRY.failed(PY.assertionCount)}").`,
        expected: "1",
        actual: String(response.assertionCountAnywhere),
        receiverMessage: PY.assertionCount,
      },
    ];
  },
});
