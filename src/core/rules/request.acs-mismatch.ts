import { KEYCLOAK, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "request.acs-mismatch",
  source: `${SOURCES.keycloakSamlService} (Keycloak accepts an AssertionConsumerServiceURL only if the client allows it (Valid redirect URIs / ACS POST Binding URL))`,
  fix: "Clients → <client> → Settings → Valid redirect URIs: add Sentry's ACS URL (…/saml/acs/<org>/), and Advanced → Fine Grain SAML Endpoint Configuration → Assertion Consumer Service POST Binding URL: the same URL.",
  check: (context) => {
    const message = context.message;
    if (message?.kind !== "AuthnRequest" || context.receiver !== "idp") return [];
    const acs = message.assertionConsumerServiceUrl;
    if (acs === undefined || context.profile.acsUrl === undefined || acs === context.profile.acsUrl) return [];
    return [
      {
        severity: "error",
        message: `The AuthnRequest asks for the response at an ACS URL that is not the one the client is set up for; Keycloak refuses a URL the client does not allow and shows "${KEYCLOAK.invalidRequest}" (server log: invalid_redirect_uri).`,
        expected: context.profile.acsUrl,
        actual: acs,
        receiverMessage: KEYCLOAK.invalidRequest,
      },
    ];
  },
});
