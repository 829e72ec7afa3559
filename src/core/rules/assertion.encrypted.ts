import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.encrypted",
  source: SOURCES.constructor,
  fix: "Keys → Encryption keys config → Encrypt assertions: Off (Sentry has no SP private key to decrypt with).",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined || response.encryptedAssertionCount === 0) return [];
    return [
      {
        severity: "error",
        message: `The assertion is encrypted (EncryptedAssertion). python3-saml needs the SP private key to read it and Sentry has none, so it raises "${PY.encryptedNoKey}": ${SENTRY.serverError}.`,
        expected: "a plain saml:Assertion",
        actual: `${response.encryptedAssertionCount} EncryptedAssertion`,
        receiverMessage: PY.encryptedNoKey,
      },
    ];
  },
});

