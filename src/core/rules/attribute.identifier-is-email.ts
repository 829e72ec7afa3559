import { spAssertion } from "./context-helpers.js";
import { mappedValue } from "./attribute-mapping.js";
import { SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "attribute.identifier-is-email",
  source: `${SOURCES.sentryMapping}: "IdP User ID" is the identity's id`,
  fix: "Client scopes → <client>-dedicated → Mappers → Add mapper → By configuration → User Property (property id, SAML Attribute Name e.g. user_id), then map Sentry's \"IdP User ID\" to that name.",
  check: (context) => {
    const assertion = spAssertion(context)?.assertion;
    if (assertion === undefined) return [];
    const identifier = mappedValue(assertion, context.profile.identifierAttribute);
    if (identifier === "" || !/^[^@\s]+@[^@\s]+$/.test(identifier)) return [];
    return [
      {
        severity: "info",
        message: "Sentry's \"IdP User ID\" receives an e-mail address. This works, but a changed address becomes a new Sentry identity; a stable attribute such as the Keycloak user id is better.",
        actual: context.profile.identifierAttribute,
      },
    ];
  },
});
