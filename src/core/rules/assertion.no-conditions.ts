import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.no-conditions",
  source: `${SOURCES.isValid} → validate_xml (saml-schema-protocol-2.0.xsd) and check_one_condition`,
  fix: "Not a Keycloak setting: Keycloak always writes one Conditions element; the message was produced or altered elsewhere.",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.conditionsCount === 1) return [];
    const count = read.assertion.conditionsCount;
    // None: is_valid's own check. More than one: SAML's schema allows at most one, and python3-saml validates the
    // Response against it before anything else.
    const said = count === 0 ? PY.noConditions : PY.notSchemaValid;
    return [
      {
        severity: "error",
        message: `The Assertion has ${count} Conditions elements${count > 1 ? " (SAML's schema allows one)" : ""}. python3-saml: "${said}" (Sentry shows "${SENTRY.failed(said)}").`,
        expected: "1",
        actual: String(count),
        receiverMessage: said,
      },
    ];
  },
});
