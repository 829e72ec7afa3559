import { epochSeconds, parseSamlTime } from "../saml/time.js";
import { ALLOWED_CLOCK_DRIFT, PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "conditions.expired",
  source: `${SOURCES.isValid} → validate_timestamps (ALLOWED_CLOCK_DRIFT = ${ALLOWED_CLOCK_DRIFT} s)`,
  fix: "Advanced → Assertion Lifespan (raise it if users are slow to be redirected), or synchronise the Keycloak and Sentry clocks; a replayed old response also ends here.",
  check: (context) => {
    const notOnOrAfter = spAssertion(context)?.assertion.conditions?.notOnOrAfter;
    if (notOnOrAfter === undefined || notOnOrAfter === "") return [];
    const time = parseSamlTime(notOnOrAfter);
    const now = epochSeconds(context.now);
    if (time === undefined || time + ALLOWED_CLOCK_DRIFT > now) return [];
    return [
      {
        severity: "error",
        message: `Conditions NotOnOrAfter passed ${now - time} s ago, more than the ${ALLOWED_CLOCK_DRIFT} s python3-saml allows. python3-saml: "${PY.expired}" (Sentry shows "${SENTRY.failed(PY.expired)}").`,
        expected: `NotOnOrAfter > ${new Date((now - ALLOWED_CLOCK_DRIFT) * 1000).toISOString()}`,
        actual: notOnOrAfter,
        receiverMessage: PY.expired,
      },
    ];
  },
});
