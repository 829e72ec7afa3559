import { SECURITY_SOURCES } from "../presets/sources.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

/**
 * A signed Response around an unsigned Assertion (Keycloak: Sign documents On, Sign assertions Off). Sentry verifies the
 * Response signature, which covers the assertion, so login is safe; the assertion alone proves nothing.
 */
export const rule = defineRule({
  id: "security.unsigned-assertion",
  kind: "security",
  source: SECURITY_SOURCES.owasp,
  fix: "Keycloak: Settings › Signature and Encryption › Sign assertions: On (keep Sign documents On; Sentry accepts both).",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.response.signatures.length === 0 || read.assertion.signatures.length > 0) return [];
    return [
      {
        severity: "info",
        message:
          "The Response is signed but the Assertion inside it is not. Sentry checks the Response signature, which covers the assertion, so this " +
          "login is safe; but the assertion on its own (copied out of a log or a capture) carries no proof of origin.",
        expected: "a signed Assertion",
        actual: "only the Response is signed",
      },
    ];
  },
});
