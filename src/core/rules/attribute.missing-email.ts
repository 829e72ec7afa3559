import { SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { mappedValue, mappingFailure } from "./attribute-mapping.js";

export const rule = defineRule({
  id: "attribute.missing-email",
  source: SOURCES.sentryMapping,
  fix: `Client scopes → <client>-dedicated → Mappers: give the e-mail mapper (e.g. X500 email or User Property email) the SAML Attribute Name that Sentry's "User Email" mapping says (the built-in X500 email mapper uses urn:oid:1.2.840.113549.1.9.1), and make sure the users have an e-mail.`,
  check: (context) => {
    const read = spAssertion(context);
    if (read === undefined || read.assertion.attributeStatementCount === 0) return [];
    const name = context.profile.emailAttribute;
    if (mappedValue(read.assertion, name) !== "") return [];
    const present = read.assertion.attributes.some((attribute) => attribute.name === name);
    const text = mappingFailure(read.assertion);
    return [
      {
        severity: "error",
        message: `Sentry's "User Email" mapping reads the attribute ${JSON.stringify(name)}, which the Assertion ${present ? "has, but without a value" : "does not have"}. Sentry: "${text}".`,
        expected: `an Attribute with Name ${JSON.stringify(name)} and a value`,
        actual: read.assertion.attributes.map((attribute) => attribute.name ?? "(no Name)").join(", ") || "no attributes",
        receiverMessage: text,
      },
    ];
  },
});
