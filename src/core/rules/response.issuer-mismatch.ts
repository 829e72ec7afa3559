import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { quote, spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "response.issuer-mismatch",
  source: `${SOURCES.isValid} → get_issuers`,
  fix: "Sentry → Settings → Auth → SAML2 → IdP Entity ID must be the realm's entity ID (https://<keycloak>/realms/<realm>); if Keycloak is reached under another host name, set Realm settings → General → Frontend URL so the issuer stays the same.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    if (response.issuers.length > 1) {
      return [{ severity: "error", message: `python3-saml: "${PY.multipleResponseIssuers}"`, actual: String(response.issuers.length), expected: "1", receiverMessage: PY.multipleResponseIssuers }];
    }
    const issuer = response.issuers[0];
    // An empty or absent Response Issuer is not compared by python3-saml.
    const expected = context.profile.idpEntityId;
    if (expected === undefined || issuer === undefined || issuer === "" || issuer === expected) return [];
    const text = PY.wrongIssuer(expected, issuer);
    return [
      {
        severity: "error",
        message: `The Response's Issuer is not the IdP entity ID configured in Sentry. python3-saml: "${text}" (Sentry shows "${SENTRY.failed(text)}").`,
        expected,
        actual: quote(issuer),
        receiverMessage: text,
      },
    ];
  },
});
