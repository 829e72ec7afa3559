import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "assertion.audience-mismatch",
  source: `${SOURCES.isValid} → get_audiences`,
  fix: "Settings → Client ID: it must be exactly Sentry's SP entity ID (…/saml/metadata/<org>/, trailing slash included); Keycloak writes the Client ID as the Audience.",
  check: (context) => {
    const audiences = spAssertion(context)?.assertion.conditions?.audiences ?? [];
    const spEntityId = context.profile.spEntityId;
    if (spEntityId === undefined || audiences.length === 0 || audiences.includes(spEntityId)) return [];
    const text = PY.wrongAudience(spEntityId);
    return [
      {
        severity: "error",
        message: `The Audience is not Sentry's SP entity ID. python3-saml: "${text}" (Sentry shows "${SENTRY.failed(text)}").`,
        expected: spEntityId,
        actual: audiences.map((audience) => JSON.stringify(audience)).join(", "),
        receiverMessage: text,
      },
    ];
  },
});
