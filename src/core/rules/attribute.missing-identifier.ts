import { SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { mappedValue, mappingFailure } from "./attribute-mapping.js";

export const rule = defineRule({
  id: "attribute.missing-identifier",
  source: SOURCES.sentryMapping,
  fix: `Client scopes → <client>-dedicated → Mappers: add a mapper whose SAML Attribute Name is exactly what Sentry's "IdP User ID" mapping says (a User Property mapper, property id, is the most stable choice), or change Sentry's mapping (Settings → Auth → SAML2 → IdP User ID) to an attribute Keycloak sends.`,
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.attributeStatementCount === 0) return [];
    const name = context.profile.identifierAttribute;
    if (mappedValue(read.assertion, name) !== "") return [];
    const present = read.assertion.attributes.some((attribute) => attribute.name === name);
    const text = mappingFailure(read.assertion);
    return [
      {
        severity: "error",
        message: `Sentry's "IdP User ID" mapping reads the attribute ${JSON.stringify(name)}, which the Assertion ${present ? "has, but without a value" : "does not have"}. Sentry: "${text}".`,
        expected: `an Attribute with Name ${JSON.stringify(name)} and a value`,
        actual: read.assertion.attributes.map((attribute) => attribute.name ?? "(no Name)").join(", ") || "no attributes",
        receiverMessage: text,
      },
    ];
  },
});
