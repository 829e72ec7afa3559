import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { failingWith, judgeConfirmations } from "./subject-confirmation.js";

export const rule = defineRule({
  id: "subject.expired",
  source: `${SOURCES.isValid} → SubjectConfirmation loop (NotOnOrAfter, no clock drift allowed)`,
  fix: "Advanced → Assertion Lifespan (raise it), or synchronise the Keycloak and Sentry clocks: unlike Conditions, SubjectConfirmationData NotOnOrAfter gets no clock tolerance in python3-saml. A late or replayed POST also ends here.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const verdict = judgeConfirmations(response, context.profile.acsUrl, context.now);
    const failing = [...failingWith(verdict, "expired"), ...failingWith(verdict, "not-yet-valid")];
    return failing.slice(0, 1).map((confirmation) => ({
      severity: "error" as const,
      message: `SubjectConfirmationData is outside its validity window at ${context.now.toISOString()} (python3-saml allows no clock drift here). python3-saml: "${PY.noValidSubjectConfirmation}" (Sentry shows "${SENTRY.failed(PY.noValidSubjectConfirmation)}").`,
      expected: `NotBefore ≤ now < NotOnOrAfter`,
      actual: `NotBefore ${confirmation.notBefore ?? "(absent)"}, NotOnOrAfter ${confirmation.notOnOrAfter ?? "(absent)"}`,
      receiverMessage: PY.noValidSubjectConfirmation,
    }));
  },
});
