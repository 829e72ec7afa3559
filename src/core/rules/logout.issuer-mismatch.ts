import { quote, spLogout } from "./context-helpers.js";
import { PY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "logout.issuer-mismatch",
  source: `${SOURCES.logoutIsValid} → get_issuer`,
  fix: "Sentry → Settings → Auth → SAML2 → IdP Entity ID must be the realm's entity ID (https://<keycloak>/realms/<realm>); if Keycloak is reached under another host name, set Realm settings → General → Frontend URL so the issuer stays the same.",
  check: (context) => {
    const logout = spLogout(context);
    const issuer = logout?.issuers[0];
    const expected = context.profile.idpEntityId;
    // An empty Issuer is not compared: python3-saml reads its text as None.
    if (logout === undefined || issuer === undefined || issuer === "" || expected === undefined || issuer === expected) return [];
    const text = PY.logoutWrongIssuer(logout.kind, expected, issuer);
    return [
      {
        severity: "error",
        message: `The ${logout.kind}'s Issuer is not the IdP entity ID configured in Sentry, so Sentry ignores the logout. python3-saml: "${text}".`,
        expected,
        actual: quote(issuer),
        receiverMessage: text,
      },
    ];
  },
});
