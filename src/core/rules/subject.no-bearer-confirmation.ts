import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { judgeConfirmations } from "./subject-confirmation.js";

export const rule = defineRule({
  id: "subject.no-bearer-confirmation",
  source: `${SOURCES.isValid} → SubjectConfirmation loop (Method bearer with SubjectConfirmationData)`,
  fix: "Not a Keycloak setting: Keycloak always writes a bearer SubjectConfirmation with data; the message was produced or altered elsewhere.",
  check: (context) => {
    const response = spResponse(context);
    const verdict = response === undefined ? undefined : judgeConfirmations(response, context.profile.acsUrl, context.now);
    if (verdict === undefined || verdict.valid) return [];
    const usable = verdict.problems.some((list) => !list.includes("not-bearer") && !list.includes("no-data"));
    if (usable) return [];
    return [
      {
        severity: "error",
        message: `The Subject has no bearer SubjectConfirmation with SubjectConfirmationData. python3-saml: "${PY.noValidSubjectConfirmation}" (Sentry shows "${SENTRY.failed(PY.noValidSubjectConfirmation)}").`,
        expected: "SubjectConfirmation Method=urn:oasis:names:tc:SAML:2.0:cm:bearer with SubjectConfirmationData",
        actual: `${verdict.confirmations.length} SubjectConfirmation(s) without one`,
        receiverMessage: PY.noValidSubjectConfirmation,
      },
    ];
  },
});
