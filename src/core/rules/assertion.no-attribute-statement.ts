import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.no-attribute-statement",
  source: `${SOURCES.isValid} → wantAttributeStatement`,
  fix: "Client scopes → <client>-dedicated → Mappers: add a mapper that emits the e-mail (e.g. User Property, property email, SAML Attribute Name user_email); check that the users have a value for it.",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.attributeStatementCount > 0) return [];
    return [
      {
        severity: "error",
        message: `The Assertion has no AttributeStatement: no mapper emitted a value for this user. python3-saml: "${PY.noAttributeStatement}" (Sentry shows "${SENTRY.failed(PY.noAttributeStatement)}").`,
        expected: "an AttributeStatement with the mapped attributes",
        actual: "none",
        receiverMessage: PY.noAttributeStatement,
      },
    ];
  },
});
