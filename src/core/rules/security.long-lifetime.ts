import { SECURITY_SOURCES } from "../presets/sources.js";
import { parseSamlTime } from "../saml/time.js";
import { spAssertion } from "./context-helpers.js";
import { defineRule } from "./rule.js";

/**
 * Longer than this, a captured assertion stays replayable for more than a moment: Sentry keeps no record of assertion
 * IDs, so NotOnOrAfter is all that ends it. 10 minutes is well above Keycloak's default (the realm's Access Code
 * Lifespan, 1 minute) plus python3-saml's 300 s clock drift allowance, so only a deliberately long setting reaches it.
 */
export const LONG_LIFETIME_SECONDS = 600;

export const rule = defineRule({
  id: "security.long-lifetime",
  kind: "security",
  source: `${SECURITY_SOURCES.samlSecurity} (replay: keep assertion validity short)`,
  fix: "Keycloak: Advanced › Assertion Lifespan: a few minutes at most (empty uses the realm's Access Code Lifespan, 1 minute by default).",
  check: (context) => {
    const read = spAssertion(context);
    const notOnOrAfter = read?.assertion.conditions?.notOnOrAfter;
    const start = read?.assertion.conditions?.notBefore ?? read?.assertion.issueInstant;
    if (read === undefined || notOnOrAfter === undefined || start === undefined) return [];
    const end = parseSamlTime(notOnOrAfter);
    const begin = parseSamlTime(start);
    if (end === undefined || begin === undefined || end - begin <= LONG_LIFETIME_SECONDS) return [];
    const minutes = Math.round((end - begin) / 60);
    return [
      {
        severity: "warning",
        message:
          `The assertion is valid for ${minutes} minutes (${start} to ${notOnOrAfter}). Sentry keeps no record of assertions it has seen, so a captured ` +
          "response can be replayed to log in as this user until it expires.",
        expected: `at most ${LONG_LIFETIME_SECONDS / 60} minutes`,
        actual: `${minutes} minutes`,
      },
    ];
  },
});
