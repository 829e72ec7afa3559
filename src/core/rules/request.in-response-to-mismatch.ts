import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { quote, spResponse } from "./context-helpers.js";
import { defineRule, type FindingDraft } from "./rule.js";
import { failingWith, judgeConfirmations } from "./subject-confirmation.js";

export const rule = defineRule({
  id: "request.in-response-to-mismatch",
  source: `${SOURCES.isValid} → SubjectConfirmation loop (InResponseTo); Sentry passes no request ID to process_response`,
  fix: "Not a Keycloak setting: the Response answers another login attempt (an old tab, a double submit, or a replayed capture). Start the login again from Sentry.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const out: FindingDraft[] = [];
    const failing = failingWith(judgeConfirmations(response, context.profile.acsUrl, context.now), "in-response-to");
    for (const confirmation of failing.slice(0, 1)) {
      out.push({
        severity: "error",
        message: `SubjectConfirmationData InResponseTo differs from the Response's InResponseTo. python3-saml: "${PY.noValidSubjectConfirmation}" (Sentry shows "${SENTRY.failed(PY.noValidSubjectConfirmation)}").`,
        expected: quote(response.inResponseTo),
        actual: quote(confirmation.inResponseTo),
        receiverMessage: PY.noValidSubjectConfirmation,
      });
    }
    const request = context.request;
    if (request?.id !== undefined && response.inResponseTo !== undefined && response.inResponseTo !== request.id) {
      out.push({
        severity: "warning",
        message: "The Response's InResponseTo is not the ID of the AuthnRequest it follows in this capture. Sentry does not check it (it passes no request ID), so login still works, but the two belong to different attempts.",
        expected: request.id,
        actual: response.inResponseTo,
      });
    }
    return out;
  },
});
