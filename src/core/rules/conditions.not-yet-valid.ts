import { epochSeconds, parseSamlTime } from "../saml/time.js";
import { ALLOWED_CLOCK_DRIFT, PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "conditions.not-yet-valid",
  source: `${SOURCES.isValid} → validate_timestamps (ALLOWED_CLOCK_DRIFT = ${ALLOWED_CLOCK_DRIFT} s)`,
  fix: "The Keycloak server's clock is ahead of Sentry's by more than 5 minutes: synchronise both with NTP (no Keycloak client setting changes NotBefore).",
  check: (context) => {
    const notBefore = spAssertion(context)?.assertion.conditions?.notBefore;
    if (notBefore === undefined || notBefore === "") return [];
    const time = parseSamlTime(notBefore);
    const now = epochSeconds(context.now);
    if (time === undefined || time <= now + ALLOWED_CLOCK_DRIFT) return [];
    return [
      {
        severity: "error",
        message: `Conditions NotBefore is ${time - now} s after the service provider's clock, more than the ${ALLOWED_CLOCK_DRIFT} s python3-saml allows. python3-saml: "${PY.notYetValid}" (Sentry shows "${SENTRY.failed(PY.notYetValid)}").`,
        expected: `NotBefore ≤ ${new Date((now + ALLOWED_CLOCK_DRIFT) * 1000).toISOString()}`,
        actual: notBefore,
        receiverMessage: PY.notYetValid,
      },
    ];
  },
});
