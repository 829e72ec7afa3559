import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { ROLE_LIST_SCOPE } from "../keycloak/attributes.js";
import { defineRule, type FindingDraft } from "./rule.js";

export const rule = defineRule({
  id: "attribute.duplicate-name",
  source: SOURCES.attributes,
  fix: `Client scopes → <client>-dedicated → Mappers, and Client scopes → Setup: remove the ${ROLE_LIST_SCOPE} scope from the client, or turn on its "Single Role Attribute" switch; otherwise give each mapper a distinct SAML Attribute Name.`,
  check: (context) => {
    const attributes = spAssertion(context)?.assertion.attributes ?? [];
    for (const by of ["Name", "FriendlyName"] as const) {
      const seen = new Set<string>();
      for (const attribute of attributes) {
        const key = by === "Name" ? attribute.name : attribute.friendlyName;
        if (key === undefined || key === "") continue;
        if (seen.has(key)) {
          const text = PY.duplicatedAttribute(by);
          const draft: FindingDraft = {
            severity: "error",
            message: `Two Attribute elements have the ${by} ${JSON.stringify(key)}. python3-saml raises "${text}" when Sentry reads the attributes: ${SENTRY.serverError}.`,
            expected: `one Attribute per ${by}`,
            actual: `${JSON.stringify(key)} repeated`,
            receiverMessage: text,
          };
          return [draft];
        }
        seen.add(key);
      }
    }
    return [];
  },
});
