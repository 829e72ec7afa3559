import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.no-conditions",
  source: `${SOURCES.isValid} → check_one_condition`,
  fix: "Not a Keycloak setting: Keycloak always writes one Conditions element; the message was produced or altered elsewhere.",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.conditionsCount === 1) return [];
    return [
      {
        severity: "error",
        message: `The Assertion has ${read.assertion.conditionsCount} Conditions elements. python3-saml: "${PY.noConditions}" (Sentry shows "${SENTRY.failed(PY.noConditions)}").`,
        expected: "1",
        actual: String(read.assertion.conditionsCount),
        receiverMessage: PY.noConditions,
      },
    ];
  },
});
