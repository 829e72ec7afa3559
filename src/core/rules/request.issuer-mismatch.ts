import { KEYCLOAK, SOURCES } from "./receiver-messages.js";
import { quote } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "request.issuer-mismatch",
  source: `${SOURCES.keycloakSamlService} (Keycloak looks the client up by the request's Issuer: client_not_found)`,
  fix: "Clients → <client> → Settings → Client ID: exactly Sentry's SP entity ID (…/saml/metadata/<org>/, trailing slash included).",
  check: (context) => {
    const message = context.message;
    if (message?.kind !== "AuthnRequest" || context.receiver !== "idp") return [];
    const expected = context.profile.keycloakClientId ?? context.profile.spEntityId;
    const issuer = message.issuers[0];
    if (expected === undefined || issuer === expected) return [];
    return [
      {
        severity: "error",
        message: `The AuthnRequest's Issuer is not the Keycloak Client ID, so Keycloak finds no client for it and shows "${KEYCLOAK.invalidRequest}" (server log: client_not_found).`,
        expected,
        actual: quote(issuer),
        receiverMessage: KEYCLOAK.invalidRequest,
      },
    ];
  },
});
