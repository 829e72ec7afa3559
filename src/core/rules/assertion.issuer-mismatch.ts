import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { quote, spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.issuer-mismatch",
  source: `${SOURCES.isValid} → get_issuers`,
  fix: "Sentry → Settings → Auth → SAML2 → IdP Entity ID must be the realm's entity ID (https://<keycloak>/realms/<realm>); if Keycloak is reached under another host name, set Realm settings → General → Frontend URL.",
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined) return [];
    const issuers = read.assertion.issuers;
    if (issuers.length !== 1) {
      return [{ severity: "error", message: `python3-saml: "${PY.assertionIssuerCount}"`, expected: "1", actual: String(issuers.length), receiverMessage: PY.assertionIssuerCount }];
    }
    const issuer = issuers[0];
    const expected = context.profile.idpEntityId;
    if (expected === undefined || issuer === undefined || issuer === "" || issuer === expected) return [];
    // python3-saml compares a set of both issuers; when the Response's is wrong too, it reports that one equally.
    const text = PY.wrongIssuer(expected, issuer);
    return [
      {
        severity: "error",
        message: `The Assertion's Issuer is not the IdP entity ID configured in Sentry. python3-saml: "${text}" (Sentry shows "${SENTRY.failed(text)}").`,
        expected,
        actual: quote(issuer),
        receiverMessage: text,
      },
    ];
  },
});
