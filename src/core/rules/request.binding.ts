import { SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

export const rule = defineRule({
  id: "request.binding",
  source: `${SOURCES.sentryBindings}`,
  fix: "Clients → <client> → Settings → SAML capabilities → Force POST binding: On (Sentry's ACS accepts only HTTP-POST).",
  check: (context) => {
    const message = context.message;
    if (message?.kind !== "AuthnRequest" || context.receiver !== "idp") return [];
    const binding = message.protocolBinding;
    if (binding === undefined || binding === POST) return [];
    return [
      {
        severity: "warning",
        message: "The AuthnRequest asks for the response with a binding other than HTTP-POST; Sentry's ACS accepts only HTTP-POST, so Keycloak must be forced to answer with POST.",
        expected: POST,
        actual: binding,
      },
    ];
  },
});
