import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { quote, spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { failingWith, judgeConfirmations } from "./subject-confirmation.js";

export const rule = defineRule({
  id: "request.in-response-to-mismatch",
  source: `${SOURCES.isValid} → SubjectConfirmation loop (InResponseTo); Sentry passes no request ID to process_response`,
  fix: "Not a Keycloak setting: the Response answers another login attempt (an old tab, a double submit, or a replayed capture). Start the login again from Sentry.",
  // Only the SubjectConfirmation's InResponseTo against the Response's: a Response is paired with the AuthnRequest whose
  // ID its InResponseTo names (saml/flows.ts), so within a capture the two cannot differ.
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const [confirmation] = failingWith(judgeConfirmations(response, context.profile.acsUrl, context.now), "in-response-to");
    if (confirmation === undefined) return [];
    return [
      {
        severity: "error",
        message: `SubjectConfirmationData InResponseTo differs from the Response's InResponseTo. python3-saml: "${PY.noValidSubjectConfirmation}" (Sentry shows "${SENTRY.failed(PY.noValidSubjectConfirmation)}").`,
        expected: quote(response.inResponseTo),
        actual: quote(confirmation.inResponseTo),
        receiverMessage: PY.noValidSubjectConfirmation,
      },
    ];
  },
});
