import { epochSeconds, parseSamlTime } from "../saml/time.js";
import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "session.expired",
  source: `${SOURCES.isValid} → get_session_not_on_or_after (no clock drift allowed)`,
  fix: "Realm settings → Sessions → SSO Session Max / Idle (Keycloak derives SessionNotOnOrAfter from them), or synchronise the Keycloak and Sentry clocks.",
  check: (context) => {
    const statement = spAssertion(context)?.assertion.authnStatements.find((candidate) => candidate.sessionNotOnOrAfter !== undefined);
    const value = statement?.sessionNotOnOrAfter;
    if (value === undefined) return [];
    const time = parseSamlTime(value);
    if (time === undefined || time > epochSeconds(context.now)) return [];
    return [
      {
        severity: "error",
        message: `SessionNotOnOrAfter has passed. python3-saml: "${PY.sessionExpired}" (Sentry shows "${SENTRY.failed(PY.sessionExpired)}").`,
        expected: `after ${context.now.toISOString()}`,
        actual: value,
        receiverMessage: PY.sessionExpired,
      },
    ];
  },
});
