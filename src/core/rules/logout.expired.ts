import { epochSeconds, parseSamlTime } from "../saml/time.js";
import { spLogout } from "./context-helpers.js";
import { PY, SOURCES } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "logout.expired",
  source: `${SOURCES.logoutIsValid} (NotOnOrAfter, no clock drift allowed)`,
  fix: "Synchronise the Keycloak and Sentry clocks; a logout link replayed late also ends here.",
  check: (context) => {
    const logout = spLogout(context);
    if (logout?.kind !== "LogoutRequest" || logout.notOnOrAfter === undefined || logout.notOnOrAfter === "") return [];
    const time = parseSamlTime(logout.notOnOrAfter);
    const now = epochSeconds(context.now);
    if (time === undefined || time > now) return [];
    return [
      {
        severity: "error",
        message: `The LogoutRequest's NotOnOrAfter passed ${now - time} s ago (python3-saml allows no clock drift here), so Sentry's SLS ignores it: the Sentry session is not ended and Keycloak gets no answer. python3-saml: "${PY.logoutExpired}".`,
        expected: `NotOnOrAfter > ${context.now.toISOString()}`,
        actual: logout.notOnOrAfter,
        receiverMessage: PY.logoutExpired,
      },
    ];
  },
});
