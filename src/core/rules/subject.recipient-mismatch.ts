import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { quote, receivedAt, spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";
import { failingWith, judgeConfirmations } from "./subject-confirmation.js";

export const rule = defineRule({
  id: "subject.recipient-mismatch",
  source: `${SOURCES.isValid} → SubjectConfirmation loop (Recipient must contain the URL the SP was reached at)`,
  fix: "Advanced → Fine Grain SAML Endpoint Configuration → Assertion Consumer Service POST Binding URL: Sentry's ACS URL, trailing slash included (Keycloak writes it as Recipient). If only http/https differs, fix Sentry's system.url-prefix.",
  check: (context) => {
    const response = spResponse(context);
    if (response === undefined) return [];
    const failing = failingWith(judgeConfirmations(response, context.profile.acsUrl, context.now), "recipient");
    return failing.slice(0, 1).map((confirmation) => ({
      severity: "error" as const,
      message: `SubjectConfirmationData Recipient does not contain the URL Sentry was reached at. python3-saml: "${PY.noValidSubjectConfirmation}" (Sentry shows "${SENTRY.failed(PY.noValidSubjectConfirmation)}").`,
      expected: context.profile.acsUrl === undefined ? undefined : receivedAt(context.profile.acsUrl),
      actual: quote(confirmation.recipient),
      receiverMessage: PY.noValidSubjectConfirmation,
    }));
  },
});
